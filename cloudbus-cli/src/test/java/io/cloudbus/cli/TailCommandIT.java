package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code tail} against a small server speaking the {@code /ws/{resource}} contract. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TailCommandIT {

  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> subscribes = new CopyOnWriteArrayList<>();
  private final List<String> tokens = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private HttpServer serve(int port, String subject) throws Exception {
    return vertx
        .createHttpServer()
        .webSocketHandshakeHandler(
            h -> {
              if (h.path().equals("/ws/events")) {
                h.accept();
              } else {
                h.reject(404);
              }
            })
        .webSocketHandler(
            ws -> {
              tokens.add(String.valueOf(ws.headers().get("Authorization")));
              ws.writeTextMessage(new JsonObject().put("type", "welcome").encode());
              ws.textMessageHandler(text -> answer(ws, new JsonObject(text), subject));
            })
        .listen(port, "127.0.0.1")
        .await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private void answer(ServerWebSocket ws, JsonObject frame, String subject) {
    if (!"subscribe".equals(frame.getString("action"))) {
      return;
    }
    subscribes.add(frame);
    ws.writeTextMessage(
        new JsonObject()
            .put("type", "subscribed")
            .put("filter", frame.getJsonObject("filter"))
            .encode());
    JsonObject event =
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", "e-" + subject)
            .put("type", "io.cloudbus.alarm.triggered")
            .put("source", "/cloudbus/simplisafe/home")
            .put("subject", subject)
            .put("time", "2026-01-01T10:00:00Z")
            .put("vendor", "simplisafe")
            .put("account", "home");
    ws.writeTextMessage("not json");
    ws.writeTextMessage(
        new JsonObject()
            .put("type", "event")
            .put("resource", "events")
            .put("data", event)
            .encode());
  }

  @Test
  void printsEventsAndReconnectsWhenTheServiceRestarts() throws Exception {
    // GIVEN a service
    HttpServer first = serve(0, "front-door");
    int port = first.actualPort();

    try (CliRun cli = new CliRun()) {
      cli.env.put("CLOUDBUS_TOKEN", "t0k3n");
      // WHEN tail follows it
      cli.start("tail", "--url", "http://127.0.0.1:" + port, "--type", "alarm.");

      // THEN it subscribes with the filter and prints the event
      await().atMost(PATIENT).until(() -> cli.out().contains("front-door"));
      assertThat(subscribes.get(0).getJsonObject("filter"))
          .isEqualTo(new JsonObject().put("type", "io.cloudbus.alarm."));
      assertThat(tokens.get(0)).isEqualTo("Bearer t0k3n");
      assertThat(cli.out())
          .containsPattern(
              "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  alarm\\.triggered +simplisafe/home +front-door");

      // WHEN the service restarts on the same port
      first.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
      await().atMost(PATIENT).until(() -> cli.err().contains("reconnecting"));
      serve(port, "back-door");

      // THEN tail reconnects and prints the next event
      await().atMost(PATIENT).until(() -> cli.out().contains("back-door"));
      assertThat(cli.stop()).isZero();
      assertThat(cli.err()).doesNotContain("t0k3n").doesNotContain("Exception");
    }
  }

  @Test
  void aRefusedTokenIsFatal() throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .webSocketHandshakeHandler(h -> h.reject(401))
            .webSocketHandler(ws -> {})
            .listen(0, "127.0.0.1")
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    try (CliRun cli = new CliRun()) {
      cli.start("tail", "--url", "http://127.0.0.1:" + server.actualPort(), "--token", "bad");
      assertThat(cli.exit().get(PATIENT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ExitCodes.FAILURE);
      assertThat(cli.err()).contains("refused the connection (401)").doesNotContain("bad\n");
    }
  }
}

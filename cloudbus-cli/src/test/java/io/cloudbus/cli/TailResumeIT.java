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

/**
 * {@code tail} resuming after the service restarts: from the last position it printed, or from the
 * {@code subscribed} answer's position before any event; a resume the service refuses (its journal
 * is another one) goes on live with a notice instead of following nothing; a {@code --since} the
 * service refuses ends tail. Against a small server speaking the {@code /ws/{resource}} contract.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TailResumeIT {

  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> subscribes = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /** How a server answers one subscribe frame. */
  private interface Answer {
    void to(ServerWebSocket ws, JsonObject subscribe);
  }

  private HttpServer serve(int port, Answer answer) throws Exception {
    return vertx
        .createHttpServer()
        .webSocketHandler(
            ws -> {
              ws.writeTextMessage(new JsonObject().put("type", "welcome").encode());
              ws.textMessageHandler(
                  text -> {
                    JsonObject frame = new JsonObject(text);
                    if ("subscribe".equals(frame.getString("action"))) {
                      subscribes.add(frame);
                      answer.to(ws, frame);
                    }
                  });
            })
        .listen(port, "127.0.0.1")
        .await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private static void subscribed(ServerWebSocket ws, String position) {
    JsonObject s = new JsonObject().put("type", "subscribed").put("filter", new JsonObject());
    if (position != null) {
      s.put("position", position);
    }
    ws.writeTextMessage(s.encode());
  }

  private static void event(ServerWebSocket ws, String subject, String position) {
    JsonObject event =
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", "e-" + subject)
            .put("type", "io.cloudbus.doorbell.ring")
            .put("source", "/cloudbus/bticino/flat")
            .put("subject", subject)
            .put("time", "2026-01-01T10:00:00Z")
            .put("vendor", "bticino")
            .put("account", "flat");
    ws.writeTextMessage(
        new JsonObject()
            .put("type", "event")
            .put("resource", "events")
            .put("data", event)
            .put("position", position)
            .encode());
  }

  private static void badSince(ServerWebSocket ws, String since) {
    ws.writeTextMessage(
        new JsonObject()
            .put("type", "error")
            .put(
                "error",
                new JsonObject()
                    .put("code", "bad_since")
                    .put("message", "since: position " + since + " is beyond the journal's latest"))
            .encode());
  }

  @Test
  void aResumeTheServiceRefusesGoesOnLiveWithANotice() throws Exception {
    // GIVEN tail printed the event at position 8
    HttpServer first =
        serve(
            0,
            (ws, s) -> {
              subscribed(ws, "7");
              event(ws, "front-door", "8");
            });
    int port = first.actualPort();
    try (CliRun cli = new CliRun()) {
      cli.start("tail", "--url", "http://127.0.0.1:" + port);
      await().atMost(PATIENT).until(() -> cli.out().contains("front-door"));

      // WHEN the service comes back with another journal, which refuses position 8
      first.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
      await().atMost(PATIENT).until(() -> cli.err().contains("reconnecting"));
      serve(
          port,
          (ws, s) -> {
            if (s.containsKey("since")) {
              badSince(ws, s.getString("since"));
            } else {
              subscribed(ws, "0");
              event(ws, "back-door", "1");
            }
          });

      // THEN tail says so, subscribes live on the same connection and prints the next event
      await().atMost(PATIENT).until(() -> cli.out().contains("back-door"));
      assertThat(subscribes).hasSize(3);
      assertThat(subscribes.get(1).getString("since")).isEqualTo("8");
      assertThat(subscribes.get(2).containsKey("since")).isFalse();
      assertThat(cli.err())
          .contains("cannot resume after position 8")
          .contains("following live, events in between are not shown");
      assertThat(cli.stop()).isZero();
    }
  }

  @Test
  void beforeAnyEventTailResumesFromTheSubscribedPosition() throws Exception {
    // GIVEN tail subscribed live when the journal's latest position was 41, and got no event
    HttpServer first = serve(0, (ws, s) -> subscribed(ws, "41"));
    int port = first.actualPort();
    try (CliRun cli = new CliRun()) {
      cli.start("tail", "--url", "http://127.0.0.1:" + port);
      await().atMost(PATIENT).until(() -> cli.err().contains("subscribed"));

      // WHEN the service restarts
      first.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
      await().atMost(PATIENT).until(() -> cli.err().contains("reconnecting"));
      serve(port, (ws, s) -> event(ws, "porch", "42"));

      // THEN tail asks for what happened after 41 (nothing is lost while it was away)
      await().atMost(PATIENT).until(() -> cli.out().contains("porch"));
      assertThat(subscribes.get(0).containsKey("since")).isFalse();
      assertThat(subscribes.get(1).getString("since")).isEqualTo("41");
      assertThat(cli.stop()).isZero();
    }
  }

  @Test
  void aSinceTheServiceRefusesEndsTail() throws Exception {
    HttpServer server = serve(0, (ws, s) -> badSince(ws, s.getString("since")));
    try (CliRun cli = new CliRun()) {
      cli.start("tail", "--url", "http://127.0.0.1:" + server.actualPort(), "--since", "999");
      assertThat(cli.exit().get(PATIENT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ExitCodes.FAILURE);
      assertThat(cli.err()).contains("tail: the service refused --since: since: position 999");
    }
  }
}

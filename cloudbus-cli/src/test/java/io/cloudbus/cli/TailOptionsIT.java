package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code tail --json --last N --since D} against a small server speaking the {@code /ws} and {@code
 * /api/events} contracts (the journal's page and an older service's plain array).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TailOptionsIT {

  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> subscribes = new CopyOnWriteArrayList<>();
  private final List<String> queries = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  static JsonObject event(String id, String time) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id)
        .put("type", "io.cloudbus.doorbell.ring")
        .put("source", "/cloudbus/bticino/flat")
        .put("subject", "door-" + id)
        .put("time", time)
        .put("vendor", "bticino")
        .put("account", "flat")
        .put("data", new JsonObject().put("raw", new JsonObject().put("n", id)));
  }

  /** Newest first, as the service answers; the live event repeats the newest one. */
  private HttpServer serve(boolean journal) throws Exception {
    JsonArray history =
        new JsonArray()
            .add(event("e3", "2026-01-01T10:00:03Z"))
            .add(event("e2", "2026-01-01T10:00:02Z"))
            .add(event("e1", "2026-01-01T10:00:01Z"));
    return vertx
        .createHttpServer()
        .requestHandler(
            rc -> {
              queries.add(rc.uri());
              Object body =
                  journal ? new JsonObject().put("events", history).putNull("next") : history;
              rc.response()
                  .putHeader("Content-Type", "application/json")
                  .end(io.vertx.core.json.Json.encode(body));
            })
        .webSocketHandler(
            ws ->
                ws.textMessageHandler(
                    text -> {
                      JsonObject frame = new JsonObject(text);
                      subscribes.add(frame);
                      ws.writeTextMessage(
                          new JsonObject()
                              .put("type", "event")
                              .put("resource", "events")
                              .put("position", "p-3")
                              .put("data", event("e3", "2026-01-01T10:00:03Z"))
                              .encode());
                      ws.writeTextMessage(
                          new JsonObject()
                              .put("type", "event")
                              .put("resource", "events")
                              .put("position", "p-4")
                              .put("data", event("e4", "2026-01-01T10:00:04Z"))
                              .encode());
                    }))
        .listen(0, "127.0.0.1")
        .await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void lastNThenLiveAsJsonLinesEachEventOnce() throws Exception {
    for (boolean journal : new boolean[] {true, false}) {
      subscribes.clear();
      queries.clear();
      HttpServer server = serve(journal);
      try (CliRun cli = new CliRun()) {
        // WHEN tail asks for the last 2 events as JSON, then follows
        cli.start(
            "tail",
            "--url",
            "http://127.0.0.1:" + server.actualPort(),
            "--vendor",
            "bticino",
            "--last",
            "2",
            "--json");
        await().atMost(PATIENT).until(() -> cli.out().contains("\"e4\""));
        // THEN the history comes oldest first, then live, each event once, one JSON object a line
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.stream().map(l -> new JsonObject(l).getString("id")))
            .containsExactly("e1", "e2", "e3", "e4");
        assertThat(new JsonObject(lines.get(0)).getJsonObject("data").getJsonObject("raw"))
            .isEqualTo(new JsonObject().put("n", "e1"));
        assertThat(queries.get(0)).isEqualTo("/api/events?limit=2&vendor=bticino");
        // AND it follows from the newest of them, so that a journal replays what came between
        assertThat(subscribes.get(0).getString("since")).isEqualTo("e3");
        assertThat(cli.stop()).isZero();
      }
      server.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  void sinceGoesIntoTheSubscribeFrameAndLinesCarryTheDate() throws Exception {
    HttpServer server = serve(true);
    try (CliRun cli = new CliRun()) {
      cli.start("tail", "--url", "http://127.0.0.1:" + server.actualPort(), "--since", "e1");
      await().atMost(PATIENT).until(() -> cli.out().contains("door-e4"));
      assertThat(subscribes.get(0).getString("since")).isEqualTo("e1");
      assertThat(cli.out())
          .containsPattern(
              "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}  doorbell\\.ring +bticino/flat"
                  + " +door-e3");
      assertThat(cli.stop()).isZero();
    }
  }

  @Test
  void aRefusedTokenForTheHistoryEndsTailWithTheSameAdviceAsARefusedConnection() throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(rc -> rc.response().setStatusCode(401).end())
            .listen(0, "127.0.0.1")
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    String url = "http://127.0.0.1:" + server.actualPort();
    CliRun cli = new CliRun();

    int exit = cli.execute("tail", "--url", url, "--token", "wrong", "--last", "1");

    assertThat(exit).isEqualTo(ExitCodes.FAILURE);
    assertThat(cli.err())
        .contains(
            "tail: the service refused "
                + url
                + "/api/events?limit=1 (401): check --token and its read role");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void sinceValues() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);
    assertThat(TailSince.resolve("10m", clock)).isEqualTo("2026-01-01T11:50:00Z");
    assertThat(TailSince.resolve("2h", clock)).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(TailSince.resolve("7d", clock)).isEqualTo("2025-12-25T12:00:00Z");
    assertThat(TailSince.resolve("2026-01-01T09:00:00Z", clock)).isEqualTo("2026-01-01T09:00:00Z");
    assertThat(TailSince.resolve("ss-123", clock)).isEqualTo("ss-123");
    CliRun cli = new CliRun();
    assertThat(cli.execute("tail", "--since", " ")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).startsWith("cloudbus tail: --since must be");
    CliRun zero = new CliRun();
    assertThat(zero.execute("tail", "--last", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(zero.err()).startsWith("cloudbus tail: --last must be between 1 and 1000");
    // both would print the events between the two twice
    CliRun both = new CliRun();
    assertThat(both.execute("tail", "--last", "5", "--since", "10m")).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).startsWith("cloudbus tail: --last and --since cannot be combined");
  }
}

package io.cloudbus.core;

import static io.cloudbus.core.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.testing.TestSocket;
import io.cloudbus.core.testing.TestWsServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Catch-up: flagged, retried while connected, and gaps announced. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CatchUpIT {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Vertx vertx;
  private TestWsServer server;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = new TestWsServer(vertx).start().await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
    vertx.eventBus().<JsonObject>consumer(CloudbusAddresses.EVENTS, m -> events.add(m.body()));
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close().await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private static CloudSocketOptions options() {
    return CloudSocketOptions.builder("test", "acc")
        .reconnectInitialDelayMs(50)
        .reconnectMaxDelayMs(200)
        .build();
  }

  private List<String> ids() {
    return events.stream().map(e -> e.getString("id")).toList();
  }

  @Test
  void aFailedCatchUpIsRetriedWhileConnectedAndItsEventsAreFlagged() throws Exception {
    // GIVEN a vendor whose history call fails twice (429, 403), then answers
    AtomicInteger calls = new AtomicInteger();
    TestSocket s = new TestSocket(options(), (AuthHandler) null, server.port());
    s.recent =
        t ->
            calls.incrementAndGet() <= 2
                ? Future.failedFuture(new IllegalStateException("HTTP 429"))
                : Future.succeededFuture(List.of(s.event("h1", "alarm.triggered", T0)));
    s.useJournal(EventJournal.inMemory(100));

    // WHEN it connects
    vertx.deployVerticle(s).await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);

    // THEN the history event arrives after the retries, marked catchUp, on the first connection
    await().atMost(PATIENT).until(() -> ids().contains("h1"));
    assertThat(calls.get()).isEqualTo(3);
    assertThat(events.get(0).getJsonObject("data").getBoolean("catchUp")).isTrue();
    assertThat(s.stats().getLong("connections")).isEqualTo(1);
    // AND a push is not marked
    server.pushEvent("p1", "alarm.triggered");
    await().atMost(PATIENT).until(() -> ids().contains("p1"));
    assertThat(events.get(1).getJsonObject("data").containsKey("catchUp")).isFalse();
  }

  @Test
  void aReconnectOfAVendorWithoutHistoryAnnouncesAGap() throws Exception {
    // GIVEN a connected socket of a vendor without history
    TestSocket s =
        new TestSocket(options(), (AuthHandler) null, server.port()) {
          @Override
          protected boolean hasHistory() {
            return false;
          }
        };
    vertx.deployVerticle(s).await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
    await().atMost(PATIENT).until(() -> s.state() == ConnectionState.CONNECTED);
    assertThat(events).isEmpty();

    // WHEN the link drops and comes back
    server.closeAll();
    await().atMost(PATIENT).until(() -> s.stats().getLong("connections") == 2);

    // THEN one gap event names the account and the outage
    await().atMost(PATIENT).until(() -> !events.isEmpty());
    JsonObject gap = events.get(0);
    assertThat(gap.getString("type")).isEqualTo("io.cloudbus.stream.gap");
    assertThat(gap.getString("subject")).isEqualTo("acc");
    JsonObject data = gap.getJsonObject("data");
    assertThat(data.getString("reason")).isEqualTo("no_history");
    assertThat(Instant.parse(data.getString("from")))
        .isBeforeOrEqualTo(Instant.parse(data.getString("to")));
  }

  @Test
  void anOutageLongerThanTheHistoryWindowIsAnnounced() throws Exception {
    // GIVEN a vendor listing only its two newest events, and one event delivered
    List<io.cloudbus.core.CloudbusEvent> history = new CopyOnWriteArrayList<>();
    TestSocket s = new TestSocket(options(), (AuthHandler) null, server.port());
    s.recent =
        t ->
            Future.succeededFuture(
                List.copyOf(history.subList(Math.max(0, history.size() - 2), history.size())));
    history.add(s.event("e1", "alarm.triggered", T0));
    vertx.deployVerticle(s).await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
    await().atMost(PATIENT).until(() -> ids().contains("e1"));

    // WHEN three events happen while the link is down
    server.rejectStatus = 503;
    server.closeAll();
    await().atMost(PATIENT).until(() -> s.state() == ConnectionState.BACKOFF);
    for (int i = 2; i <= 4; i++) {
      history.add(s.event("e" + i, "alarm.triggered", T0.plusSeconds(i)));
    }
    server.rejectStatus = 0;

    // THEN a gap from the last delivered event to the oldest listed one, then the listed events
    await().atMost(PATIENT).until(() -> ids().contains("e4"));
    assertThat(ids())
        .containsExactly(
            "e1", "gap-" + T0.toEpochMilli() + "-" + T0.plusSeconds(3).toEpochMilli(), "e3", "e4");
    assertThat(events.get(1).getJsonObject("data").getString("reason")).isEqualTo("history_window");
  }
}

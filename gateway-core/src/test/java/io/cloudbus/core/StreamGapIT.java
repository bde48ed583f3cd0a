package io.cloudbus.core;

import static io.cloudbus.core.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalQuery;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code io.cloudbus.stream.gap}: on the {@code connected} status as well as an event, and at the
 * first connect after a restart (a new socket on a journal that knows the account).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StreamGapIT {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String GAP = "io.cloudbus.stream.gap";

  private Vertx vertx;
  private TestWsServer server;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final List<JsonObject> statuses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = new TestWsServer(vertx).start().await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
    vertx.eventBus().<JsonObject>consumer(CloudbusAddresses.EVENTS, m -> events.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(CloudbusAddresses.STATUS, m -> statuses.add(m.body()));
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

  private TestSocket withoutHistory() {
    return new TestSocket(options(), (AuthHandler) null, server.port()) {
      @Override
      protected boolean hasHistory() {
        return false;
      }
    };
  }

  private List<String> ids() {
    return events.stream().map(e -> e.getString("id")).toList();
  }

  private List<JsonObject> gaps() {
    return events.stream().filter(e -> GAP.equals(e.getString("type"))).toList();
  }

  private List<JsonObject> gapStatuses() {
    return statuses.stream().filter(s -> s.containsKey("gap")).toList();
  }

  private String deploy(CloudSocket s) throws Exception {
    return vertx.deployVerticle(s).await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private void undeploy(String id) throws Exception {
    vertx.undeploy(id).await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private static Instant lastJournaledAt(EventJournal journal) throws Exception {
    List<JournalEntry> newest =
        journal
            .read(JournalQuery.builder().limit(1).build())
            .await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS)
            .entries();
    return newest.get(0).journaledAt();
  }

  @Test
  void theConnectedStatusOfAReconnectCarriesTheGapItAnnounced() throws Exception {
    // GIVEN a connected socket of a vendor without history; its first connected status has no gap
    TestSocket s = withoutHistory();
    s.useJournal(EventJournal.inMemory(100));
    deploy(s);
    await().atMost(PATIENT).until(() -> s.state() == ConnectionState.CONNECTED);
    assertThat(statuses).anyMatch(st -> "connected".equals(st.getString("state")));
    assertThat(gapStatuses()).isEmpty();

    // WHEN the link drops and comes back
    server.closeAll();
    await().atMost(PATIENT).until(() -> gaps().size() == 1);

    // THEN the connected status that followed carries the gap event's from, to and reason
    JsonObject data = gaps().get(0).getJsonObject("data");
    await().atMost(PATIENT).until(() -> gapStatuses().size() == 1);
    JsonObject status = gapStatuses().get(0);
    assertThat(status.getString("state")).isEqualTo("connected");
    assertThat(status.getJsonObject("gap")).isEqualTo(data);
    assertThat(data.getString("reason")).isEqualTo("no_history");
    assertThat(s.status().getJsonObject("gap")).isEqualTo(data);
    // AND the gap is on the connected status itself, not on a second one
    assertThat(statuses.stream().filter(st -> "connected".equals(st.getString("state"))))
        .hasSize(2);

    // AND the next state change drops it
    server.rejectStatus = 503;
    server.closeAll();
    await().atMost(PATIENT).until(() -> s.state() == ConnectionState.BACKOFF);
    assertThat(s.status().containsKey("gap")).isFalse();
  }

  @Test
  void aHistoryWindowGapIsAddedToTheConnectedStatus() throws Exception {
    // GIVEN a vendor listing only its two newest events, one of them delivered
    List<CloudbusEvent> history = new CopyOnWriteArrayList<>();
    TestSocket s = new TestSocket(options(), (AuthHandler) null, server.port());
    s.recent =
        t ->
            Future.succeededFuture(
                List.copyOf(history.subList(Math.max(0, history.size() - 2), history.size())));
    s.useJournal(EventJournal.inMemory(100));
    history.add(s.event("e1", "alarm.triggered", T0));
    deploy(s);
    await().atMost(PATIENT).until(() -> ids().contains("e1"));

    // WHEN three events happen while the link is down
    server.rejectStatus = 503;
    server.closeAll();
    await().atMost(PATIENT).until(() -> s.state() == ConnectionState.BACKOFF);
    for (int i = 2; i <= 4; i++) {
      history.add(s.event("e" + i, "alarm.triggered", T0.plusSeconds(i)));
    }
    server.rejectStatus = 0;
    await().atMost(PATIENT).until(() -> ids().contains("e4"));

    // THEN the connected status is published again with the gap, its since unchanged
    await().atMost(PATIENT).until(() -> gapStatuses().size() == 1);
    JsonObject withGap = gapStatuses().get(0);
    JsonObject before = statuses.get(statuses.indexOf(withGap) - 1);
    assertThat(before.getString("state")).isEqualTo("connected");
    assertThat(before.containsKey("gap")).isFalse();
    assertThat(withGap.getString("state")).isEqualTo("connected");
    assertThat(withGap.getString("since")).isEqualTo(before.getString("since"));
    assertThat(withGap.getJsonObject("gap"))
        .isEqualTo(
            new JsonObject()
                .put("from", T0.toString())
                .put("to", T0.plusSeconds(3).toString())
                .put("reason", "history_window"));
  }

  @Test
  void aRestartOfAVendorWithoutHistoryAnnouncesAGapFromItsLastJournaledEvent() throws Exception {
    // GIVEN a socket of a vendor without history that journaled one pushed event, then stopped
    EventJournal journal = EventJournal.inMemory(100);
    TestSocket first = withoutHistory();
    first.useJournal(journal);
    String deployment = deploy(first);
    await().atMost(PATIENT).until(() -> first.state() == ConnectionState.CONNECTED);
    server.pushEvent("p1", "alarm.triggered");
    await().atMost(PATIENT).until(() -> ids().contains("p1"));
    Instant lastJournaled = lastJournaledAt(journal);
    undeploy(deployment);
    assertThat(gaps()).isEmpty();

    // WHEN a new socket of the same account starts on the same journal (a gateway restart)
    TestSocket second = withoutHistory();
    second.useJournal(journal);
    deploy(second);

    // THEN its first connect announces one gap from the last journaled event to the connect
    await().atMost(PATIENT).until(() -> gaps().size() == 1);
    JsonObject data = gaps().get(0).getJsonObject("data");
    assertThat(data.getString("reason")).isEqualTo("gateway_restart");
    assertThat(Instant.parse(data.getString("from"))).isEqualTo(lastJournaled);
    assertThat(Instant.parse(data.getString("to"))).isAfterOrEqualTo(lastJournaled);
    assertThat(gaps().get(0).getString("subject")).isEqualTo("acc");
    await().atMost(PATIENT).until(() -> gapStatuses().size() == 1);
    assertThat(gapStatuses().get(0).getString("state")).isEqualTo("connected");
    assertThat(gapStatuses().get(0).getJsonObject("gap")).isEqualTo(data);
  }

  @Test
  void aFirstStartOnAJournalThatDoesNotKnowTheAccountAnnouncesNothing() throws Exception {
    // GIVEN a journal holding only another account's event
    EventJournal journal = EventJournal.inMemory(100);
    journal
        .append(
            TestSocket.eventMessage("x", "alarm.triggered", T0)
                .put("source", "/cloudbus/test/other")
                .put("vendor", "test")
                .put("account", "other")
                .put("type", "io.cloudbus.alarm.triggered"))
        .await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
    TestSocket s = withoutHistory();
    s.useJournal(journal);

    // WHEN the socket starts and an event is pushed
    deploy(s);
    await().atMost(PATIENT).until(() -> s.state() == ConnectionState.CONNECTED);
    server.pushEvent("p1", "alarm.triggered");
    await().atMost(PATIENT).until(() -> ids().contains("p1"));

    // THEN no gap was announced (nothing was known of this account before)
    assertThat(ids()).containsExactly("p1");
    assertThat(gapStatuses()).isEmpty();
  }

  @Test
  void aRestartOfAVendorWithHistoryAnnouncesOnlyAnOutrunHistoryWindow() throws Exception {
    // GIVEN a vendor listing its two newest events; e1 delivered and journaled, then a stop
    EventJournal journal = EventJournal.inMemory(100);
    List<CloudbusEvent> history = new CopyOnWriteArrayList<>();
    TestSocket first = historySocket(history, journal);
    history.add(first.event("e1", "alarm.triggered", T0));
    String deployment = deploy(first);
    await().atMost(PATIENT).until(() -> ids().contains("e1"));
    undeploy(deployment);

    // WHEN three events happen while the gateway is down, and it starts again
    for (int i = 2; i <= 4; i++) {
      history.add(first.event("e" + i, "alarm.triggered", T0.plusSeconds(i)));
    }
    TestSocket second = historySocket(history, journal);
    deployment = deploy(second);

    // THEN a history_window gap from the last journaled event to the oldest listed, then the rest
    await().atMost(PATIENT).until(() -> ids().contains("e4"));
    assertThat(ids())
        .containsExactly(
            "e1", "gap-" + T0.toEpochMilli() + "-" + T0.plusSeconds(3).toEpochMilli(), "e3", "e4");
    assertThat(gaps().get(0).getJsonObject("data").getString("reason")).isEqualTo("history_window");
    await().atMost(PATIENT).until(() -> gapStatuses().size() == 1);

    // AND another restart whose history still covers the last event announces nothing
    undeploy(deployment);
    history.add(first.event("e5", "alarm.triggered", T0.plusSeconds(5)));
    TestSocket third = historySocket(history, journal);
    deploy(third);
    await().atMost(PATIENT).until(() -> ids().contains("e5"));
    await().atMost(PATIENT).until(() -> third.stats().getLong("duplicatesDropped") >= 1);
    assertThat(gaps()).hasSize(1);
    assertThat(ids()).containsExactly("e1", gaps().get(0).getString("id"), "e3", "e4", "e5");
  }

  private TestSocket historySocket(List<CloudbusEvent> history, EventJournal journal) {
    TestSocket s = new TestSocket(options(), (AuthHandler) null, server.port());
    s.recent =
        t ->
            Future.succeededFuture(
                List.copyOf(history.subList(Math.max(0, history.size() - 2), history.size())));
    s.useJournal(journal);
    return s;
  }
}

package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.impl.InMemoryEventJournal;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A resume older than what the journal still holds is announced with an {@code
 * io.cloudbus.stream.gap} ({@code reason: retention}) on {@code /ws}, SSE and {@code /api/events},
 * never silently started later; an unknown event id is an error, not a full replay. The journal
 * keeps the latest 3 events (the in-memory journal's bound plays retention).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RetentionGapIT {

  private static final String GAP = "io.cloudbus.stream.gap";

  private GatewayService service;
  private EventJournal journal;
  private int port;
  private List<String> keptIds;
  private JournalEntry oldestKept;

  @BeforeEach
  void setUp(Vertx vertx) {
    // GIVEN a journal that held positions 1..6 and keeps 4..6 (base 0, as a file of an earlier
    // cloudbus: its positions start at 1)
    journal = new InMemoryEventJournal(3, Clock.systemUTC(), 0);
    service = GatewayService.start(vertx, TestEvents.options().build(), journal).await();
    port = service.httpPort();
    for (int i = 1; i <= 6; i++) {
      TestEvents.publish(vertx, "pylight", "shop", "resource.updated");
    }
    await().atMost(PATIENT).until(() -> journal.latestPosition().await() == 6);
    List<JournalEntry> kept =
        journal
            .read(JournalQuery.builder().order(JournalQuery.Order.OLDEST_FIRST).build())
            .await()
            .entries();
    assertThat(kept).extracting(JournalEntry::position).containsExactly(4L, 5L, 6L);
    oldestKept = kept.get(0);
    keptIds = kept.stream().map(e -> e.event().getString("id")).toList();
  }

  @AfterEach
  void tearDown() throws Exception {
    service.close().await(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private WsTestClient resume(Vertx vertx, String since) {
    WsTestClient c = WsTestClient.connect(vertx, port, "/ws/events");
    c.send(new JsonObject().put("action", "subscribe").put("since", since));
    return c;
  }

  @Test
  void wsSendsAGapEventFrameBeforeTheReplayOfAPositionOlderThanRetention(Vertx vertx) {
    // WHEN a consumer resumes after position 1 (2 and 3 are gone)
    WsTestClient c = resume(vertx, "1");
    c.awaitType("replayed");

    // THEN subscribed, one gap event frame without position, the kept events 4..6, replayed 3
    List<String> order =
        c.frames.stream().map(f -> f.getString("type")).filter(t -> !"welcome".equals(t)).toList();
    assertThat(order).containsExactly("subscribed", "event", "event", "event", "event", "replayed");
    JsonObject gapFrame = c.events().get(0);
    assertThat(gapFrame.containsKey("position")).isFalse();
    JsonObject gap = gapFrame.getJsonObject("data");
    assertThat(gap.getString("type")).isEqualTo(GAP);
    assertThat(gap.getString("subject")).isEqualTo("events");
    assertThat(gap.getJsonObject("data"))
        .isEqualTo(
            new JsonObject()
                .put("to", oldestKept.journaledAt().toString())
                .put("reason", "retention")
                .put("afterPosition", "1"));
    assertThat(c.events().subList(1, 4))
        .extracting(f -> f.getJsonObject("data").getString("id"))
        .containsExactlyElementsOf(keptIds);
    assertThat(c.awaitType("replayed").getInteger("count")).isEqualTo(3);
    c.close();
  }

  @Test
  void wsSendsNoGapWhenTheJournalStillHoldsEverythingAfterThePoint(Vertx vertx) {
    // WHEN a consumer resumes after position 3 (4 is the oldest kept: nothing is missing)
    WsTestClient c = resume(vertx, "3");
    c.awaitType("replayed");

    // THEN only the kept events, no gap
    assertThat(c.events())
        .extracting(f -> f.getJsonObject("data").getString("id"))
        .containsExactlyElementsOf(keptIds);
    c.close();
  }

  @Test
  void wsResumingFromATimeBeforeTheOldestKeptEventGetsAGapFromThatTime(Vertx vertx) {
    Instant asked = oldestKept.journaledAt().minusSeconds(3600);
    WsTestClient c = resume(vertx, asked.toString());
    c.awaitType("replayed");
    JsonObject data = c.events().get(0).getJsonObject("data").getJsonObject("data");
    assertThat(data.getString("from")).isEqualTo(asked.toString());
    assertThat(data.getString("to")).isEqualTo(oldestKept.journaledAt().toString());
    assertThat(data.getString("reason")).isEqualTo("retention");
    assertThat(c.events()).hasSize(4);
    c.close();
  }

  @Test
  void wsAnswersAnUnknownEventIdWithAnErrorNotAReplay(Vertx vertx) {
    WsTestClient c = resume(vertx, "no-such-event");
    JsonObject error = c.awaitType("error").getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("bad_since");
    assertThat(error.getString("message")).contains("no-such-event");
    c.sync();
    assertThat(c.events()).isEmpty();
    assertThat(c.count("subscribed")).isZero();
    assertThat(c.count("replayed")).isZero();
    c.close();
  }

  @Test
  void sseSendsAnEventGapWithoutIdBeforeTheReplay(Vertx vertx) {
    SseTestClient c =
        SseTestClient.connect(vertx, port, "/sse/events", Map.of("Last-Event-ID", "2"));
    await().atMost(PATIENT).until(() -> c.events().size() == 4);
    SseTestClient.SseEvent gap = c.events().get(0);
    assertThat(gap.event()).isEqualTo("gap");
    assertThat(gap.id()).isNull();
    assertThat(gap.json().getString("type")).isEqualTo(GAP);
    assertThat(gap.json().getJsonObject("data").getString("reason")).isEqualTo("retention");
    assertThat(gap.json().getJsonObject("data").getString("afterPosition")).isEqualTo("2");
    assertThat(c.events().subList(1, 4))
        .allMatch(e -> "cloudevent".equals(e.event()))
        .extracting(SseTestClient.SseEvent::id)
        .containsExactly("4", "5", "6");
    c.close();
  }

  @Test
  void eventsApiSaysWhenSinceIsOlderThanRetention() {
    JsonObject cut = new JsonObject(Http.get(port, "/api/events?since=1").body());
    assertThat(cut.getJsonArray("events")).hasSize(3);
    assertThat(cut.getJsonObject("gap"))
        .isEqualTo(
            new JsonObject()
                .put("to", oldestKept.journaledAt().toString())
                .put("reason", "retention")
                .put("afterPosition", "1"));
    JsonObject whole = new JsonObject(Http.get(port, "/api/events?since=3").body());
    assertThat(whole.getJsonArray("events")).hasSize(3);
    assertThat(whole.containsKey("gap")).isFalse();
    JsonObject live = new JsonObject(Http.get(port, "/api/events").body());
    assertThat(live.containsKey("gap")).isFalse();
  }
}

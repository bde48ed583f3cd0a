package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /ws} subscriptions with {@code since}: replay from the journal, then live. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WsResumeIT {

  private Vertx vertx;
  private GatewayService service;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    service = GatewayService.start(vertx, TestEvents.options().build()).await();
    port = service.httpPort();
  }

  @AfterEach
  void stop() {
    service.close().await();
  }

  private long journaled() {
    return TestEvents.journaled(service);
  }

  private static JsonObject subscribeSince(String since) {
    return new JsonObject().put("action", "subscribe").put("since", since);
  }

  private static List<String> subjects(WsTestClient c) {
    return c.events().stream().map(f -> f.getJsonObject("data").getString("subject")).toList();
  }

  private static List<Long> positions(WsTestClient c) {
    return c.events().stream().map(f -> Long.parseLong(f.getString("position"))).toList();
  }

  @Test
  void aConsumerThatDisconnectsAndResumesGetsEveryEventExactlyOnce() {
    try (PylightFeed feed = PylightFeed.start(vertx, service)) {
      // GIVEN a consumer that got events 1..5 from the mock Pylight server, each with a position
      WsTestClient first = WsTestClient.connect(vertx, port, "/ws/events");
      first.subscribe(null);
      feed.push(1, 5);
      await().atMost(PATIENT).until(() -> first.events().size() == 5);
      assertThat(subjects(first))
          .containsExactly(
              IntStream.rangeClosed(1, 5).mapToObj(PylightFeed::subject).toArray(String[]::new));
      String resumeAt = first.events().get(4).getString("position");
      assertThat(positions(first)).isSorted().doesNotHaveDuplicates();
      // WHEN it goes away while 6..10 happen
      first.close();
      long before = journaled();
      feed.push(6, 10);
      await().atMost(PATIENT).until(() -> journaled() == before + 5);
      // and comes back with since=<its last position> while 11..15 happen live
      WsTestClient again = WsTestClient.connect(vertx, port, "/ws/events");
      again.send(subscribeSince(resumeAt));
      feed.push(11, 15);
      // THEN it gets 6..15, each once, in order, with the switch to live marked
      await().atMost(PATIENT).until(() -> again.events().size() >= 10);
      JsonObject replayed = again.awaitType("replayed");
      feed.push(16, 16);
      await().atMost(PATIENT).until(() -> again.events().size() >= 11);
      assertThat(subjects(again))
          .containsExactly(
              IntStream.rangeClosed(6, 16).mapToObj(PylightFeed::subject).toArray(String[]::new));
      assertThat(positions(again)).isSorted().doesNotHaveDuplicates();
      assertThat(positions(again).get(0)).isGreaterThan(Long.parseLong(resumeAt));
      int count = replayed.getInteger("count");
      assertThat(count).isBetween(5, 10);
      // the frames: subscribed, then the replay, then "replayed", then live
      List<String> types = again.frames.stream().map(f -> f.getString("type")).toList();
      assertThat(types.indexOf("subscribed")).isEqualTo(1);
      assertThat(types.indexOf("replayed")).isEqualTo(2 + count);
      again.close();
    }
  }

  @Test
  void theSwitchToLiveLosesAndRepeatsNothingUnderConcurrentTraffic() throws Exception {
    // GIVEN 600 journaled events
    List<String> published = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      published.add(
          TestEvents.publish(vertx, "pylight", "items", "resource.created").getString("id"));
    }
    await().atMost(PATIENT).until(() -> journaled() == 600);
    // WHEN a consumer resumes from the start while 1500 more arrive as fast as they can
    List<String> more = new ArrayList<>();
    Thread publisher =
        new Thread(
            () -> {
              for (int i = 0; i < 1500; i++) {
                more.add(
                    TestEvents.publish(vertx, "pylight", "items", "resource.updated")
                        .getString("id"));
              }
            });
    WsTestClient c = WsTestClient.connect(vertx, port, "/ws/events");
    publisher.start();
    c.send(subscribeSince("0"));
    publisher.join(PATIENT.toMillis());
    published.addAll(more);
    // THEN it gets all 2100 exactly once, in journal order
    await().atMost(PATIENT).until(() -> c.events().size() >= 2100);
    c.awaitType("replayed");
    c.sync();
    List<String> ids =
        c.events().stream().map(f -> f.getJsonObject("data").getString("id")).toList();
    assertThat(ids).containsExactlyElementsOf(published);
    assertThat(positions(c)).isSorted().doesNotHaveDuplicates();
    c.close();
  }

  @Test
  void sinceAcceptsAnEventIdAndATime() {
    JsonObject e1 = TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    TestEvents.publish(vertx, "bticino", "flat", "call.answered");
    TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
    await().atMost(PATIENT).until(() -> journaled() == 3);
    Instant afterThree = Instant.now();
    // WHEN a consumer resumes after the first event, by its CloudEvents id
    WsTestClient byId = WsTestClient.connect(vertx, port, "/ws/events");
    byId.send(subscribeSince(e1.getString("id")));
    // THEN it gets the two after it
    assertThat(byId.awaitType("replayed").getInteger("count")).isEqualTo(2);
    assertThat(byId.events()).hasSize(2);
    // WHEN one resumes on /ws/bticino from a time: only later bticino events
    await().atMost(PATIENT).until(() -> Instant.now().isAfter(afterThree));
    JsonObject later = TestEvents.publish(vertx, "bticino", "flat", "call.ended");
    TestEvents.publish(vertx, "simplisafe", "home", "alarm.canceled");
    await().atMost(PATIENT).until(() -> journaled() == 5);
    WsTestClient byTime = WsTestClient.connect(vertx, port, "/ws/bticino");
    byTime.send(subscribeSince(afterThree.toString()));
    assertThat(byTime.awaitType("replayed").getInteger("count")).isEqualTo(1);
    assertThat(byTime.events()).hasSize(1);
    assertThat(byTime.events().get(0).getJsonObject("data")).isEqualTo(later);
    assertThat(byTime.events().get(0).getString("resource")).isEqualTo("bticino");
    byId.close();
    byTime.close();
  }

  @Test
  void aBadSinceGetsAnErrorNamingItAndNoSubscription() {
    TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    await().atMost(PATIENT).until(() -> journaled() == 1);
    WsTestClient c = WsTestClient.connect(vertx, port, "/ws/events");
    // a position beyond the latest and one below the journal's base (another journal's), an
    // unknown id, a time that is none
    String beyond = TestEvents.position(service, 99999);
    for (String since : List.of("no-such-event", beyond, "99999", "2026-13-45T99:00:00Z")) {
      int errors = c.count("error");
      c.send(subscribeSince(since));
      await().atMost(PATIENT).until(() -> c.count("error") > errors);
      JsonObject error = c.frames.get(c.frames.size() - 1).getJsonObject("error");
      assertThat(error.getString("code")).isEqualTo("bad_since");
      assertThat(error.getString("message")).contains(since);
    }
    int errors = c.count("error");
    c.send(new JsonObject().put("action", "subscribe").put("since", new JsonObject()));
    await().atMost(PATIENT).until(() -> c.count("error") > errors);
    WsTestClient status = WsTestClient.connect(vertx, port, "/ws/status");
    status.send(subscribeSince("1"));
    assertThat(status.awaitType("error").getJsonObject("error").getString("code"))
        .isEqualTo("bad_since");
    // no subscription came of it: a later event reaches a witness, not this client
    WsTestClient witness = WsTestClient.connect(vertx, port, "/ws/events");
    witness.subscribe(null);
    TestEvents.publish(vertx, "bticino", "flat", "call.missed");
    await().atMost(PATIENT).until(() -> witness.events().size() == 1);
    c.sync();
    assertThat(c.events()).isEmpty();
    assertThat(c.count("subscribed")).isZero();
    c.close();
    status.close();
    witness.close();
  }

  @Test
  void everyLiveEventFrameCarriesItsPositionAndSubscribedTheLatest() {
    TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    await().atMost(PATIENT).until(() -> journaled() == 1);
    WsTestClient c = WsTestClient.connect(vertx, port, "/ws/events");
    c.subscribe(null);
    assertThat(c.awaitType("subscribed").getString("position"))
        .isEqualTo(TestEvents.position(service, 1));
    TestEvents.publish(vertx, "bticino", "flat", "call.answered");
    await().atMost(PATIENT).until(() -> c.events().size() == 1);
    assertThat(c.events().get(0).getString("position")).isEqualTo(TestEvents.position(service, 2));
    c.close();
  }

  @Test
  void aSlowReaderSlowsItsReplayAndIsNotCutForIt() {
    // GIVEN a service that cuts live clients after 5 writes into a full queue, and 3000 events
    // of 8 KiB journaled (24 MiB: more than the socket buffers hold)
    service.close().await();
    service =
        GatewayService.start(vertx, TestEvents.options().clientQueueHighWaterMark(5).build())
            .await();
    port = service.httpPort();
    String blob = "x".repeat(8 * 1024);
    for (int i = 0; i < 3000; i++) {
      JsonObject e = TestEvents.event("pylight", "items", "resource.created", "items/" + i);
      e.getJsonObject("data").put("blob", blob);
      vertx.eventBus().publish(io.cloudbus.core.CloudbusAddresses.EVENTS, e);
    }
    await().atMost(PATIENT).until(() -> journaled() == 3000);
    // WHEN a client that does not read resumes from the start, and 200 more arrive meanwhile
    WsTestClient c = WsTestClient.connect(vertx, port, "/ws/events");
    c.ws.pause();
    c.send(subscribeSince("0"));
    for (int i = 0; i < 200; i++) {
      TestEvents.publish(vertx, "pylight", "items", "resource.updated");
    }
    await().atMost(PATIENT).until(() -> journaled() == 3200);
    // the replay waits for the reader instead of queueing 24 MiB for it: not finished yet
    assertThat(Http.get(port, "/metrics").body())
        .doesNotContain("cloudbus_events_replayed_total{transport=\"ws\"}");
    c.ws.resume();
    // THEN it gets all 3200 once, in order, and was not cut as slow
    await().atMost(PATIENT).until(() -> c.events().size() >= 3200);
    c.awaitType("replayed");
    c.sync();
    assertThat(c.events()).hasSize(3200);
    assertThat(positions(c)).isSorted().doesNotHaveDuplicates();
    assertThat(c.closeStatus.get()).isNull();
    assertThat(Http.get(port, "/metrics").body())
        .doesNotContain("cloudbus_slow_clients_dropped_total{transport=\"ws\"} 1.0");
    c.close();
  }
}

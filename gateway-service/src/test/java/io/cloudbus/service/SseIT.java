package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /sse/events}: EventSource framing, resume, filters, auth and Origin, slow readers. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SseIT {

  private static double metric(int port, String series) {
    for (String line : Http.get(port, "/metrics").body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    return Double.NaN;
  }

  private static List<String> subjects(SseTestClient c) {
    return c.events().stream().map(e -> e.json().getString("subject")).toList();
  }

  @Test
  void aStreamResumesWithLastEventIdAndGetsEveryEventExactlyOnce(Vertx vertx) {
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    int port = service.httpPort();
    try (PylightFeed feed = PylightFeed.start(vertx, service)) {
      // GIVEN an EventSource-like reader that got 1..4
      SseTestClient first = SseTestClient.connect(vertx, port, "/sse/events", Map.of());
      assertThat(first.status).isEqualTo(200);
      assertThat(first.contentType).startsWith("text/event-stream");
      await().atMost(PATIENT).until(() -> !first.blocks.isEmpty());
      assertThat(first.blocks.get(0).retry()).isNotNull();
      await().atMost(PATIENT).until(() -> metric(port, "cloudbus_clients{transport=\"sse\"}") == 1);
      feed.push(1, 4);
      await().atMost(PATIENT).until(() -> first.events().size() == 4);
      assertThat(first.events()).allMatch(e -> "cloudevent".equals(e.event()) && e.id() != null);
      String lastId = first.lastId();
      // WHEN it disconnects, 5..9 happen, and it reconnects with Last-Event-ID as a browser does
      first.close();
      long before = TestEvents.journaled(service);
      feed.push(5, 9);
      await().atMost(PATIENT).until(() -> TestEvents.journaled(service) == before + 5);
      SseTestClient again =
          SseTestClient.connect(
              vertx, port, "/sse/events?since=1", Map.of("Last-Event-ID", lastId));
      feed.push(10, 12);
      // THEN it gets 5..12 once each, in order (Last-Event-ID wins over ?since=)
      await().atMost(PATIENT).until(() -> again.events().size() >= 8);
      feed.push(13, 13);
      await().atMost(PATIENT).until(() -> again.events().size() >= 9);
      assertThat(subjects(again))
          .containsExactly(
              IntStream.rangeClosed(5, 13).mapToObj(PylightFeed::subject).toArray(String[]::new));
      List<Long> ids = again.events().stream().map(e -> Long.parseLong(e.id())).toList();
      assertThat(ids).isSorted().doesNotHaveDuplicates();
      assertThat(ids.get(0)).isGreaterThan(Long.parseLong(lastId));
      again.close();
    } finally {
      service.close().await();
    }
  }

  @Test
  void filtersApplyToReplayAndLiveAndBadParametersAre400(Vertx vertx) {
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    int port = service.httpPort();
    try {
      JsonObject ring = TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
      TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
      await().atMost(PATIENT).until(() -> TestEvents.journaled(service) == 2);
      SseTestClient c =
          SseTestClient.connect(
              vertx, port, "/sse/events?vendor=bticino&type=doorbell.&since=0", Map.of());
      await().atMost(PATIENT).until(() -> c.events().size() == 1);
      assertThat(c.events().get(0).json()).isEqualTo(ring);
      TestEvents.publish(vertx, "simplisafe", "home", "alarm.canceled");
      JsonObject ring2 = TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
      await().atMost(PATIENT).until(() -> c.events().size() == 2);
      assertThat(c.events().get(1).json()).isEqualTo(ring2);
      c.close();
      // a since that names nothing: 400 with a JSON body naming it, no stream
      SseTestClient bad = SseTestClient.connect(vertx, port, "/sse/events?since=nope-42", Map.of());
      assertThat(bad.status).isEqualTo(400);
      await().atMost(PATIENT).until(() -> bad.body.contains("nope-42"));
      assertThat(new JsonObject(bad.body).getJsonObject("error").getString("code"))
          .isEqualTo("bad_since");
      bad.close();
      SseTestClient badFilter = SseTestClient.connect(vertx, port, "/sse/events?vendor=", Map.of());
      assertThat(badFilter.status).isEqualTo(400);
      badFilter.close();
      await().atMost(PATIENT).until(() -> metric(port, "cloudbus_clients{transport=\"sse\"}") == 0);
    } finally {
      service.close().await();
    }
  }

  @Test
  void aLastEventIdOfAnotherJournalGetsAJournalResetGapAndTheStreamGoesOnLive(Vertx vertx) {
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    int port = service.httpPort();
    try {
      // GIVEN a journal holding 3 events, and a browser that followed another journal to 5000
      // (below this journal's base: every journal's positions start after a random base)
      TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
      TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
      TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
      await().atMost(PATIENT).until(() -> TestEvents.journaled(service) == 3);
      // WHEN it reconnects with Last-Event-ID 5000, as an EventSource does after a restart
      SseTestClient c =
          SseTestClient.connect(vertx, port, "/sse/events", Map.of("Last-Event-ID", "5000"));
      // THEN 200 (an EventSource gives up for good on anything else), a journal_reset gap ...
      assertThat(c.status).isEqualTo(200);
      await().atMost(PATIENT).until(() -> !c.events().isEmpty());
      SseTestClient.SseEvent gap = c.events().get(0);
      assertThat(gap.event()).isEqualTo("gap");
      assertThat(gap.id()).isNull();
      JsonObject gapEvent = gap.json();
      assertThat(gapEvent.getString("type")).isEqualTo("io.cloudbus.stream.gap");
      assertThat(gapEvent.getString("subject")).isEqualTo("sse");
      assertThat(gapEvent.getJsonObject("data").getString("reason")).isEqualTo("journal_reset");
      assertThat(gapEvent.getJsonObject("data").getString("afterPosition")).isEqualTo("5000");
      // ... no replay of this journal's 3 events, and the next event live with its position
      JsonObject live = TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
      await().atMost(PATIENT).until(() -> c.events().size() == 2);
      assertThat(c.events().get(1).json()).isEqualTo(live);
      assertThat(c.events().get(1).id()).isEqualTo(TestEvents.position(service, 4));
      c.close();
      // a Last-Event-ID beyond the latest names another journal too: the same gap, then live
      SseTestClient beyond =
          SseTestClient.connect(
              vertx,
              port,
              "/sse/events",
              Map.of("Last-Event-ID", TestEvents.position(service, 1L << 32)));
      assertThat(beyond.status).isEqualTo(200);
      await().atMost(PATIENT).until(() -> !beyond.events().isEmpty());
      assertThat(beyond.events().get(0).json().getJsonObject("data").getString("reason"))
          .isEqualTo("journal_reset");
      beyond.close();
      // an explicit ?since= of another journal is still the caller's mistake: 400
      String latest = TestEvents.position(service, 4);
      SseTestClient asked =
          SseTestClient.connect(
              vertx, port, "/sse/events?since=" + TestEvents.position(service, 5000), Map.of());
      assertThat(asked.status).isEqualTo(400);
      await()
          .atMost(PATIENT)
          .until(() -> asked.body.contains("beyond the journal's latest (" + latest + ")"));
      asked.close();
      SseTestClient below = SseTestClient.connect(vertx, port, "/sse/events?since=5000", Map.of());
      assertThat(below.status).isEqualTo(400);
      await()
          .atMost(PATIENT)
          .until(
              () ->
                  below.body.contains(
                      "position 5000 is not one of this journal's (its positions are "
                          + TestEvents.position(service, 1)
                          + " and up)"));
      below.close();
    } finally {
      service.close().await();
    }
  }

  @Test
  void sseNeedsATokenAndAnAllowedOrigin(Vertx vertx) {
    GatewayService service =
        GatewayService.start(
                vertx, TestEvents.options().addToken("reader-secret", Role.READ).build())
            .await();
    int port = service.httpPort();
    try {
      SseTestClient none = SseTestClient.connect(vertx, port, "/sse/events", Map.of());
      assertThat(none.status).isEqualTo(401);
      none.close();
      SseTestClient evil =
          SseTestClient.connect(
              vertx,
              port,
              "/sse/events?token=reader-secret",
              Map.of("Origin", "https://evil.example"));
      assertThat(evil.status).isEqualTo(403);
      evil.close();
      SseTestClient ok =
          SseTestClient.connect(
              vertx, port, "/sse/events", Map.of("Authorization", "Bearer reader-secret"));
      assertThat(ok.status).isEqualTo(200);
      await().atMost(PATIENT).until(() -> !ok.blocks.isEmpty());
      TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
      await().atMost(PATIENT).until(() -> ok.events().size() == 1);
      ok.close();
      // EventSource cannot set headers: ?token= works
      SseTestClient query =
          SseTestClient.connect(vertx, port, "/sse/events?token=reader-secret", Map.of());
      assertThat(query.status).isEqualTo(200);
      query.close();
    } finally {
      service.close().await();
    }
  }

  @Test
  void aSlowSseReaderIsCutWhileOthersKeepReceiving(Vertx vertx) throws IOException {
    GatewayService service =
        GatewayService.start(vertx, TestEvents.options().clientQueueHighWaterMark(20).build())
            .await();
    int port = service.httpPort();
    SseTestClient healthy = SseTestClient.connect(vertx, port, "/sse/events", Map.of());
    try (Socket slow = new Socket()) {
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", port));
      slow.getOutputStream()
          .write(
              "GET /sse/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      readHead(slow.getInputStream());
      await().atMost(PATIENT).until(() -> metric(port, "cloudbus_clients{transport=\"sse\"}") == 2);
      // WHEN big events flood in and the slow one never reads
      String big = "x".repeat(32 * 1024);
      int[] published = {0};
      await()
          .atMost(PATIENT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                for (int i = 0; i < 20; i++) {
                  JsonObject e = TestEvents.event("simplisafe", "home", "camera.motion", "cam");
                  e.getJsonObject("data").put("blob", big);
                  vertx.eventBus().publish(CloudbusAddresses.EVENTS, e);
                  published[0]++;
                }
                return metric(port, "cloudbus_slow_clients_dropped_total{transport=\"sse\"}") == 1;
              });
      // THEN it is cut, and the healthy reader got every event
      await().atMost(PATIENT).until(() -> metric(port, "cloudbus_clients{transport=\"sse\"}") == 1);
      await().atMost(PATIENT).until(() -> healthy.events().size() == published[0]);
    } finally {
      healthy.close();
      service.close().await();
    }
  }

  private static void readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the response head: " + head);
      }
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 200");
  }
}

package io.cloudbus.client.e2e;

import static io.cloudbus.client.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.client.CloudbusClient;
import io.cloudbus.client.Event;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.impl.InMemoryEventJournal;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.service.GatewayService;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client whose own resume point is older than what the service's journal still holds gets an
 * {@code io.cloudbus.stream.gap} event ({@code reason: retention}) before the replay, through its
 * ordinary listener: it is told that it missed events, not silently resumed later. The journal
 * keeps the latest 3 events (the in-memory journal's bound plays retention).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClientRetentionGapIT {

  private Vertx vertx;
  private EventJournal journal;
  private GatewayService service;
  private CloudbusClient client;
  private int port;
  private int seq;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    journal = new InMemoryEventJournal(3, Clock.systemUTC(), 0);
    service = startService(0);
    port = service.httpPort();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (service != null) {
      service.close().await();
    }
    journal.close().await();
  }

  private GatewayService startService(int httpPort) {
    ServiceOptions options =
        ServiceOptions.builder().host("127.0.0.1").httpPort(httpPort).tcpPort(-1).build();
    return GatewayService.start(vertx, options, journal).await();
  }

  /** As a socket of this process does: journal the event, then publish it with its position. */
  private String publish() {
    JsonObject e =
        CloudbusEvent.builder("bticino", "flat")
            .id("call-" + ++seq)
            .name("doorbell.ring")
            .subject("front-door")
            .time(Instant.now())
            .data(new JsonObject())
            .build()
            .toJson();
    return JournaledFeed.publish(vertx, journal, e);
  }

  private CloudbusClient connectClient() {
    return JournaledFeed.connectClient(port, PATIENT);
  }

  @Test
  void aResumeOlderThanTheJournalsRetentionReachesTheListenerAsAGapEvent() {
    // GIVEN a client that received event 1 (position 1)
    client = connectClient();
    publish();
    Event first = client.poll(PATIENT);
    assertThat(first).isNotNull();
    assertThat(first.position()).isEqualTo("1");

    // WHEN the service is away while five events happen, of which the journal keeps three
    service.close().await();
    service = null;
    await().atMost(PATIENT).until(() -> client.state() == CloudbusClient.State.RECONNECTING);
    List<String> kept = new ArrayList<>();
    for (int i = 2; i <= 6; i++) {
      String id = publish();
      if (i >= 4) {
        kept.add(id);
      }
    }
    service = startService(port);

    // THEN, after its own reconnect, the client's listener gets the gap, then the kept events
    Event gap = client.poll(PATIENT);
    assertThat(gap).isNotNull();
    assertThat(gap.type()).isEqualTo("io.cloudbus.stream.gap");
    assertThat(gap.position()).isNull();
    assertThat(gap.data("reason")).isEqualTo("retention");
    assertThat(gap.data("afterPosition")).isEqualTo("1");
    assertThat(gap.data()).isInstanceOf(Map.class);
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Event e = client.poll(PATIENT);
      assertThat(e).isNotNull();
      got.add(e.id());
    }
    assertThat(got).containsExactlyElementsOf(kept);
    assertThat(client.ping()).isNotNull();
    assertThat(client.poll(Duration.ZERO)).isNull();
  }

  @Test
  void aResumeFromAnotherJournalReachesTheListenerAsAJournalResetGapThenLiveEvents() {
    // GIVEN a client that received the events at positions 1..3
    client = connectClient();
    for (int i = 0; i < 3; i++) {
      publish();
    }
    for (int i = 1; i <= 3; i++) {
      Event e = client.poll(PATIENT);
      assertThat(e).isNotNull();
      assertThat(e.position()).isEqualTo(Integer.toString(i));
    }

    // WHEN the service comes back on the same port with a fresh, empty journal
    service.close().await();
    service = null;
    await().atMost(PATIENT).until(() -> client.state() == CloudbusClient.State.RECONNECTING);
    journal.close().await();
    journal = new InMemoryEventJournal(3, Clock.systemUTC(), 0);
    service = startService(port);

    // THEN its listener is told: a journal_reset gap naming the position it resumed from ...
    Event gap = client.poll(PATIENT);
    assertThat(gap).isNotNull();
    assertThat(gap.type()).isEqualTo("io.cloudbus.stream.gap");
    assertThat(gap.position()).isNull();
    assertThat(gap.subject()).isEqualTo("events");
    assertThat(gap.data("reason")).isEqualTo("journal_reset");
    assertThat(gap.data("afterPosition")).isEqualTo("3");
    // ... and it goes on live with the new journal's positions (the subscription is sent again
    // after the gap: the first events may be published before it is in place)
    List<Event> live = new ArrayList<>();
    await()
        .atMost(PATIENT)
        .until(
            () -> {
              publish();
              Event e = client.poll(Duration.ofMillis(100));
              if (e != null) {
                live.add(e);
              }
              return !live.isEmpty();
            });
    assertThat(live.get(0).type()).isNotEqualTo("io.cloudbus.stream.gap");
    assertThat(live.get(0).position()).isNotNull();
    assertThat(Long.parseLong(live.get(0).position())).isBetween(1L, (long) seq - 3);
  }
}

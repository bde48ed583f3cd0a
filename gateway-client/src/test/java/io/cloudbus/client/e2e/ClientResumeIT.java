package io.cloudbus.client.e2e;

import static io.cloudbus.client.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.client.CloudbusClient;
import io.cloudbus.client.Event;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.service.GatewayService;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client resumes by itself: after each of its reconnects it subscribes with {@code since} = the
 * last position it received, and the service replays what it missed from the journal.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClientResumeIT {

  private Vertx vertx;
  private EventJournal journal;
  private GatewayService service;
  private CloudbusClient client;
  private int port;
  private int seq;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    journal = EventJournal.inMemory(EventJournal.DEFAULT_MEMORY_EVENTS);
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

  private JsonObject event() {
    return CloudbusEvent.builder("bticino", "flat")
        .id("call-" + ++seq)
        .name("doorbell.ring")
        .subject("front-door")
        .time(Instant.now())
        .vendorType("BNC1-rtc:offer")
        .data(new JsonObject().put("raw", new JsonObject()))
        .build()
        .toJson();
  }

  /** As a socket of this process does: journal the event, then publish it with its position. */
  private String publish() {
    JsonObject e = event();
    return JournaledFeed.publish(vertx, journal, e);
  }

  private CloudbusClient connect() {
    return JournaledFeed.connectClient(port, PATIENT);
  }

  private List<String> take(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Event e = client.poll(PATIENT);
      assertThat(e).as("event %d of %d", i + 1, n).isNotNull();
      ids.add(e.id());
    }
    return ids;
  }

  /** The service goes away (the client loses its connection) while {@code n} events happen. */
  private List<String> outage(int n) {
    service.close().await();
    service = null;
    await().atMost(PATIENT).until(() -> client.state() == CloudbusClient.State.RECONNECTING);
    List<String> missed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      missed.add(publish());
    }
    service = startService(port);
    return missed;
  }

  @Test
  void afterEachReconnectTheClientGetsWhatItMissedExactlyOnce() {
    // GIVEN a client that received two events, each with its position
    client = connect();
    List<String> expected = new ArrayList<>(List.of(publish(), publish()));
    List<String> got = new ArrayList<>(take(2));
    // WHEN the service is away twice while events happen, with live ones in between
    expected.addAll(outage(3));
    await().atMost(PATIENT).until(() -> client.state() == CloudbusClient.State.OPEN);
    expected.add(publish());
    got.addAll(take(4));
    expected.addAll(outage(2));
    await().atMost(PATIENT).until(() -> client.state() == CloudbusClient.State.OPEN);
    expected.add(publish());
    got.addAll(take(3));
    // THEN it got every event once, in order, with nothing more
    assertThat(got).containsExactlyElementsOf(expected);
    assertThat(client.poll(Duration.ZERO)).isNull();
    assertThat(client.ping()).isNotNull();
    assertThat(client.poll(Duration.ZERO)).isNull();
  }

  @Test
  void aClientThatGotNoEventYetResumesFromWhereItSubscribed() {
    // GIVEN events from before the subscription, and a client that got nothing yet
    publish();
    publish();
    client = connect();
    // WHEN the service is away while two events happen
    List<String> missed = outage(2);
    // THEN after its reconnect it gets those two, not the older ones
    assertThat(take(2)).containsExactlyElementsOf(missed);
    assertThat(client.ping()).isNotNull();
    assertThat(client.poll(Duration.ZERO)).isNull();
  }
}

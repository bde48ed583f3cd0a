package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mqtt.Mosquitto;
import io.cloudbus.mqtt.MosquittoSub;
import io.cloudbus.mqtt.MqttOutput;
import io.cloudbus.mqtt.MqttOutputOptions;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT output fed by the durable journal resumes from its delivery cursor: events journaled
 * while the broker was down, across a restart of the gateway, reach a subscriber once the broker is
 * back, in order per account, and what the broker had acknowledged before is not sent again.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MqttJournalReplayIT {

  private static final String EVENTS = "cloudbus/+/demo/events/#";

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> published = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /** A gateway and its MQTT output on the same journal file each time. */
  private record Gateway(GatewayRuntime runtime, MqttOutput output) {
    void close() throws Exception {
      output.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
      runtime.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private Gateway start(MockCloud mock, Mosquitto broker) throws Exception {
    Instant liveFrom = Instant.now();
    GatewayRuntime runtime =
        GatewayRuntime.start(
                vertx,
                ServiceOptions.builder()
                    .host("127.0.0.1")
                    .httpPort(0)
                    .tcpPort(0)
                    .journal(JournalOptions.defaults().withPath(dir.resolve("data").toString()))
                    .build(),
                DemoAccounts.of(mock, AdapterProvider.installed().values()),
                TokenStore.inMemory(),
                AdapterProvider.installed())
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    MqttOutput output =
        MqttOutput.start(
                vertx,
                MqttOutputOptions.of(broker.url())
                    .with("reconnectInitialDelayMs", 100)
                    .with("reconnectMaxDelayMs", 500),
                Future.succeededFuture(runtime.service().journal()),
                liveFrom)
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    await().atMost(PATIENT).until(runtime::allConnected);
    return new Gateway(runtime, output);
  }

  private Set<String> types() {
    return published.stream().map(e -> e.getString("type")).collect(Collectors.toSet());
  }

  /** Vendor events only (device.changed are the gateway's own observations at each connect). */
  private static boolean vendorEvent(JsonObject event) {
    return !event.getString("type").startsWith("io.cloudbus.device.");
  }

  @Test
  void eventsJournaledWhileTheBrokerWasDownSurviveAGatewayRestart() throws Exception {
    assumeTrue(Mosquitto.installed(), "mosquitto is not installed (apt-get install mosquitto)");
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.EVENTS,
            m -> {
              if (vendorEvent(m.body())) {
                published.add(m.body());
              }
            });
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    try (Mosquitto broker = Mosquitto.start(dir)) {
      // GIVEN a gateway whose events reach a persistent QoS 1 subscriber
      Gateway first = start(mock, broker);
      List<String> before;
      try (MosquittoSub sub = MosquittoSub.start(broker, "it-replay", "cloudbus/status", EVENTS)) {
        sub.await("cloudbus/status");
        VendorPushes.pushAll(mock.adminUrl(), "before");
        await().atMost(PATIENT).until(() -> types().containsAll(VendorPushes.TYPES.values()));
        before = published.stream().map(e -> e.getString("id")).toList();
        await().atMost(PATIENT).until(() -> ids(sub).containsAll(before));
        await().atMost(PATIENT).until(() -> first.output().stats().getInteger("held") == 0);
      }
      long cursorBefore = first.output().stats().getLong("cursor");

      // WHEN the broker goes down, events come, the gateway restarts, more events come
      broker.stop();
      await().atMost(PATIENT).until(() -> !first.output().stats().getBoolean("connected"));
      published.clear();
      VendorPushes.pushAll(mock.adminUrl(), "down1");
      await().atMost(PATIENT).until(() -> types().containsAll(VendorPushes.TYPES.values()));
      first.close();
      List<JsonObject> expected = new ArrayList<>(published);
      published.clear();
      Gateway second = start(mock, broker);
      VendorPushes.pushAll(mock.adminUrl(), "down2");
      await().atMost(PATIENT).until(() -> types().containsAll(VendorPushes.TYPES.values()));
      expected.addAll(published);

      // THEN once the broker is back, the subscriber gets every one of them, in order per
      // account, and none of those acknowledged before the restart again
      broker.restart();
      try (MosquittoSub sub = MosquittoSub.start(broker, "it-replay", "cloudbus/status", EVENTS)) {
        List<String> want = expected.stream().map(e -> e.getString("id")).toList();
        await()
            .atMost(PATIENT)
            .untilAsserted(
                () -> assertThat(ids(sub)).as(sub.received().toString()).containsAll(want));
        List<JsonObject> got =
            sub.received().stream()
                .filter(r -> r.topic().contains("/events/"))
                .map(MosquittoSub.Received::json)
                .filter(MqttJournalReplayIT::vendorEvent)
                .toList();
        for (String vendor : VendorPushes.TYPES.keySet()) {
          assertThat(idsOf(got, vendor))
              .as(vendor)
              .containsExactlyElementsOf(idsOf(expected, vendor));
        }
        assertThat(ids(sub)).doesNotContainAnyElementsOf(before);
        await()
            .atMost(PATIENT)
            .untilAsserted(
                () ->
                    assertThat(second.output().stats().getLong("cursor"))
                        .isGreaterThan(cursorBefore));
      }
      second.close();
    } finally {
      mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static List<String> ids(MosquittoSub sub) {
    return sub.received().stream()
        .filter(r -> r.topic().contains("/events/"))
        .map(r -> r.json().getString("id"))
        .toList();
  }

  private static List<String> idsOf(List<JsonObject> events, String vendor) {
    return events.stream()
        .filter(e -> vendor.equals(e.getString("vendor")))
        .map(e -> e.getString("id"))
        .distinct()
        .toList();
  }
}

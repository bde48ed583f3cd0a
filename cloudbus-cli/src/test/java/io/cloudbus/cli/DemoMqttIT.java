package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudbus.mqtt.HomeAssistantSchema;
import io.cloudbus.mqtt.Mosquitto;
import io.cloudbus.mqtt.MosquittoSub;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cloudbus demo --mqtt URL} with Debian's mosquitto: {@code mosquitto_sub -t 'cloudbus/#'}
 * prints the demo's events and status, and {@code homeassistant/#} discovery configs that pass Home
 * Assistant's schema (the issue's "done when").
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoMqttIT {

  @TempDir Path dir;

  @Test
  void theDemoPublishesEventsStatusAndDiscoveryToARealBroker() throws Exception {
    assumeTrue(Mosquitto.installed(), "mosquitto is not installed (apt-get install mosquitto)");
    try (Mosquitto broker = Mosquitto.start(dir);
        MosquittoSub sub =
            MosquittoSub.start(broker.port(), null, "cloudbus/#", "homeassistant/#");
        CliRun cli = new CliRun()) {
      // GIVEN the demo with scripted traffic, publishing to the broker
      cli.start(
          "demo", "--port", "0", "--tcp-port", "0", "--mock-port", "0", "--mqtt", broker.url());
      await()
          .atMost(PATIENT)
          .until(() -> cli.out().contains("events (Ctrl-C to stop):") || cli.exit().isDone());
      assertThat(cli.out()).contains("mqtt        " + broker.url());

      // THEN the gateway is online, each demo account's status is retained, events flow
      assertThat(sub.await("cloudbus/status").payload()).isEqualTo("online");
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () ->
                  assertThat(
                          sub.received().stream()
                              .filter(r -> r.topic().matches("cloudbus/[^/]+/demo/events/.+"))
                              .map(r -> r.topic().split("/")[1])
                              .distinct())
                      .contains("simplisafe", "bticino"));
      assertThat(sub.await("cloudbus/bticino/demo/status").json().getString("availability"))
          .isEqualTo("online");
      // AND Home Assistant's discovery configs, each valid for its platform
      List<MosquittoSub.Received> configs =
          sub.received().stream().filter(r -> r.topic().startsWith("homeassistant/")).toList();
      assertThat(configs.stream().map(r -> HomeAssistantSchema.component(r.topic())))
          .contains("binary_sensor", "event");
      for (MosquittoSub.Received c : configs) {
        assertThat(
                HomeAssistantSchema.violations(HomeAssistantSchema.component(c.topic()), c.json()))
            .as(c.topic())
            .isEmpty();
      }
      // AND Ctrl-C says offline before it disconnects
      cli.stop();
      await()
          .atMost(PATIENT)
          .until(
              () ->
                  sub.on("cloudbus/status").stream().anyMatch(r -> r.payload().equals("offline")));
    }
  }
}

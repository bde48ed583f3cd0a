package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mqtt.Mosquitto;
import io.cloudbus.mqtt.MosquittoSub;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cloudbus run} with an {@code mqtt:} section (the example config plus the section): the
 * output, fed by the service's journal, publishes every vendor's events to Debian's mosquitto, and
 * says {@code offline} when the gateway stops.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunMqttIT {

  private final Vertx vertx = Vertx.vertx();

  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void runPublishesEveryVendorsEventsFromTheJournal() throws Exception {
    assumeTrue(Mosquitto.installed(), "mosquitto is not installed (apt-get install mosquitto)");
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        Files.readString(GatewayYamlIT.EXAMPLE)
            + "\nmqtt:\n  url: ${MQTT_URL}\n  homeAssistantDiscovery: true\n");
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    try (Mosquitto broker = Mosquitto.start(dir);
        MosquittoSub sub = MosquittoSub.start(broker, null, "cloudbus/#");
        CliRun cli = new CliRun()) {
      cli.env.put("MOCK_PORT", "" + mock.port());
      cli.env.put("MOCK_REST_PORT", "" + mock.restPort());
      cli.env.put("HTTP_PORT", "0");
      cli.env.put("TCP_PORT", "0");
      cli.env.put("CLOUDBUS_TOKEN_STORE", dir.resolve("tokens.json").toString());
      cli.env.put("SS_REFRESH_TOKEN", mock.endpoints("simplisafe").getString("demoRefreshToken"));
      cli.env.put("MQTT_URL", broker.url());

      cli.start("run", "--config", config.toString());
      cli.awaitDashboard();
      assertThat(sub.await("cloudbus/status").payload()).isEqualTo("online");
      await()
          .atMost(PATIENT)
          .until(
              () ->
                  sub.on("cloudbus/bticino/home/status").stream()
                      .anyMatch(r -> r.json().getString("availability").equals("online")));
      VendorPushes.pushAll(mock.adminUrl(), "run-mqtt");

      for (var e : VendorPushes.TYPES.entrySet()) {
        // cloudbus/<vendor>/<account>/events/<type>
        await()
            .atMost(PATIENT)
            .until(
                () ->
                    sub.received().stream()
                        .anyMatch(
                            r ->
                                r.topic().startsWith("cloudbus/" + e.getKey() + "/")
                                    && r.topic().endsWith("/events/" + e.getValue())));
      }
      assertThat(cli.stop()).isZero();
      await()
          .atMost(PATIENT)
          .until(
              () ->
                  sub.on("cloudbus/status").stream().anyMatch(r -> r.payload().equals("offline")));
      // the output's delivery cursor is kept in the journal beside the tokens file
      assertThat(dir.resolve("data").resolve("events.db")).exists();
    } finally {
      mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }
}

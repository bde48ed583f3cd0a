package io.cloudbus.mqtt;

import static io.cloudbus.mqtt.Patience.PATIENT;
import static io.cloudbus.mqtt.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mqtts://} against Debian's mosquitto with a TLS listener (a certificate the test makes
 * with {@code openssl}) and a {@code mosquitto_passwd} password file: trusted through {@code
 * tls.caFile} or {@code tls.pinSha256}, with MQTT 3.1.1 and MQTT 5; refused with a clear error
 * without trust, and with a wrong password.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MqttTlsIT {

  private static final String USER = "cloudbus";
  private static final String PASSWORD = "broker-pw-5521";

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private Mosquitto broker;
  private MqttTestCertificate certificate;
  private MqttOutput output;

  @BeforeEach
  void broker() throws Exception {
    assumeTrue(Mosquitto.installed(), "mosquitto is not installed (apt-get install mosquitto)");
    assumeTrue(
        MqttTestCertificate.opensslInstalled(),
        "openssl is not installed (apt-get install openssl)");
    certificate = MqttTestCertificate.generate(dir, "broker");
    broker = Mosquitto.create(dir).tls(certificate).user(USER, PASSWORD);
    broker.restart();
  }

  @AfterEach
  void close() throws Exception {
    if (output != null) {
      output.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.close();
    }
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private void start(JsonObject extra) throws Exception {
    output =
        MqttOutput.start(
                vertx,
                MqttOutputOptions.fromJson(
                    new JsonObject()
                        .put("url", broker.url())
                        .put("username", USER)
                        .put("password", PASSWORD)
                        .put("reconnectInitialDelayMs", 100)
                        .put("reconnectMaxDelayMs", 500)
                        .mergeIn(extra)))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private void eventsReachASubscriberOverTls() throws Exception {
    await().atMost(PATIENT).until(() -> output.stats().getBoolean("connected"));
    try (MosquittoSub sub = MosquittoSub.start(broker, null, "cloudbus/#")) {
      assertThat(sub.await("cloudbus/status").payload()).isEqualTo("online");
      vertx
          .eventBus()
          .publish(
              "cloudbus.events",
              new JsonObject()
                  .put("specversion", "1.0")
                  .put("id", "tls-1")
                  .put("source", "/cloudbus/bticino/home")
                  .put("type", "io.cloudbus.doorbell.ring")
                  .put("vendor", "bticino")
                  .put("account", "home"));
      assertThat(
              sub.await("cloudbus/bticino/home/events/io.cloudbus.doorbell.ring")
                  .json()
                  .getString("id"))
          .isEqualTo("tls-1");
    }
  }

  @ParameterizedTest(name = "protocolVersion {0}")
  @ValueSource(ints = {4, 5})
  void theBrokersCaFileAndAPassword(int protocolVersion) throws Exception {
    start(
        new JsonObject()
            .put("protocolVersion", protocolVersion)
            .put("tls", new JsonObject().put("caFile", certificate.certFile().toString())));
    eventsReachASubscriberOverTls();
  }

  @ParameterizedTest(name = "protocolVersion {0}")
  @ValueSource(ints = {4, 5})
  void aPinAlone(int protocolVersion) throws Exception {
    start(
        new JsonObject()
            .put("protocolVersion", protocolVersion)
            .put("tls", new JsonObject().put("pinSha256", certificate.sha256())));
    eventsReachASubscriberOverTls();
  }

  @ParameterizedTest(name = "protocolVersion {0}")
  @ValueSource(ints = {4, 5})
  void withoutTrustTheBrokerIsRefusedWithAClearError(int protocolVersion) throws Exception {
    // the JVM's trust store does not know the test's self-signed certificate
    start(new JsonObject().put("protocolVersion", protocolVersion));
    await().atMost(PATIENT).until(() -> output.stats().containsKey("lastError"));
    assertThat(output.stats().getString("lastError"))
        .contains("TLS handshake failed")
        .contains("mqtt.tls.caFile or mqtt.tls.pinSha256");
    assertThat(output.stats().getBoolean("connected")).isFalse();
  }

  @Test
  void aWrongPasswordIsRefusedAndNotRepeatedInTheError() throws Exception {
    start(
        new JsonObject()
            .put("password", "not-the-password-7781")
            .put("tls", new JsonObject().put("caFile", certificate.certFile().toString())));
    await().atMost(PATIENT).until(() -> output.stats().containsKey("lastError"));
    assertThat(output.stats().getBoolean("connected")).isFalse();
    assertThat(output.stats().getString("lastError")).doesNotContain("not-the-password-7781");
    assertThat(output.stats().getLong("reconnects")).isPositive();
  }
}

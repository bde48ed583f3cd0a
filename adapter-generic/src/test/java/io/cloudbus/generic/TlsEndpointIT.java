package io.cloudbus.generic;

import static io.cloudbus.generic.ItSupport.deploy;
import static io.cloudbus.generic.ItSupport.homeAssistantConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.ConnectionState;
import io.cloudbus.generic.ItSupport.Deployed;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mock.generic.HomeAssistantEmulation;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An adapter against the mock cloud served over TLS ({@code wss://}, a self-signed certificate):
 * connects when its {@code socket.tls} names the certificate as CA or pins its SHA-256, and is
 * refused without either or with a wrong pin.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TlsEndpointIT {

  @RegisterExtension
  static MockCloudExtension mock =
      new MockCloudExtension(
          new MockCloudOptions().tls(true).emulations(List.of(new HomeAssistantEmulation())), null);

  private static JsonObject config(MockCloud cloud, JsonObject tls) {
    JsonObject config = homeAssistantConfig(cloud);
    assertThat(config.getString("url")).startsWith("wss://");
    if (tls != null) {
      config.getJsonObject("socket").put("tls", tls);
    }
    return config;
  }

  @Test
  void connectsTrustingTheCaFileAndReceivesEvents(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    Deployed d =
        deploy(
            vertx,
            config(
                cloud,
                new JsonObject().put("caFile", cloud.tls().caFile().toAbsolutePath().toString())));
    d.awaitState(ConnectionState.CONNECTED);
    await()
        .atMost(Patience.PATIENT)
        .untilAsserted(
            () -> {
              admin.pushGeneric(
                  "home-assistant", ItSupport.stateChanged("light.kitchen", "off", "on"));
              assertThat(d.named("entity.state_changed")).isNotEmpty();
            });
  }

  @Test
  void connectsWithAPinOfTheCertificate(Vertx vertx, MockCloud cloud) {
    Deployed d =
        deploy(
            vertx,
            config(cloud, new JsonObject().put("pinSha256", cloud.tls().sha256Fingerprint())));
    d.awaitState(ConnectionState.CONNECTED);
  }

  @Test
  void isRefusedWithoutTrustOrWithAWrongPin(Vertx vertx, MockCloud cloud) {
    Deployed untrusted = deploy(vertx, config(cloud, null));
    Deployed wrongPin =
        deploy(vertx, config(cloud, new JsonObject().put("pinSha256", "ab".repeat(32))));
    for (Deployed d : List.of(untrusted, wrongPin)) {
      // it fails at the TLS handshake, backs off and retries; no upgrade ever reaches the mock.
      // One status snapshot: the profile retries within a second, and a status read after the
      // state was seen as backoff may already be the next attempt's (no reason).
      await()
          .atMost(Patience.PATIENT)
          .untilAsserted(
              () -> {
                JsonObject status = d.socket().status();
                assertThat(status.getString("state")).isEqualTo("backoff");
                assertThat(status.getString("reason")).isNotBlank();
              });
    }
    assertThat(cloud.stats().getJsonObject("home-assistant").getLong("connections")).isZero();
  }
}

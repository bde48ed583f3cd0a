package io.cloudbus.simplisafe;

import static io.cloudbus.simplisafe.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.MockCloudOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SimpliSafe adapter against the mock served over TLS, trusting its self-signed certificate
 * through {@code socket.tls} only: the token refresh, the push socket, the device state read at
 * connect and a command all go over HTTPS/WSS.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SimpliSafeTlsIT {

  @RegisterExtension
  static MockCloudExtension mock = new MockCloudExtension(new MockCloudOptions().tls(true), null);

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void statesAndCommandsGoOverTlsTrustingThePinnedCertificate(MockCloud cloud) {
    JsonObject config = TestSupport.fastConfig(cloud, "tls");
    config
        .getJsonObject("socket")
        .put("tls", new JsonObject().put("pinSha256", cloud.tls().sha256Fingerprint()));
    try (SocketHarness h = new SocketHarness(vertx, config).deploy()) {
      await().atMost(Patience.PATIENT).until(() -> h.is(ConnectionState.CONNECTED));
      // the device state is read through the control API after the connect
      await()
          .atMost(Patience.PATIENT)
          .until(() -> h.control.stream().anyMatch(e -> e.name().equals("device.changed")));
      JsonObject reply =
          await(
                  vertx
                      .eventBus()
                      .<JsonObject>request(
                          CloudbusAddresses.command("simplisafe", "tls"),
                          new JsonObject().put("action", "arm_home")))
              .body();
      assertThat(reply.getBoolean("ok")).as(reply.encode()).isTrue();
    }
  }
}

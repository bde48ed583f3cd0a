package io.cloudbus.bticino;

import static io.cloudbus.bticino.BticinoTestSupport.accountConfig;
import static io.cloudbus.bticino.BticinoTestSupport.deploy;
import static io.cloudbus.bticino.BticinoTestSupport.undeploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.bticino.BticinoTestSupport.Running;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mock.bticino.BticinoEmulation;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The BTicino adapter against the mock served over TLS: OAuth, REST and the push socket all trust
 * the mock's self-signed certificate through the account's {@code socket.tls}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BticinoTlsIT {

  @RegisterExtension
  static MockCloudExtension mock =
      new MockCloudExtension(
          new MockCloudOptions().tls(true).emulations(List.of(new BticinoEmulation())), null);

  @Test
  void logsInAndConnectsTrustingThePinnedCertificate(MockCloud cloud) throws Exception {
    JsonObject tls = new JsonObject().put("pinSha256", cloud.tls().sha256Fingerprint());
    Running r =
        deploy(
            cloud, accountConfig(cloud, new JsonObject().put("tls", tls)), TokenStore.inMemory());
    await().atMost(Patience.PATIENT).until(() -> r.socket.state() == ConnectionState.CONNECTED);
    // the login went over HTTPS, and the catch-up's getevents too
    assertThat(cloud.stats().getJsonObject("bticino").getLong("logins")).isPositive();
    undeploy(cloud, r);
  }

  @Test
  void withoutTrustTheLoginFails(MockCloud cloud) throws Exception {
    Running r = deploy(cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    await().atMost(Patience.PATIENT).until(() -> r.socket.state() == ConnectionState.BACKOFF);
    assertThat(cloud.stats().getJsonObject("bticino").getLong("logins")).isZero();
    undeploy(cloud, r);
  }
}

package io.cloudbus.bticino;

import static io.cloudbus.bticino.BticinoTestSupport.accountConfig;
import static io.cloudbus.bticino.BticinoTestSupport.awaitCatchUpQueried;
import static io.cloudbus.bticino.BticinoTestSupport.deploy;
import static io.cloudbus.bticino.BticinoTestSupport.stat;
import static io.cloudbus.bticino.BticinoTestSupport.undeploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.bticino.BticinoTestSupport.Running;
import io.cloudbus.bticino.impl.BticinoPushes;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.EventTypes;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.DisconnectMode;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.bticino.BticinoEmulation;
import io.cloudbus.mock.bticino.BticinoHomeSeed;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restarts, refused upgrades, accept-then-close loops, dead links, bad frames. */
@Timeout(300)
class BticinoResilienceIT {

  @RegisterExtension
  static final MockCloudExtension MOCK = new MockCloudExtension(List.of(new BticinoEmulation()));

  static final Duration WAIT = Duration.ofSeconds(20);

  static JsonObject push(JsonObject p) {
    p.getJsonObject("extra_params")
        .put("home_id", BticinoHomeSeed.HOME_ID)
        .put("device_id", BticinoHomeSeed.BRIDGE_ID);
    return p;
  }

  static void awaitConnected(Running r) {
    await().atMost(WAIT).until(() -> r.socket.state() == ConnectionState.CONNECTED);
  }

  @Test
  void restartResubscribesWithTheStoredRefreshTokenWithoutLoggingIn(
      MockCloud cloud, MockCloudAdminClient admin) throws Exception {
    // GIVEN a first run that logged in once
    TokenStore store = TokenStore.inMemory();
    JsonObject config = accountConfig(cloud, new JsonObject());
    Running first = deploy(cloud, config, store);
    awaitConnected(first);
    undeploy(cloud, first);
    assertThat(stat(cloud, "logins")).isEqualTo(1);
    // WHEN the stored access token dies meanwhile and the gateway restarts
    admin.expireAccessTokens("bticino");
    Running second = deploy(cloud, config, store);
    // THEN the subscribe refusal (code 11) makes it refresh, not log in, and it connects
    awaitConnected(second);
    assertThat(stat(cloud, "logins")).isEqualTo(1);
    assertThat(stat(cloud, "refreshes")).isGreaterThanOrEqualTo(1);
    assertThat(stat(cloud, "subscribeRejected")).isGreaterThanOrEqualTo(1);
    undeploy(cloud, second);
  }

  @Test
  void refusedUpgradesBackOffWithOneUpgradePerAttempt(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    // GIVEN a cloud answering 503 to every upgrade
    admin.faults("bticino", new JsonObject().put("handshakeStatus", 503));
    Running r = deploy(cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    // WHEN it keeps trying
    await().atMost(WAIT).until(() -> r.socket.status().getInteger("attempt", 0) >= 6);
    // THEN each attempt is one upgrade, in backoff, with delays within the configured cap
    JsonObject status = r.socket.status();
    assertThat(status.getString("state")).isIn("backoff", "connecting");
    long rejected = stat(cloud, "rejectedUpgrades");
    int attempts = r.socket.status().getInteger("attempt", 0);
    assertThat(rejected).isBetween((long) attempts - 1, (long) attempts + 1);
    assertThat(status.getLong("nextRetryMs", 0L)).isLessThanOrEqualTo(300L);
    // AND it connects as soon as the cloud accepts again
    admin.clearFaults("bticino");
    awaitConnected(r);
    undeploy(cloud, r);
  }

  @Test
  void acceptThenCloseLoopKeepsGrowingTheBackoff(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    // GIVEN a cloud that acks the subscribe and closes at once, every time
    admin.faults("bticino", new JsonObject().put("acceptThenClose", true));
    Running r = deploy(cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    // WHEN it loops
    await().atMost(WAIT).until(() -> stat(cloud, "handshakes") >= 5);
    // THEN the attempt counter was never reset by the short-lived handshakes (PR #80's bug)
    await().atMost(WAIT).until(() -> r.socket.status().getInteger("attempt", 0) >= 4);
    assertThat(stat(cloud, "logins")).isEqualTo(1);
    // AND a healthy cloud gets a stable connection
    admin.clearFaults("bticino");
    awaitConnected(r);
    long connections = stat(cloud, "connections");
    admin.pushBticino(push(BticinoPushes.rtc("BNC1", "offer", "after-loop")));
    await().atMost(WAIT).until(() -> r.withId("after-loop:ring").size() == 1);
    assertThat(stat(cloud, "connections")).isEqualTo(connections);
    undeploy(cloud, r);
  }

  @Test
  void quietButPingedSocketStaysAndASilentOneIsReplaced(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    // GIVEN server pings every 200 ms and a 1.5 s silence rule
    admin.send("PUT", "/bticino/settings", new JsonObject().put("pingIntervalMs", 200).encode());
    Running r =
        deploy(
            cloud,
            accountConfig(
                cloud,
                new JsonObject().put("silenceTimeoutMs", 1_500).put("handshakeTimeoutMs", 2_000)),
            TokenStore.inMemory());
    awaitConnected(r);
    // WHEN no application message arrives for 3 s (pings only)
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Patience.PATIENT)
        .until(() -> stat(cloud, "connections") == 1);
    // THEN still connected; but a socket that goes fully silent is declared dead and replaced
    assertThat(r.socket.state()).isEqualTo(ConnectionState.CONNECTED);
    admin.faults("bticino", new JsonObject().put("silent", true));
    await().atMost(WAIT).until(() -> r.socket.state() != ConnectionState.CONNECTED);
    admin.clearFaults("bticino");
    await().atMost(WAIT).until(() -> stat(cloud, "handshakes") >= 2);
    awaitConnected(r);
    undeploy(cloud, r);
  }

  @Test
  void badFramesAreSkippedAndTheSocketStays(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    // GIVEN a connected socket whose catch-up read the history before the pushes (else it may
    // add a :media enrichment for an offer-only ring: one unmapped event more)
    Running r = deploy(cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    awaitConnected(r);
    awaitCatchUpQueried(cloud);
    admin.faults("bticino", new JsonObject().put("malformedEvery", 2));
    for (int i = 0; i < 6; i++) {
      admin.pushBticino(push(BticinoPushes.rtc("BNC1", "offer", "bad-" + i)));
    }
    admin.pushBticino(new JsonObject().put("push_type", "BNC1-weird").put("extra_params", "nope"));
    await().atMost(WAIT).until(() -> r.events.size() >= 7);
    assertThat(r.named(EventTypes.DOORBELL_RING)).hasSize(6);
    assertThat(r.named(EventTypes.UNMAPPED)).hasSize(1);
    assertThat(r.socket.stats().getLong("badFrames")).isGreaterThanOrEqualTo(3);
    assertThat(stat(cloud, "connections")).isEqualTo(1);
    assertThat(r.socket.state()).isEqualTo(ConnectionState.CONNECTED);
    undeploy(cloud, r);
  }

  @Test
  void wrongPasswordIsAuthFailedWithoutSecretsInTheStatus(MockCloud cloud) throws Exception {
    JsonObject config = accountConfig(cloud, new JsonObject()).put("password", "wrong-SECRET-pw");
    Running r = deploy(cloud, config, TokenStore.inMemory());
    await().atMost(WAIT).until(() -> r.socket.state() == ConnectionState.AUTH_FAILED);
    String status = r.socket.status().encode();
    assertThat(status).contains("invalid_grant").doesNotContain("SECRET");
    assertThat(status).doesNotContain(BticinoHomeSeed.CLIENT_SECRET);
    assertThat(stat(cloud, "connections")).isZero();
    undeploy(cloud, r);
  }

  @Test
  void abruptDropReconnects(MockCloud cloud, MockCloudAdminClient admin) throws Exception {
    Running r = deploy(cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    awaitConnected(r);
    admin.disconnect("bticino", DisconnectMode.ABORT, null);
    await().atMost(WAIT).until(() -> stat(cloud, "handshakes") >= 2);
    awaitConnected(r);
    admin.pushBticino(push(BticinoPushes.status("BNC1", "disconnection")));
    await().atMost(WAIT).until(() -> r.named(EventTypes.DEVICE_UNREACHABLE).size() == 1);
    assertThat(stat(cloud, "logins")).isEqualTo(1);
    undeploy(cloud, r);
  }
}

package io.cloudbus.simplisafe;

import static io.cloudbus.simplisafe.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.ConnectionState;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pongs keep a quiet socket alive; a silent (half-open) one is detected and replaced. */
@Timeout(300)
class SimpliSafeKeepaliveIT {

  @RegisterExtension static MockCloudExtension mock = new MockCloudExtension();

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static long stat(MockCloud cloud, String name) {
    return cloud.stats().getJsonObject("simplisafe").getLong(name, 0L);
  }

  private static JsonObject config(MockCloud cloud, String account) {
    // pings every 200 ms, watchdog 1 s: a socket without pongs is dead after 1 s
    return TestSupport.fastConfig(cloud, account)
        .put("keepalive", new JsonObject().put("pingIntervalMs", 200).put("silenceTimeoutMs", 1000))
        .put(
            "socket",
            TestSupport.fastConfig(cloud, account)
                .getJsonObject("socket")
                .put("handshakeTimeoutMs", 5000));
  }

  @Test
  void quietButHealthySocketIsKeptBecausePongsCountAsTraffic(MockCloud cloud) {
    try (SocketHarness h = new SocketHarness(vertx, config(cloud, "quiet")).deploy()) {
      await().atMost(Patience.PATIENT).until(() -> h.is(ConnectionState.CONNECTED));

      // No event for several watchdog periods: the socket stays, no reconnect
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Patience.PATIENT)
          .until(() -> h.is(ConnectionState.CONNECTED) && stat(cloud, "connections") == 1);
      assertThat(h.socket.stats().getLong("reconnects")).isZero();
    }
  }

  @Test
  void silentSocketIsDetectedAndReplaced(MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = new SocketHarness(vertx, config(cloud, "silent")).deploy()) {
      await().atMost(Patience.PATIENT).until(() -> h.is(ConnectionState.CONNECTED));

      // WHEN the link goes half-open (nothing sent, nothing read, TCP stays up)
      admin.faults("simplisafe", new JsonObject().put("silent", true));

      // THEN the watchdog drops it
      await().atMost(Patience.PATIENT).until(() -> !h.is(ConnectionState.CONNECTED));

      // WHEN the cloud speaks again, THEN a new socket, and events flow
      admin.clearFaults("simplisafe");
      await()
          .atMost(Patience.PATIENT)
          .until(() -> h.is(ConnectionState.CONNECTED) && stat(cloud, "handshakes") >= 2);
      admin.pushSimpliSafe(new JsonObject().put("eventId", 42).put("eventCid", 1400));
      await().atMost(Patience.PATIENT).until(() -> h.ids().contains("simplisafe-42"));
    }
  }
}

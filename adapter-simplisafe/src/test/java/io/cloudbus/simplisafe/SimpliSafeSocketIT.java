package io.cloudbus.simplisafe;

import static io.cloudbus.simplisafe.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.EventTypes;
import io.cloudbus.mock.DisconnectMode;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The socket against the mock cloud: events, token expiry, revocation, 403, drops, bad frames. */
@Timeout(300)
class SimpliSafeSocketIT {

  @RegisterExtension static MockCloudExtension mock = new MockCloudExtension();

  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static ConditionFactory eventually() {
    return await().atMost(Patience.PATIENT).pollInterval(Duration.ofMillis(50));
  }

  private static SocketHarness connected(MockCloud cloud) {
    return connected(TestSupport.fastConfig(cloud, "home" + ACCOUNTS.incrementAndGet()));
  }

  private static SocketHarness connected(JsonObject config) {
    SocketHarness h = new SocketHarness(vertx, config).deploy();
    eventually().until(() -> h.is(ConnectionState.CONNECTED));
    return h;
  }

  private static long stat(MockCloud cloud, String name) {
    return cloud.stats().getJsonObject("simplisafe").getLong(name, 0L);
  }

  private static JsonObject event(long eventId, int cid) {
    return new JsonObject()
        .put("eventId", eventId)
        .put("eventCid", cid)
        .put("eventTimestamp", 1_700_000_000L + eventId % 1000)
        .put("sid", 98765)
        .put("userId", 12345)
        .put("sensorSerial", "s" + eventId)
        .put("info", "event " + eventId);
  }

  @Test
  void pushedEventsArriveNormalizedOnTheBus(MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      // WHEN
      JsonObject answer =
          admin.pushSimpliSafe(
              new JsonArray()
                  .add(SimpliSafeEventMapperTest.disarmFixture())
                  .add(SimpliSafeEventMapperTest.motionFixture("playback/hls", "https://hls"))
                  .add(event(501, 9999)));

      // THEN
      assertThat(answer).isEqualTo(new JsonObject().put("pushed", 3).put("sockets", 1));
      eventually().until(() -> h.busEvents.size() == 3);
      assertThat(h.events)
          .extracting(CloudbusEvent::name)
          .containsExactly(
              EventTypes.SECURITY_DISARMED, EventTypes.CAMERA_MOTION, EventTypes.UNMAPPED);
      JsonObject disarm = h.busEvents.get(0);
      assertThat(disarm.getString("id")).isEqualTo("simplisafe-16803409109");
      assertThat(disarm.getString("type")).isEqualTo("io.cloudbus.security.disarmed");
      assertThat(disarm.getString("source"))
          .isEqualTo("/cloudbus/simplisafe/" + h.socket.account());
      assertThat(disarm.getString("time")).isEqualTo("2021-09-29T23:14:46Z");
      assertThat(disarm.getString("vendortype")).isEqualTo("1400");
      assertThat(h.events.get(1).data().getJsonObject("media").getString("hls"))
          .isEqualTo("https://hls");
      assertThat(h.events.get(2).vendorType()).isEqualTo("9999");
      assertThat(h.socket.simpliSafeAccount().systemIds()).containsExactly(98765L);
      assertThat(stat(cloud, "handshakes")).isEqualTo(1L);
    }
  }

  @Test
  void proactiveRefreshReconnectsWithTheNewTokenAndLosesNothing(
      MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN access tokens that live 3 s, refreshed 1.5 s ahead
    admin.send("PUT", "/simplisafe/access-token-lifetime", "{\"seconds\":3}");
    JsonObject config =
        TestSupport.fastConfig(cloud, "home" + ACCOUNTS.incrementAndGet())
            .put("refreshMarginMs", 1500);
    try (SocketHarness h = connected(config)) {
      AccessToken first = h.socket.authHandler().currentToken();

      // WHEN events are pushed while the socket re-identifies twice
      admin.pushSimpliSafe(event(601, 1400));
      eventually().until(() -> stat(cloud, "handshakes") >= 2);
      admin.pushSimpliSafe(event(602, 3401));
      eventually().until(() -> stat(cloud, "handshakes") >= 3);
      admin.pushSimpliSafe(event(603, 3441));

      // THEN every event once, in order, and the socket runs on a newer token
      eventually().until(() -> h.events.size() >= 3);
      eventually().until(() -> h.is(ConnectionState.CONNECTED));
      assertThat(h.ids())
          .startsWith("simplisafe-601", "simplisafe-602", "simplisafe-603")
          .doesNotHaveDuplicates();
      assertThat(h.socket.authHandler().currentToken().accessToken())
          .isNotEqualTo(first.accessToken());
      assertThat(h.statusesIn(ConnectionState.AUTH_FAILED)).isEmpty();
    }
  }

  @Test
  void anUndeployedSocketStopsRefreshingItsToken(MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN access tokens that live 3 s, refreshed 1.5 s ahead, and a socket that refreshed
    admin.send("PUT", "/simplisafe/access-token-lifetime", "{\"seconds\":3}");
    JsonObject config =
        TestSupport.fastConfig(cloud, "home" + ACCOUNTS.incrementAndGet())
            .put("refreshMarginMs", 1500);
    SocketHarness h = connected(config);
    eventually().until(() -> stat(cloud, "refreshes") >= 1);

    // WHEN it is undeployed
    h.close();
    long tokenRequests = stat(cloud, "refreshes") + stat(cloud, "logins");

    // THEN nothing asks for a token any more (one request may have been in flight), over more
    // than two refresh periods
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Patience.PATIENT)
        .until(() -> stat(cloud, "refreshes") + stat(cloud, "logins") <= tokenRequests + 1);
    assertThat(h.socket.state()).isEqualTo(ConnectionState.STOPPED);
  }

  @Test
  void expiredTokensDropTheSocketWhichReidentifiesWithAFreshToken(
      MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      AccessToken first = h.socket.authHandler().currentToken();
      long refreshes = stat(cloud, "refreshes");

      // WHEN the cloud invalidates every token and an event happens at that moment
      admin.expireAccessTokens("simplisafe");
      admin.pushSimpliSafe(event(701, 1110));

      // THEN the socket is back with a fresh token and the event arrives exactly once
      eventually().until(() -> stat(cloud, "handshakes") >= 2 && h.is(ConnectionState.CONNECTED));
      eventually().until(() -> h.ids().contains("simplisafe-701"));
      assertThat(h.socket.authHandler().currentToken().accessToken())
          .isNotEqualTo(first.accessToken());
      assertThat(stat(cloud, "refreshes") - refreshes).isBetween(1L, 2L);
      admin.pushSimpliSafe(event(702, 1406));
      eventually().until(() -> h.ids().contains("simplisafe-702"));
      assertThat(h.ids()).doesNotHaveDuplicates();
    }
  }

  @Test
  void revokedRefreshTokenMeansAuthFailedWithSlowRetriesAndRecoveryAfterLogin(
      MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      // WHEN the refresh token is revoked and the access token dies
      admin.revokeRefreshTokens("simplisafe");
      admin.expireAccessTokens("simplisafe");

      // THEN auth_failed, asking for a new login; retries are slow and never hit the cloud again
      eventually().until(() -> h.is(ConnectionState.AUTH_FAILED));
      long refreshes = stat(cloud, "refreshes");
      long connections = stat(cloud, "connections");
      eventually().until(() -> h.statusesIn(ConnectionState.AUTH_FAILED).size() >= 3);
      for (JsonObject s : h.statusesIn(ConnectionState.AUTH_FAILED)) {
        assertThat(s.getString("reason")).contains("cloudbus login simplisafe");
        assertThat(s.getLong("nextRetryMs")).isEqualTo(500L);
      }
      assertThat(stat(cloud, "refreshes")).isEqualTo(refreshes);
      assertThat(stat(cloud, "connections")).isEqualTo(connections);

      // WHEN the user logs in again (the helper writes the token store)
      String fresh = admin.post("/simplisafe/refresh-token", null).getString("refreshToken");
      await(
          h.store.save(
              "simplisafe/" + h.socket.account(),
              new AccessToken("stale", fresh, Instant.now().minusSeconds(60))));

      // THEN the next slow retry picks it up
      eventually().until(() -> h.is(ConnectionState.CONNECTED));
      admin.pushSimpliSafe(event(801, 1400));
      eventually().until(() -> h.ids().contains("simplisafe-801"));
    }
  }

  @Test
  void handshake403BacksOffWithTheLongRateLimitedDelays(
      MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      // WHEN every upgrade is refused with 403 and the socket drops
      admin.faults("simplisafe", new JsonObject().put("handshakeStatus", 403));
      admin.disconnect("simplisafe", DisconnectMode.ABORT, null);

      // THEN each retry waits at least the rate-limited minimum (300 ms here, 5 min by default)
      eventually().until(() -> stat(cloud, "rejectedUpgrades") >= 3);
      List<JsonObject> backoffs =
          h.statusesIn(ConnectionState.BACKOFF).stream()
              .filter(s -> s.getString("reason", "").contains("403"))
              .toList();
      assertThat(backoffs).isNotEmpty();
      assertThat(backoffs)
          .allSatisfy(s -> assertThat(s.getLong("nextRetryMs")).isBetween(300L, 600L));
      // one upgrade per scheduled retry: no attempt outside the backoff
      assertThat(stat(cloud, "rejectedUpgrades")).isLessThanOrEqualTo(backoffs.size() + 1L);

      // WHEN the cloud accepts again, THEN connected
      admin.clearFaults("simplisafe");
      eventually().until(() -> h.is(ConnectionState.CONNECTED));
      assertThat(h.statusesIn(ConnectionState.AUTH_FAILED)).isEmpty();
    }
  }

  @Test
  void abruptDropWithEventsDuringTheOutageDeliversEachOnceInOrder(
      MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      admin.pushSimpliSafe(event(901, 1400));
      eventually().until(() -> h.events.size() == 1);

      // WHEN the link dies and reconnects fail for a while, events happen meanwhile
      admin.faults("simplisafe", new JsonObject().put("handshakeStatus", 503));
      admin.disconnect("simplisafe", DisconnectMode.ABORT, null);
      eventually().until(() -> h.is(ConnectionState.BACKOFF));
      JsonObject missed =
          admin.pushSimpliSafe(
              new JsonArray().add(event(902, 3401)).add(event(903, 1429)).add(event(904, 1110)));
      assertThat(missed.getInteger("sockets")).isZero();
      admin.clearFaults("simplisafe");

      // THEN the catch-up delivers them once, oldest first; 901 is not delivered again
      eventually().until(() -> h.events.size() >= 4 && h.is(ConnectionState.CONNECTED));
      eventually().until(() -> h.socket.stats().getLong("catchUpEvents") >= 4);
      assertThat(h.ids())
          .containsExactly("simplisafe-901", "simplisafe-902", "simplisafe-903", "simplisafe-904");
      assertThat(h.socket.stats().getLong("duplicatesDropped")).isGreaterThanOrEqualTo(1L);
    }
  }

  @Test
  void malformedAndOddlyTypedEventsNeverStopTheSocket(MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      // GIVEN the connect's catch-up is done (else it would list, and count, the odd events again)
      eventually().until(() -> h.socket.stats().getLong("catchUps") >= 1);
      // AND a malformed frame before every 2nd push
      admin.faults("simplisafe", new JsonObject().put("malformedEvery", 2));

      // WHEN odd events arrive: numbers as strings, account as a number, flv instead of hls,
      // no video, CID 0 with an unknown sensor type, and events without a usable eventId
      admin.pushSimpliSafe(
          new JsonArray()
              .add(
                  new JsonObject()
                      .put("eventId", "1001")
                      .put("eventCid", "3401")
                      .put("eventTimestamp", "1700000000")
                      .put("account", 12345)
                      .put("sid", "98765"))
              .add(SimpliSafeEventMapperTest.motionFixture("playback/flv", "https://flv"))
              .add(
                  new JsonObject()
                      .put("eventId", 1003)
                      .put("eventCid", 0)
                      .put("info", "")
                      .put("sensorType", 21))
              .add(new JsonObject().put("eventId", null).put("eventCid", 1400))
              .add(new JsonObject().put("eventId", "abc").put("eventCid", 1400))
              .add(
                  new JsonObject()
                      .put("eventId", 1006)
                      .put("video", "x")
                      .put("eventCid", new JsonObject())));
      admin.pushSimpliSafe(event(1007, 1400));

      // THEN the good ones arrive, the rest is counted, the socket never reconnected
      eventually().until(() -> h.ids().contains("simplisafe-1007"));
      assertThat(new HashSet<>(h.ids()))
          .contains(
              "simplisafe-1001", "simplisafe-17000000001", "simplisafe-1003", "simplisafe-1006");
      assertThat(h.socket.unmappableEvents()).isEqualTo(2L);
      assertThat(h.socket.stats().getLong("badFrames")).isGreaterThanOrEqualTo(3L);
      assertThat(h.is(ConnectionState.CONNECTED)).isTrue();
      assertThat(stat(cloud, "handshakes")).isEqualTo(1L);
    }
  }
}

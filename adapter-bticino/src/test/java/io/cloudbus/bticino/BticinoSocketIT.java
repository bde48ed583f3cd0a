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
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.EventTypes;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.bticino.BticinoEmulation;
import io.cloudbus.mock.bticino.BticinoHomeSeed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The socket against the BTicino emulation: subscribe, pushes, dedup, expiry, catch-up. */
@Timeout(300)
class BticinoSocketIT {

  @RegisterExtension
  static final MockCloudExtension MOCK = new MockCloudExtension(List.of(new BticinoEmulation()));

  static final Duration WAIT = Duration.ofSeconds(20);

  static JsonObject push(JsonObject p) {
    // the seeded home and bridge, as the cloud would send them for this account
    JsonObject extra = p.getJsonObject("extra_params");
    extra.put("home_id", BticinoHomeSeed.HOME_ID).put("device_id", BticinoHomeSeed.BRIDGE_ID);
    return p;
  }

  static void settings(MockCloudAdminClient admin, JsonObject settings) {
    admin.send("PUT", "/bticino/settings", settings.encode());
  }

  static void awaitConnected(Running r) {
    await().atMost(WAIT).until(() -> r.socket.state() == ConnectionState.CONNECTED);
  }

  @Test
  void everyPushTypeIsDeliveredNormalized(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    // GIVEN a connected socket whose catch-up read the (empty) history
    Running r = deploy(cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    awaitConnected(r);
    awaitCatchUpQueried(cloud);
    // WHEN the cloud pushes one of each kind
    JsonArray pushes =
        new JsonArray()
            .add(push(BticinoPushes.rtc("BNC1", "offer", "s-1")))
            .add(push(BticinoPushes.call("BNC1", "incoming_call", "s-1", true)))
            .add(push(BticinoPushes.call("BNC1", "accepted_call", "s-1", false)))
            .add(push(BticinoPushes.rtc("BNC1", "terminate", "s-1")))
            .add(push(BticinoPushes.call("BNCX", "missed_call", "s-2", false)))
            .add(push(BticinoPushes.status("BDIY", "disconnection")))
            .add(push(BticinoPushes.status("BDIY", "connection")))
            .add(push(BticinoPushes.status("BNC1", "end_recording")));
    JsonObject result = admin.pushBticino(pushes);
    // THEN
    assertThat(result.getInteger("pushed")).isEqualTo(8);
    assertThat(result.getInteger("sockets")).isEqualTo(1);
    await().atMost(WAIT).until(() -> r.events.size() >= 8);
    assertThat(r.events)
        .extracting(CloudbusEvent::id)
        .startsWith("s-1:ring", "s-1:media", "s-1:answered", "s-1:ended", "s-2:missed");
    assertThat(r.events)
        .extracting(CloudbusEvent::name)
        .containsExactly(
            EventTypes.DOORBELL_RING,
            EventTypes.UNMAPPED,
            EventTypes.CALL_ANSWERED,
            EventTypes.CALL_ENDED,
            EventTypes.CALL_MISSED,
            EventTypes.DEVICE_UNREACHABLE,
            EventTypes.DEVICE_RESTORED,
            EventTypes.UNMAPPED);
    CloudbusEvent ring = r.events.get(0);
    assertThat(ring.vendorType()).isEqualTo("BNC1-rtc:offer");
    assertThat(ring.toJson().getString("source")).isEqualTo("/cloudbus/bticino/home");
    assertThat(ring.data().getJsonObject("raw").getString("push_type")).isEqualTo("BNC1-rtc");
    undeploy(cloud, r);
  }

  @Test
  void retransmitsEitherOrderAndDuplicateTerminatesGiveOneEventEach(
      MockCloud cloud, MockCloudAdminClient admin) throws Exception {
    // GIVEN a cloud that repeats offers 3 times and has 4 registered receivers
    settings(
        admin,
        new JsonObject()
            .put("offerRetransmits", 3)
            .put("offerRetransmitIntervalMs", 100)
            .put("receivers", 4));
    Running r = deploy(cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    awaitConnected(r);
    // WHEN call A rings by offer first, call B by incoming_call first, both end
    admin.pushBticino(push(BticinoPushes.rtc("BNC1", "offer", "A")));
    admin.pushBticino(push(BticinoPushes.call("BNCX", "incoming_call", "B", true)));
    admin.pushBticino(push(BticinoPushes.rtc("BNCX", "offer", "B")));
    await().atMost(WAIT).until(() -> stat(cloud, "pushed") >= 1 + 1 + 1 + 3 + 3);
    admin.pushBticino(push(BticinoPushes.call("BNC1", "incoming_call", "A", true)));
    admin.pushBticino(push(BticinoPushes.rtc("BNC1", "rescind", "A")));
    admin.pushBticino(push(BticinoPushes.rtc("BNC1", "terminate", "A")));
    admin.pushBticino(push(BticinoPushes.rtc("BNCX", "terminate", "B")));
    // THEN every copy arrived and each call event exists exactly once
    await().atMost(WAIT).until(() -> stat(cloud, "pushed") >= 9 + 1 + 4 + 4 + 4);
    await().atMost(WAIT).until(() -> r.withId("B:ended").size() == 1);
    assertThat(r.named(EventTypes.DOORBELL_RING))
        .extracting(CloudbusEvent::id)
        .containsExactly("A:ring", "B:ring");
    assertThat(r.withId("B:ring").get(0).data().getString("snapshot_url"))
        .isEqualTo(BticinoPushes.SNAPSHOT);
    assertThat(r.withId("A:media")).hasSize(1);
    assertThat(r.withId("A:answered")).hasSize(1);
    assertThat(r.withId("A:ended")).hasSize(1);
    assertThat(r.events).hasSize(6);
    undeploy(cloud, r);
  }

  @Test
  void tokenExpiryWhileConnectedResubscribesOnTheSameSocket(
      MockCloud cloud, MockCloudAdminClient admin) throws Exception {
    // GIVEN 3 s tokens, a cloud that drops sockets whose token expired, pings every 200 ms
    settings(
        admin,
        new JsonObject()
            .put("tokenLifetimeSeconds", 3)
            .put("pingIntervalMs", 200)
            .put("dropOnTokenExpiry", true));
    Running r =
        deploy(
            cloud,
            accountConfig(cloud, new JsonObject().put("silenceTimeoutMs", 1_500)),
            TokenStore.inMemory());
    awaitConnected(r);
    // WHEN several token lifetimes pass
    await().atMost(WAIT).until(() -> stat(cloud, "resubscribes") >= 5);
    // THEN still the first connection, and pushes still flow
    assertThat(stat(cloud, "connections")).isEqualTo(1);
    assertThat(stat(cloud, "logins")).isEqualTo(1);
    assertThat(r.socket.state()).isEqualTo(ConnectionState.CONNECTED);
    admin.pushBticino(push(BticinoPushes.rtc("BNC1", "offer", "late")));
    await().atMost(WAIT).until(() -> r.withId("late:ring").size() == 1);
    assertThat(stat(cloud, "connections")).isEqualTo(1);
    undeploy(cloud, r);
  }

  @Test
  void anUndeployedSocketStopsRefreshingItsToken(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    // GIVEN 3 s tokens (refreshed ahead of expiry by the handler's margin) and a connected socket
    settings(admin, new JsonObject().put("tokenLifetimeSeconds", 3));
    Running r = deploy(cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    awaitConnected(r);
    await().atMost(WAIT).until(() -> stat(cloud, "refreshes") >= 1);

    // WHEN it is undeployed
    undeploy(cloud, r);
    long tokenRequests = stat(cloud, "refreshes") + stat(cloud, "logins");

    // THEN nothing asks for a token any more (one request may have been in flight)
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Patience.PATIENT)
        .until(() -> stat(cloud, "refreshes") + stat(cloud, "logins") <= tokenRequests + 1);
    assertThat(r.socket.state()).isEqualTo(ConnectionState.STOPPED);
  }

  @Test
  void callsDuringAnOutageAreCaughtUpOnce(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    // GIVEN a connected socket that saw the ring of call C
    Running r = deploy(cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    awaitConnected(r);
    admin.pushBticino(push(BticinoPushes.call("BNC1", "incoming_call", "C", true)));
    await().atMost(WAIT).until(() -> r.withId("C:ring").size() == 1);
    // WHEN the cloud drops it and refuses upgrades while calls happen
    admin.faults("bticino", new JsonObject().put("handshakeStatus", 503));
    admin.disconnect("bticino", io.cloudbus.mock.DisconnectMode.ABORT, null);
    await().atMost(WAIT).until(() -> stat(cloud, "rejectedUpgrades") >= 2);
    JsonObject during =
        admin.pushBticino(
            new JsonArray()
                .add(push(BticinoPushes.call("BNC1", "missed_call", "C", false)))
                .add(push(BticinoPushes.call("BNC1", "incoming_call", "D", true)))
                .add(push(BticinoPushes.call("BNC1", "accepted_call", "D", false))));
    assertThat(during.getInteger("sockets")).isZero();
    admin.clearFaults("bticino");
    // THEN after the reconnect the missed events arrive once, the pushed ring is not repeated
    await().atMost(WAIT).until(() -> r.withId("D:answered").size() == 1);
    assertThat(r.withId("C:missed")).hasSize(1);
    assertThat(r.withId("D:ring")).hasSize(1);
    assertThat(r.withId("C:ring")).hasSize(1);
    assertThat(r.withId("D:ring").get(0).data().getBoolean("catch_up")).isTrue();
    // AND another reconnect replays nothing
    long connections = stat(cloud, "connections");
    admin.disconnect("bticino", io.cloudbus.mock.DisconnectMode.CLOSE, 1001);
    await().atMost(WAIT).until(() -> stat(cloud, "connections") > connections);
    awaitConnected(r);
    await().atMost(WAIT).until(() -> r.socket.stats().getLong("catchUpEvents", 0L) >= 3);
    assertThat(r.events).extracting(CloudbusEvent::id).doesNotHaveDuplicates();
    assertThat(r.events).hasSize(4);
    undeploy(cloud, r);
  }
}

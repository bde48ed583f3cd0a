package io.cloudbus.simplisafe;

import static io.cloudbus.simplisafe.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SimpliSafe commands and device state against the mock cloud, on the command address. */
@Timeout(300)
class SimpliSafeCommandsIT {

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
    SocketHarness h =
        new SocketHarness(vertx, TestSupport.fastConfig(cloud, "cmd" + ACCOUNTS.incrementAndGet()))
            .deploy();
    eventually().until(() -> h.is(ConnectionState.CONNECTED));
    eventually().until(() -> device(h, "system-98765") != null && device(h, "lock0001") != null);
    return h;
  }

  private static JsonObject request(SocketHarness h, JsonObject command) {
    return await(
            vertx
                .eventBus()
                .<JsonObject>request(
                    CloudbusAddresses.command("simplisafe", h.socket.account()),
                    command,
                    new DeliveryOptions().addHeader("cloudbus-sender", "ops-token")))
        .body();
  }

  private static JsonObject device(SocketHarness h, String localId) {
    JsonArray all =
        request(h, new JsonObject().put("action", "devices"))
            .getJsonObject("result")
            .getJsonArray("devices");
    for (Object o : all) {
      JsonObject d = (JsonObject) o;
      if (d.getString("localId").equals(localId)) {
        return d;
      }
    }
    return null;
  }

  private static List<String> names(SocketHarness h) {
    return h.events.stream().map(CloudbusEvent::name).toList();
  }

  @Test
  void aV2SystemsSensorsAreReadFromItsSettings(MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN an SS2 system whose entry sensor is open with a low battery (V2 fields)
    admin.send(
        "PUT",
        "/simplisafe/system",
        new JsonObject()
            .put("version", 2)
            .put(
                "sensors",
                new JsonObject()
                    .put(
                        "987a1b2c",
                        new JsonObject().put("battery", "LOW").put("entryStatus", "open")))
            .encode());
    try (SocketHarness h = connected(cloud)) {
      // THEN the alarm device is a V2 system and its sensors come from the V2 settings
      assertThat(device(h, "system-98765").getJsonObject("state").getInteger("version"))
          .isEqualTo(2);
      JsonObject entry = device(h, "987a1b2c");
      assertThat(entry.getString("type")).isEqualTo("sensor");
      assertThat(entry.getString("name")).isEqualTo("Front door");
      assertThat(entry.getJsonObject("state").getBoolean("lowBattery")).isTrue();
      assertThat(entry.getJsonObject("state").getString("entryStatus")).isEqualTo("open");
      assertThat(device(h, "lock0001").getString("type")).isEqualTo("lock");
    }
  }

  @Test
  void armAwayCountsDownThenArmsAndTheStateFollows(MockCloud cloud, MockCloudAdminClient admin) {
    admin.send(
        "PUT",
        "/simplisafe/system",
        new JsonObject().put("settings", new JsonObject().put("exitDelayAway", 1)).encode());
    try (SocketHarness h = connected(cloud)) {
      // GIVEN the state read at connect
      assertThat(device(h, "system-98765").getJsonObject("state").getString("alarmState"))
          .isEqualTo("OFF");
      assertThat(device(h, "lock0001").getString("type")).isEqualTo("lock");
      // WHEN arming away
      JsonObject reply = request(h, new JsonObject().put("action", "arm_away"));
      // THEN the reply names the state, the push socket reports exit delay then armed away
      assertThat(reply.getBoolean("ok")).isTrue();
      assertThat(reply.getJsonObject("result").getString("state")).isEqualTo("AWAY");
      eventually().until(() -> names(h).contains("security.armed_away"));
      assertThat(names(h).indexOf("security.exit_delay"))
          .isLessThan(names(h).indexOf("security.armed_away"));
      eventually()
          .until(
              () ->
                  "AWAY"
                      .equals(
                          device(h, "system-98765")
                              .getJsonObject("state")
                              .getString("alarmState")));
      // AND device.changed carries old and new, and the command is audited with its sender
      CloudbusEvent changed =
          h.control.stream()
              .filter(e -> e.name().equals("device.changed"))
              .filter(e -> e.subject().endsWith("system-98765"))
              .filter(e -> e.data().getJsonObject("old") != null)
              .findFirst()
              .orElseThrow();
      assertThat(changed.data().getJsonObject("old").getString("alarmState")).isEqualTo("OFF");
      CloudbusEvent audit =
          h.control.stream()
              .filter(e -> e.name().equals("command.succeeded"))
              .findFirst()
              .orElseThrow();
      assertThat(audit.data().getString("action")).isEqualTo("arm_away");
      assertThat(audit.data().getString("sender")).isEqualTo("ops-token");
    }
  }

  @Test
  void unlockAndLockTheLock(MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      JsonObject reply = request(h, new JsonObject().put("action", "unlock"));
      assertThat(reply.getJsonObject("result").getBoolean("locked")).isFalse();
      assertThat(device(h, "lock0001").getJsonObject("state").getBoolean("locked")).isFalse();
      assertThat(
              admin
                  .send("GET", "/simplisafe/system", null)
                  .getJsonArray("sensors")
                  .getJsonObject(3)
                  .getJsonObject("status")
                  .getInteger("lockState"))
          .isEqualTo(2);
      eventually().until(() -> names(h).contains("lock.unlocked"));
      request(h, new JsonObject().put("action", "lock").put("device", "lock0001"));
      assertThat(device(h, "lock0001").getJsonObject("state").getBoolean("locked")).isTrue();
      JsonObject unknown = request(h, new JsonObject().put("action", "lock").put("device", "nope"));
      assertThat(unknown.getJsonObject("error").getString("code")).isEqualTo("unknown_device");
      // an unknown action names the actions the adapter lists, not the generic send alone
      JsonObject dance = request(h, new JsonObject().put("action", "dance"));
      assertThat(dance.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      assertThat(dance.getJsonObject("error").getString("message"))
          .contains("(supported: arm_home, arm_away, disarm, lock, unlock;");
      // the core's raw send is not among them, so it is refused like any unknown action
      JsonObject raw =
          request(
              h,
              new JsonObject()
                  .put("action", "send")
                  .put("message", new JsonObject().put("type", "anything")));
      assertThat(raw.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      assertThat(raw.getJsonObject("error").getString("message"))
          .startsWith("unknown action 'send'");
    }
  }

  @Test
  void vendorFailuresAreNamedAndSyncingIsRetried(MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      // GIVEN one 409: simplipy's retry gets through
      admin.faults("simplisafe", new JsonObject().put("syncing", 1));
      assertThat(request(h, new JsonObject().put("action", "arm_home")).getBoolean("ok")).isTrue();
      // GIVEN a base station that keeps syncing: three attempts, then the named failure
      admin.faults("simplisafe", new JsonObject().put("syncing", true));
      JsonObject syncing = request(h, new JsonObject().put("action", "disarm"));
      assertThat(syncing.getJsonObject("error").getString("code"))
          .isEqualTo("base_station_syncing");
      admin.faults(
          "simplisafe", new JsonObject().put("syncing", null).put("noRemoteManagement", true));
      JsonObject refused = request(h, new JsonObject().put("action", "disarm"));
      assertThat(refused.getJsonObject("error").getString("code"))
          .isEqualTo("no_remote_management");
      admin.faults(
          "simplisafe", new JsonObject().put("noRemoteManagement", null).put("pinError", true));
      assertThat(
              request(h, new JsonObject().put("action", "unlock"))
                  .getJsonObject("error")
                  .getString("code"))
          .isEqualTo("pin_error");
      CloudbusEvent failed =
          h.control.stream()
              .filter(e -> e.name().equals("command.failed"))
              .findFirst()
              .orElseThrow();
      assertThat(failed.data().getJsonObject("error").getString("code"))
          .isEqualTo("base_station_syncing");
      // the system stayed armed home: nothing ran twice or wrongly
      assertThat(admin.send("GET", "/simplisafe/system", null).getString("alarmState"))
          .isEqualTo("HOME");
    }
  }

  @Test
  void commandsAreRefusedWhileNotConnected(MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      await(h.socket.disconnect());
      JsonObject reply = request(h, new JsonObject().put("action", "arm_away"));
      assertThat(reply.getJsonObject("error").getString("code")).isEqualTo("not_connected");
      assertThat(admin.send("GET", "/simplisafe/system", null).getString("alarmState"))
          .isEqualTo("OFF");
      // the actions are listed in any state
      JsonArray actions =
          request(h, new JsonObject().put("action", "actions"))
              .getJsonObject("result")
              .getJsonArray("actions");
      assertThat(actions.stream().map(a -> ((JsonObject) a).getString("name")))
          .containsExactly("arm_home", "arm_away", "disarm", "lock", "unlock");
    }
  }

  @Test
  void aReconnectRereadsTheState(MockCloud cloud, MockCloudAdminClient admin) {
    try (SocketHarness h = connected(cloud)) {
      // GIVEN a change the socket never heard about (no push)
      admin.send("PUT", "/simplisafe/system", new JsonObject().put("alarmState", "HOME").encode());
      // WHEN the socket reconnects
      admin.disconnect("simplisafe", io.cloudbus.mock.DisconnectMode.CLOSE, null);
      // THEN the state is read again
      eventually()
          .until(
              () ->
                  "HOME"
                      .equals(
                          device(h, "system-98765")
                              .getJsonObject("state")
                              .getString("alarmState")));
    }
  }
}

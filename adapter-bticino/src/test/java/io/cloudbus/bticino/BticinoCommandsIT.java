package io.cloudbus.bticino;

import static io.cloudbus.bticino.BticinoTestSupport.accountConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.bticino.BticinoTestSupport.Running;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.DisconnectMode;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.bticino.BticinoEmulation;
import io.cloudbus.mock.bticino.BticinoHomeSeed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BTicino door lock and light commands and device state against the emulation. */
@Timeout(300)
class BticinoCommandsIT {

  @RegisterExtension
  static final MockCloudExtension MOCK = new MockCloudExtension(List.of(new BticinoEmulation()));

  static JsonObject request(MockCloud cloud, JsonObject command) throws Exception {
    return cloud
        .vertx()
        .eventBus()
        .<JsonObject>request(CloudbusAddresses.command("bticino", "home"), command)
        .toCompletionStage()
        .toCompletableFuture()
        .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS)
        .body();
  }

  static JsonObject device(MockCloud cloud, String moduleId) throws Exception {
    JsonArray all =
        request(cloud, new JsonObject().put("action", "devices"))
            .getJsonObject("result")
            .getJsonArray("devices");
    for (Object o : all) {
      if (moduleId.equals(((JsonObject) o).getString("localId"))) {
        return (JsonObject) o;
      }
    }
    return null;
  }

  static Running connected(MockCloud cloud) throws Exception {
    Running r =
        BticinoTestSupport.deploy(
            cloud, accountConfig(cloud, new JsonObject()), TokenStore.inMemory());
    await().atMost(Patience.PATIENT).until(() -> r.socket.state() == ConnectionState.CONNECTED);
    await().atMost(Patience.PATIENT).until(() -> device(cloud, BticinoHomeSeed.LIGHT_ID) != null);
    return r;
  }

  @Test
  void unlockTheDoorAndSwitchTheLight(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    Running r = connected(cloud);
    try {
      // GIVEN the homestatus read at connect
      JsonObject lock = device(cloud, BticinoHomeSeed.DOOR_LOCK_ID);
      assertThat(lock.getString("type")).isEqualTo("lock");
      assertThat(lock.getJsonObject("state").getBoolean("locked")).isTrue();
      assertThat(device(cloud, BticinoHomeSeed.BRIDGE_ID).getString("type")).isEqualTo("bridge");
      // WHEN unlocking
      JsonObject reply = request(cloud, new JsonObject().put("action", "unlock_door"));
      // THEN the mock's lock is open and the device state follows with a device.changed event
      assertThat(reply.getBoolean("ok")).isTrue();
      assertThat(reply.getJsonObject("result").getBoolean("locked")).isFalse();
      assertThat(
              admin
                  .send("GET", "/bticino/modules", null)
                  .getJsonObject(BticinoHomeSeed.DOOR_LOCK_ID)
                  .getBoolean("lock"))
          .isFalse();
      assertThat(
              device(cloud, BticinoHomeSeed.DOOR_LOCK_ID)
                  .getJsonObject("state")
                  .getBoolean("locked"))
          .isFalse();
      await()
          .atMost(Patience.PATIENT)
          .until(
              () ->
                  r.control("device.changed").stream()
                      .anyMatch(
                          e ->
                              e.subject().endsWith(BticinoHomeSeed.DOOR_LOCK_ID)
                                  && Boolean.FALSE.equals(
                                      e.data().getJsonObject("new").getBoolean("locked"))));
      request(
          cloud,
          new JsonObject().put("action", "light_on").put("device", BticinoHomeSeed.LIGHT_ID));
      assertThat(
              admin
                  .send("GET", "/bticino/modules", null)
                  .getJsonObject(BticinoHomeSeed.LIGHT_ID)
                  .getBoolean("on"))
          .isTrue();
      await().atMost(Patience.PATIENT).until(() -> !r.control("command.succeeded").isEmpty());
    } finally {
      BticinoTestSupport.undeploy(cloud, r);
    }
  }

  @Test
  void partialErrorsFailTheCommandByName(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    Running r = connected(cloud);
    try {
      admin.send(
          "PUT",
          "/bticino/modules",
          new JsonObject()
              .put(BticinoHomeSeed.DOOR_LOCK_ID, new JsonObject().put("reachable", false))
              .encode());
      JsonObject unreachable = request(cloud, new JsonObject().put("action", "unlock_door"));
      assertThat(unreachable.getJsonObject("error").getString("code"))
          .isEqualTo("device_unreachable");
      admin.faults("bticino", new JsonObject().put("partialError", 23));
      JsonObject other = request(cloud, new JsonObject().put("action", "light_off"));
      assertThat(other.getJsonObject("error").getString("code")).isEqualTo("vendor_error");
      assertThat(other.getJsonObject("error").getString("message")).contains("23");
      await().atMost(Patience.PATIENT).until(() -> r.control("command.failed").size() == 2);
      // AND a reconnect re-reads the state: the lock shows as unreachable
      admin.disconnect("bticino", DisconnectMode.CLOSE, null);
      await()
          .atMost(Patience.PATIENT)
          .until(
              () ->
                  Boolean.FALSE.equals(
                      device(cloud, BticinoHomeSeed.DOOR_LOCK_ID)
                          .getJsonObject("state")
                          .getBoolean("reachable")));
    } finally {
      BticinoTestSupport.undeploy(cloud, r);
    }
  }
}

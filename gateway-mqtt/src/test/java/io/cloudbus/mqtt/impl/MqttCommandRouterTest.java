package io.cloudbus.mqtt.impl;

import static io.cloudbus.mqtt.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MqttCommandRouterTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private MqttCommandRouter router(String disarmCode) {
    vertx
        .eventBus()
        .<JsonObject>consumer(
            "cloudbus.command.simplisafe.home",
            m -> {
              received.add(m.body());
              m.reply(new JsonObject().put("ok", true));
            })
        .completion()
        .await();
    MqttCommandRouter r = new MqttCommandRouter(vertx, disarmCode);
    r.declare(
        "cloudbus/simplisafe/home/devices/simplisafe:home:system-7/set",
        new MqttCommandRouter.Declared("simplisafe", "home", "simplisafe:home:system-7", "alarm"));
    r.declare(
        "cloudbus/simplisafe/home/devices/simplisafe:home:ab12/set",
        new MqttCommandRouter.Declared("simplisafe", "home", "simplisafe:home:ab12", "lock"));
    return r;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void declaredPayloadsBecomeCommandsOnTheBus() {
    MqttCommandRouter r = router(null);
    String alarm = "cloudbus/simplisafe/home/devices/simplisafe:home:system-7/set";
    assertThat(r.handle(alarm, b("{\"action\":\"ARM_AWAY\",\"code\":\"\"}")))
        .isEqualTo(new JsonObject().put("action", "arm_away").put("system", 7L));
    assertThat(r.handle(alarm, b("DISARM")))
        .isEqualTo(new JsonObject().put("action", "disarm").put("system", 7L));
    assertThat(r.handle("cloudbus/simplisafe/home/devices/simplisafe:home:ab12/set", b("UNLOCK")))
        .isEqualTo(new JsonObject().put("action", "unlock").put("device", "simplisafe:home:ab12"));
    await().atMost(PATIENT).until(() -> received.size() == 3);
    assertThat(r.accepted()).isEqualTo(3);
  }

  @Test
  void anythingNotDeclaredIsRefused() {
    MqttCommandRouter r = router(null);
    String alarm = "cloudbus/simplisafe/home/devices/simplisafe:home:system-7/set";
    assertThat(r.handle(alarm, b("ARM_NIGHT"))).isNull();
    assertThat(r.handle(alarm, b("LOCK"))).isNull();
    assertThat(r.handle(alarm, b("{not json"))).isNull();
    assertThat(r.handle(alarm, new byte[MqttCommandRouter.MAX_PAYLOAD_BYTES + 1])).isNull();
    assertThat(r.handle("cloudbus/simplisafe/home/devices/other/set", b("DISARM"))).isNull();
    assertThat(r.refused()).isEqualTo(5);
    assertThat(r.accepted()).isZero();
  }

  @Test
  void aConfiguredDisarmCodeMustMatch() {
    MqttCommandRouter r = router("4711");
    String alarm = "cloudbus/simplisafe/home/devices/simplisafe:home:system-7/set";
    assertThat(r.handle(alarm, b("DISARM"))).isNull();
    assertThat(r.handle(alarm, b("{\"action\":\"DISARM\",\"code\":\"1234\"}"))).isNull();
    assertThat(r.handle(alarm, b("{\"action\":\"DISARM\",\"code\":\"4711\"}"))).isNotNull();
    // arming needs no code (code_arm_required false)
    assertThat(r.handle(alarm, b("ARM_HOME"))).isNotNull();
  }
}

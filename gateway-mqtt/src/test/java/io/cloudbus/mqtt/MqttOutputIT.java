package io.cloudbus.mqtt;

import static io.cloudbus.mqtt.Patience.PATIENT;
import static io.cloudbus.mqtt.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT output against Debian's mosquitto broker, with {@code mosquitto_sub} (and {@code
 * mosquitto_pub}) as the independent clients: events, retained status and discovery, commands, and
 * a broker restart that loses nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MqttOutputIT {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private Mosquitto broker;
  private MqttOutput output;

  @BeforeEach
  void broker() throws Exception {
    assumeTrue(Mosquitto.installed(), "mosquitto is not installed (apt-get install mosquitto)");
    broker = Mosquitto.start(dir);
  }

  @AfterEach
  void close() throws Exception {
    if (output != null) {
      output.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.close();
    }
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /** The output's {@code protocolVersion}; {@link Mqtt5OutputIT} runs every test with MQTT 5. */
  int protocolVersion() {
    return MqttOutputOptions.MQTT_3_1_1;
  }

  /** A {@code mosquitto_sub} speaking the same protocol version as the output. */
  MosquittoSub subscribe(String clientId, String... filters) throws Exception {
    List<String> connect = new ArrayList<>(broker.clientArgs());
    if (protocolVersion() == MqttOutputOptions.MQTT_5) {
      connect.addAll(List.of("-V", "mqttv5"));
    }
    return MosquittoSub.start(connect, clientId, filters);
  }

  private void start(JsonObject extra) throws Exception {
    output =
        MqttOutput.start(
                vertx,
                MqttOutputOptions.fromJson(
                    new JsonObject()
                        .put("url", broker.url())
                        .put("protocolVersion", protocolVersion())
                        .put("reconnectInitialDelayMs", 100)
                        .put("reconnectMaxDelayMs", 1000)
                        .mergeIn(extra)))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    assertThat(output.stats().getInteger("protocolVersion")).isEqualTo(protocolVersion());
  }

  static JsonObject event(String vendor, String account, String name, String id) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id)
        .put("source", "/cloudbus/" + vendor + "/" + account)
        .put("type", "io.cloudbus." + name)
        .put("subject", "s-" + id)
        .put("time", "2026-12-07T01:00:00Z")
        .put("vendor", vendor)
        .put("account", account)
        .put("data", new JsonObject());
  }

  private void publish(JsonObject event) {
    vertx.eventBus().publish("cloudbus.events", event);
  }

  private void status(String vendor, String account, String state) {
    vertx
        .eventBus()
        .publish(
            "cloudbus.status",
            new JsonObject()
                .put("vendor", vendor)
                .put("account", account)
                .put("state", state)
                .put("since", "2026-12-07T01:00:00Z"),
            new DeliveryOptions());
  }

  @Test
  void eventsStatusAndDiscoveryReachARealSubscriber() throws Exception {
    // GIVEN the output with discovery, connected (its retained online reaches a new subscriber)
    start(new JsonObject().put("homeAssistantDiscovery", true));
    try (MosquittoSub sub = subscribe(null, "cloudbus/#", "homeassistant/#")) {
      assertThat(sub.await("cloudbus/status").payload()).isEqualTo("online");

      // WHEN an account connects, its doorbell rings, and the device model reports an alarm
      status("bticino", "home", "connected");
      publish(event("bticino", "home", "doorbell.ring", "ring-1"));
      publish(
          event("simplisafe", "home", "device.changed", "dev-1")
              .put(
                  "data",
                  new JsonObject()
                      .put("device", "simplisafe:home:system-7")
                      .put("type", "alarm")
                      .put("name", "Home")
                      .put("new", new JsonObject().put("alarmState", "AWAY"))));

      // THEN the event arrives on its topic as the CloudEvent, QoS 1, not retained
      MosquittoSub.Received ring =
          sub.await("cloudbus/bticino/home/events/io.cloudbus.doorbell.ring");
      assertThat(ring.retained()).isFalse();
      assertThat(ring.json().getString("id")).isEqualTo("ring-1");
      assertThat(sub.await("cloudbus/bticino/home/doorbell").json().getString("event_type"))
          .isEqualTo("ring");
      // AND the account status, the device state and discovery configs
      assertThat(sub.await("cloudbus/bticino/home/status").json().getString("availability"))
          .isEqualTo("online");
      assertThat(
              sub.await("cloudbus/simplisafe/home/devices/simplisafe:home:system-7/state")
                  .json()
                  .getString("ha_state"))
          .isEqualTo("armed_away");
      sub.await(
          "homeassistant/alarm_control_panel/cloudbus_simplisafe_home/simplisafe_home_system-7/config");
      sub.await("homeassistant/event/cloudbus_bticino_home/doorbell/config");
    }

    // AND a subscriber that comes later gets the retained ones, each config valid for Home
    // Assistant
    status("bticino", "home", "backoff");
    try (MosquittoSub late = subscribe(null, "cloudbus/#", "homeassistant/#")) {
      await()
          .atMost(PATIENT)
          .until(
              () ->
                  late.on("cloudbus/bticino/home/status").stream()
                      .anyMatch(r -> r.json().getString("availability").equals("offline")));
      List<MosquittoSub.Received> configs =
          await()
              .atMost(PATIENT)
              .until(
                  () ->
                      late.received().stream()
                          .filter(r -> r.topic().startsWith("homeassistant/"))
                          .toList(),
                  l -> l.size() >= 5);
      for (MosquittoSub.Received c : configs) {
        assertThat(c.retained()).as(c.topic()).isTrue();
        assertThat(
                HomeAssistantSchema.violations(HomeAssistantSchema.component(c.topic()), c.json()))
            .as(c.topic() + " " + c.payload())
            .isEmpty();
      }
      assertThat(late.on("cloudbus/bticino/home/events/io.cloudbus.doorbell.ring")).isEmpty();
    }
  }

  @Test
  void aBrokerRestartLosesNothing() throws Exception {
    // GIVEN the output connected and a persistent QoS 1 subscription
    start(new JsonObject());
    await().atMost(PATIENT).until(() -> output.stats().getBoolean("connected"));
    try (MosquittoSub sub = subscribe("it-sub", "cloudbus/status", "cloudbus/+/+/events/#")) {
      // subscribed once the retained status arrives
      sub.await("cloudbus/status");
      publish(event("bticino", "home", "doorbell.ring", "before"));
      sub.await("cloudbus/bticino/home/events/io.cloudbus.doorbell.ring");
    }

    // WHEN the broker goes away and events keep coming
    broker.stop();
    await().atMost(PATIENT).until(() -> !output.stats().getBoolean("connected"));
    IntStream.range(0, 20).forEach(i -> publish(event("bticino", "home", "call.missed", "e" + i)));
    // (20, or 21 when the broker went before acknowledging the first event: sent again)
    await().atMost(PATIENT).until(() -> output.stats().getInteger("held") >= 20);

    // THEN once it is back every held event is delivered, in order
    broker.restart();
    await().atMost(PATIENT).until(() -> output.stats().getInteger("held") == 0);
    assertThat(output.stats().getLong("dropped")).isZero();
    assertThat(output.stats().getLong("reconnects")).isPositive();
    try (MosquittoSub sub = subscribe("it-sub", "cloudbus/status", "cloudbus/+/+/events/#")) {
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () ->
                  assertThat(sub.on("cloudbus/bticino/home/events/io.cloudbus.call.missed"))
                      .as(sub.received() + " " + output.stats())
                      .hasSizeGreaterThanOrEqualTo(20));
      List<String> ids =
          sub.on("cloudbus/bticino/home/events/io.cloudbus.call.missed").stream()
              .map(r -> r.json().getString("id"))
              .toList();
      assertThat(ids)
          .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "e" + i).toList());
    }
  }

  @Test
  void whileTheBrokerIsDownHoldingIsBoundedAndCounted() throws Exception {
    start(new JsonObject().put("maxPending", 5));
    await().atMost(PATIENT).until(() -> output.stats().getBoolean("connected"));
    broker.stop();
    await().atMost(PATIENT).until(() -> !output.stats().getBoolean("connected"));
    IntStream.range(0, 12)
        .forEach(i -> publish(event("bticino", "home", "device.unreachable", "x" + i)));
    await()
        .atMost(PATIENT)
        .untilAsserted(() -> assertThat(output.stats().getLong("dropped")).isEqualTo(7));
    assertThat(output.stats().getInteger("held")).isEqualTo(5);
  }

  @Test
  void commandTopicsAcceptOnlyWhatDiscoveryDeclared() throws Exception {
    // GIVEN an alarm announced to Home Assistant, and the adapter's command address
    List<JsonObject> commands = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<JsonObject>consumer(
            "cloudbus.command.simplisafe.home",
            m -> {
              commands.add(m.body());
              m.reply(new JsonObject().put("ok", true));
            })
        .completion()
        .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    start(new JsonObject().put("homeAssistantDiscovery", true));
    await().atMost(PATIENT).until(() -> output.stats().getBoolean("connected"));
    publish(
        event("simplisafe", "home", "device.changed", "dev-2")
            .put(
                "data",
                new JsonObject()
                    .put("device", "simplisafe:home:system-7")
                    .put("type", "alarm")
                    .put("new", new JsonObject().put("alarmState", "OFF"))));
    String topic = "cloudbus/simplisafe/home/devices/simplisafe:home:system-7/set";
    try (MosquittoSub sub = subscribe(null, "homeassistant/#")) {
      sub.await(
          "homeassistant/alarm_control_panel/cloudbus_simplisafe_home/simplisafe_home_system-7/config");
    }

    // WHEN Home Assistant (here mosquitto_pub) sends what the config declares, and other things
    mosquittoPub(topic, "{\"action\":\"ARM_AWAY\",\"code\":\"\"}");
    mosquittoPub(topic, "ARM_NIGHT");
    mosquittoPub("cloudbus/simplisafe/home/devices/simplisafe:home:unknown/set", "DISARM");

    // THEN only the declared one reaches the command address
    await().atMost(PATIENT).until(() -> output.stats().getLong("commandsRefused") == 2);
    await().atMost(PATIENT).until(() -> commands.size() == 1);
    assertThat(commands.get(0))
        .isEqualTo(new JsonObject().put("action", "arm_away").put("system", 7));
  }

  private void mosquittoPub(String topic, String payload) throws Exception {
    Process p =
        new ProcessBuilder(
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                "" + broker.port(),
                "-q",
                "1",
                "-t",
                topic,
                "-m",
                payload)
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }
}

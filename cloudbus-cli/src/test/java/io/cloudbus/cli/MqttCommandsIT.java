package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mock.bticino.BticinoHomeSeed;
import io.cloudbus.mqtt.HomeAssistantSchema;
import io.cloudbus.mqtt.Mosquitto;
import io.cloudbus.mqtt.MosquittoSub;
import io.cloudbus.mqtt.MqttOutput;
import io.cloudbus.mqtt.MqttOutputOptions;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Commands from MQTT reach the mock cloud, end to end: Debian's mosquitto, the mock cloud, the
 * gateway with the demo accounts and the MQTT output with Home Assistant discovery. {@code
 * mosquitto_pub} plays Home Assistant: it publishes to the {@code command_topic} of the discovery
 * config exactly what Home Assistant's MQTT integration renders from that config, and the mock's
 * admin API shows the system armed, disarmed, the door unlocked; the retained state topic follows.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MqttCommandsIT {

  private static final String DISARM_CODE = "473829";
  private static final String WRONG_CODE = "918273";

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger mqttLogger = (Logger) LoggerFactory.getLogger("io.cloudbus.mqtt");

  @AfterEach
  void close() throws Exception {
    mqttLogger.detachAppender(logs);
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void homeAssistantCommandsChangeTheMockAndTheRetainedStateFollows() throws Exception {
    assumeTrue(Mosquitto.installed(), "mosquitto is not installed (apt-get install mosquitto)");
    logs.start();
    mqttLogger.addAppender(logs);
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    MockCloudAdminClient admin = MockCloudAdminClient.of(mock);
    admin.send(
        "PUT",
        "/simplisafe/system",
        new JsonObject().put("settings", new JsonObject().put("exitDelayAway", 1)).encode());
    try (Mosquitto broker = Mosquitto.start(dir);
        MosquittoSub sub = MosquittoSub.start(broker, null, "cloudbus/#", "homeassistant/#")) {
      // GIVEN the gateway with the demo accounts, publishing with discovery and a disarm code
      MqttOutput output =
          MqttOutput.start(
                  vertx,
                  MqttOutputOptions.of(broker.url())
                      .with("homeAssistantDiscovery", true)
                      .with("disarmCode", DISARM_CODE)
                      .with("reconnectInitialDelayMs", 100))
              .await(PATIENT_SECONDS, TimeUnit.SECONDS);
      GatewayRuntime runtime =
          GatewayRuntime.start(
                  vertx,
                  ServiceOptions.builder()
                      .host("127.0.0.1")
                      .httpPort(0)
                      .tcpPort(0)
                      .journal(JournalOptions.defaults().withPath(dir.resolve("data").toString()))
                      .build(),
                  DemoAccounts.of(mock, AdapterProvider.installed().values()),
                  TokenStore.inMemory(),
                  AdapterProvider.installed())
              .await(PATIENT_SECONDS, TimeUnit.SECONDS);
      try {
        // AND the alarm panel and the door lock Home Assistant discovered
        JsonObject alarm = config(sub, "alarm_control_panel", "cloudbus_simplisafe_demo");
        JsonObject lock = config(sub, "lock", "cloudbus_bticino_demo");
        assertThat(alarm.getString("code")).isEqualTo("REMOTE_CODE");
        assertThat(alarm.getBoolean("code_arm_required")).isFalse();
        assertThat(alarm.getBoolean("code_disarm_required")).isTrue();
        String alarmState = alarm.getString("state_topic");
        await().atMost(PATIENT).until(() -> haState(sub, alarmState).equals("disarmed"));
        assertThat(system(admin)).isEqualTo("OFF");

        // WHEN Home Assistant arms away: no code asked for arming, so its template renders None
        broker.publish(alarm.getString("command_topic"), render(alarm, "ARM_AWAY", "None"));

        // THEN the mock system arms (after its exit delay) and the retained state follows
        await().atMost(PATIENT).until(() -> system(admin).equals("AWAY"));
        await().atMost(PATIENT).until(() -> haState(sub, alarmState).equals("armed_away"));

        // WHEN payloads the config does not declare arrive, and a disarm with the wrong code
        broker.publish(alarm.getString("command_topic"), "ARM_NIGHT");
        broker.publish(alarm.getString("command_topic"), render(alarm, "DISARM", WRONG_CODE));
        broker.publish(alarm.getString("command_topic"), "{\"action\":\"DISARM\"}");

        // THEN each is refused and counted, the system stays armed, and no log names a code
        await().atMost(PATIENT).until(() -> output.stats().getLong("commandsRefused") == 3);
        assertThat(output.stats().getLong("commandsAccepted")).isEqualTo(1);
        assertThat(system(admin)).isEqualTo("AWAY");

        // WHEN Home Assistant disarms with the code the user typed
        broker.publish(alarm.getString("command_topic"), render(alarm, "DISARM", DISARM_CODE));
        await().atMost(PATIENT).until(() -> system(admin).equals("OFF"));
        await().atMost(PATIENT).until(() -> haState(sub, alarmState).equals("disarmed"));

        // AND unlocks the BTicino door lock (a lock's payload is sent bare)
        String lockState = lock.getString("state_topic");
        await().atMost(PATIENT).until(() -> haState(sub, lockState).equals("LOCKED"));
        broker.publish(lock.getString("command_topic"), lock.getString("payload_unlock"));
        await().atMost(PATIENT).until(() -> !doorLocked(admin));
        await().atMost(PATIENT).until(() -> haState(sub, lockState).equals("UNLOCKED"));
        assertThat(output.stats().getLong("commandsAccepted")).isEqualTo(3);

        assertThat(logs.list)
            .extracting(ILoggingEvent::getFormattedMessage)
            .anyMatch(m -> m.contains("refused"))
            .noneMatch(m -> m.contains(DISARM_CODE) || m.contains(WRONG_CODE));
      } finally {
        runtime.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
        output.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
        mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The discovery config (retained; seen live here) of the first {@code component} entity of {@code
   * node}.
   */
  private static JsonObject config(MosquittoSub sub, String component, String node) {
    String prefix = "homeassistant/" + component + "/" + node + "/";
    MosquittoSub.Received r =
        await()
            .atMost(PATIENT)
            .until(
                () ->
                    sub.received().stream()
                        .filter(m -> m.topic().startsWith(prefix) && !m.payload().isEmpty())
                        .findFirst()
                        .orElse(null),
                m -> m != null);
    assertThat(HomeAssistantSchema.violations(component, r.json())).as(r.payload()).isEmpty();
    return r.json();
  }

  /** What Home Assistant publishes: its {@code command_template} with action and code. */
  private static String render(JsonObject alarm, String action, String code) {
    return alarm
        .getString("command_template")
        .replace("{{ action }}", alarm.getString("payload_" + action.toLowerCase()))
        .replace("{{ code }}", code);
  }

  private static String haState(MosquittoSub sub, String topic) {
    var on = sub.on(topic);
    return on.isEmpty() ? "" : String.valueOf(on.get(on.size() - 1).json().getValue("ha_state"));
  }

  private static String system(MockCloudAdminClient admin) {
    return admin.send("GET", "/simplisafe/system", null).getString("alarmState");
  }

  private static boolean doorLocked(MockCloudAdminClient admin) {
    JsonObject lock =
        admin.send("GET", "/bticino/modules", null).getJsonObject(BticinoHomeSeed.DOOR_LOCK_ID);
    return lock.getBoolean("lock");
  }
}

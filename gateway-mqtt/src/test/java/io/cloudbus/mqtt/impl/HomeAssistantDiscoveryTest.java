package io.cloudbus.mqtt.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.mqtt.HomeAssistantSchema;
import io.cloudbus.mqtt.MqttTopics;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HomeAssistantDiscoveryTest {

  private final MqttTopics topics = new MqttTopics("cloudbus", "homeassistant");

  @Test
  void everyConfigPassesHomeAssistantsSchema() {
    // GIVEN discovery with and without a disarm code
    List<HomeAssistantDiscovery.Config> configs = new ArrayList<>();
    for (boolean code : new boolean[] {false, true}) {
      HomeAssistantDiscovery discovery = new HomeAssistantDiscovery(topics, code);
      configs.addAll(discovery.account("bticino", "home"));
      configs.addAll(discovery.account("home-assistant", "demo"));
      configs.add(
          discovery.device("simplisafe", "home", device("simplisafe:home:system-1", "alarm")));
      configs.add(discovery.device("simplisafe", "home", device("simplisafe:home:ab12", "lock")));
    }
    // THEN each is valid for its component
    for (HomeAssistantDiscovery.Config c : configs) {
      String component = HomeAssistantSchema.component(c.topic());
      assertThat(HomeAssistantSchema.violations(component, c.payload()))
          .as(c.topic() + " " + c.payload().encode())
          .isEmpty();
    }
    assertThat(configs.stream().map(c -> HomeAssistantSchema.component(c.topic())))
        .contains("binary_sensor", "event", "alarm_control_panel", "lock");
  }

  @Test
  void theSchemaCheckCatchesWhatHomeAssistantRefuses() {
    // the checker itself must fail on a broken config, or the test above proves nothing
    JsonObject broken =
        new HomeAssistantDiscovery(topics, false)
            .account("bticino", "home")
            .get(1)
            .payload()
            .copy();
    broken.remove("event_types");
    broken.put("colour", "blue");
    assertThat(HomeAssistantSchema.violations("event", broken))
        .contains("event_types: required", "colour: extra keys not allowed");
  }

  @Test
  void onlyVendorsWithDoorbellsGetAnEventEntity() {
    HomeAssistantDiscovery discovery = new HomeAssistantDiscovery(topics, false);
    assertThat(discovery.account("bticino", "home")).hasSize(2);
    assertThat(discovery.account("pylight", "products")).hasSize(1);
    assertThat(discovery.device("bticino", "home", device("bticino:home:light1", "light")))
        .isNull();
  }

  @Test
  void uniqueIdsAreStableAndDistinct() {
    HomeAssistantDiscovery discovery = new HomeAssistantDiscovery(topics, false);
    String first = discovery.account("bticino", "home").get(0).payload().getString("unique_id");
    String again =
        new HomeAssistantDiscovery(topics, true)
            .account("bticino", "home")
            .get(0)
            .payload()
            .getString("unique_id");
    assertThat(first).isEqualTo(again).isEqualTo("cloudbus_bticino_home_connectivity");
    assertThat(discovery.account("bticino", "cottage").get(0).payload().getString("unique_id"))
        .isNotEqualTo(first);
  }

  @Test
  void deviceStatesMapToHomeAssistantStates() {
    assertThat(HomeAssistantDiscovery.haState("alarm", new JsonObject().put("alarmState", "AWAY")))
        .isEqualTo("armed_away");
    assertThat(HomeAssistantDiscovery.haState("alarm", new JsonObject().put("alarmState", "OFF")))
        .isEqualTo("disarmed");
    assertThat(
            HomeAssistantDiscovery.haState(
                "alarm", new JsonObject().put("alarmState", "AWAY").put("isAlarming", true)))
        .isEqualTo("triggered");
    assertThat(
            HomeAssistantDiscovery.haState(
                "alarm", new JsonObject().put("alarmState", "HOME_COUNT")))
        .isEqualTo("arming");
    assertThat(HomeAssistantDiscovery.haState("lock", new JsonObject().put("locked", false)))
        .isEqualTo("UNLOCKED");
    assertThat(HomeAssistantDiscovery.haState("lock", new JsonObject().put("jammed", true)))
        .isEqualTo("JAMMED");
  }

  static JsonObject device(String id, String type) {
    return new JsonObject().put("device", id).put("type", type).put("name", "My " + type);
  }
}

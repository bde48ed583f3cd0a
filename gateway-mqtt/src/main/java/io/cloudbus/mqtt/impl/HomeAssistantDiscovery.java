package io.cloudbus.mqtt.impl;

import io.cloudbus.mqtt.MqttTopics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the Home Assistant MQTT discovery configs (retained, under {@code
 * homeassistant/<component>/<node_id>/<object_id>/config}): per account a connectivity {@code
 * binary_sensor} and, for vendors with doorbells, an {@code event} entity ({@code ring}, {@code
 * missed}, {@code answered}); per device of the device model an {@code alarm_control_panel} (type
 * {@code alarm}) or a {@code lock} (type {@code lock}) with a command topic. Every entity has a
 * stable {@code unique_id}, a {@code device} block and {@code availability} (the gateway's will
 * topic, plus the account's status for entities that need the vendor). Pure: no I/O.
 */
final class HomeAssistantDiscovery {

  /** One retained discovery message. */
  record Config(String topic, JsonObject payload) {}

  /** Vendors whose accounts have a doorbell. */
  static final Set<String> DOORBELL_VENDORS = Set.of("bticino", "simplisafe");

  /** Home Assistant's alarm command payloads (its defaults) and the cloudbus actions. */
  static final String ARM_HOME = "ARM_HOME";

  static final String ARM_AWAY = "ARM_AWAY";
  static final String DISARM = "DISARM";
  static final String LOCK = "LOCK";
  static final String UNLOCK = "UNLOCK";

  private final MqttTopics topics;
  private final boolean disarmCode;

  HomeAssistantDiscovery(MqttTopics topics, boolean disarmCode) {
    this.topics = topics;
    this.disarmCode = disarmCode;
  }

  static String nodeId(String vendor, String account) {
    return MqttTopics.haId("cloudbus_" + vendor + "_" + account);
  }

  /** The configs of an account: connectivity, and a doorbell where the vendor has one. */
  List<Config> account(String vendor, String account) {
    String node = nodeId(vendor, account);
    List<Config> configs = new ArrayList<>();
    JsonObject connectivity =
        base(node + "_connectivity", "Cloud connection", accountDevice(vendor, account))
            .put("device_class", "connectivity")
            .put("entity_category", "diagnostic")
            .put("state_topic", topics.accountStatus(vendor, account))
            .put("value_template", "{{ value_json.availability }}")
            .put("payload_on", "online")
            .put("payload_off", "offline")
            .put("availability", new JsonArray().add(gatewayAvailability()));
    configs.add(new Config(topics.discovery("binary_sensor", node, "connectivity"), connectivity));
    if (DOORBELL_VENDORS.contains(vendor)) {
      JsonObject doorbell =
          base(node + "_doorbell", "Doorbell", accountDevice(vendor, account))
              .put("device_class", "doorbell")
              .put("state_topic", topics.doorbell(vendor, account))
              .put("event_types", new JsonArray().add("ring").add("missed").add("answered"))
              .put("availability", accountAvailability(vendor, account))
              .put("availability_mode", "all");
      configs.add(new Config(topics.discovery("event", node, "doorbell"), doorbell));
    }
    return configs;
  }

  /**
   * The config of a device of the device model, or null for a type Home Assistant gets no entity
   * for here.
   *
   * @param device {@code {device (id), type, name}} as in {@code io.cloudbus.device.changed} data
   */
  Config device(String vendor, String account, JsonObject device) {
    String id = device.getString("device");
    String type = device.getString("type");
    String node = nodeId(vendor, account);
    String object = MqttTopics.haId(id);
    JsonObject common =
        base(object, null, deviceBlock(vendor, account, id, device.getString("name")))
            .put("state_topic", topics.deviceState(vendor, account, id))
            .put("value_template", "{{ value_json.ha_state }}")
            .put("command_topic", topics.deviceCommand(vendor, account, id))
            .put("availability", accountAvailability(vendor, account))
            .put("availability_mode", "all");
    if ("alarm".equals(type)) {
      common
          .put("supported_features", new JsonArray().add("arm_home").add("arm_away"))
          .put("payload_arm_home", ARM_HOME)
          .put("payload_arm_away", ARM_AWAY)
          .put("payload_disarm", DISARM)
          .put("code_arm_required", false)
          .put("command_template", "{\"action\":\"{{ action }}\",\"code\":\"{{ code }}\"}");
      if (disarmCode) {
        // The code is checked by the gateway (REMOTE_CODE): Home Assistant only asks for it.
        common.put("code", "REMOTE_CODE").put("code_disarm_required", true);
      } else {
        common.put("code_disarm_required", false);
      }
      return new Config(topics.discovery("alarm_control_panel", node, object), common);
    }
    if ("lock".equals(type)) {
      common
          .put("payload_lock", LOCK)
          .put("payload_unlock", UNLOCK)
          .put("state_locked", "LOCKED")
          .put("state_unlocked", "UNLOCKED")
          .put("state_jammed", "JAMMED");
      return new Config(topics.discovery("lock", node, object), common);
    }
    return null;
  }

  /** Home Assistant's state of a device from its {@code device.changed} {@code new} state. */
  static String haState(String type, JsonObject state) {
    if (state == null) {
      return null;
    }
    if ("alarm".equals(type)) {
      if (Boolean.TRUE.equals(state.getValue("isAlarming"))) {
        return "triggered";
      }
      String s = String.valueOf(state.getValue("alarmState")).toUpperCase();
      return switch (s) {
        case "OFF" -> "disarmed";
        case "HOME" -> "armed_home";
        case "AWAY" -> "armed_away";
        case "HOME_COUNT", "AWAY_COUNT" -> "arming";
        case "ENTRY_DELAY" -> "pending";
        default -> null;
      };
    }
    if ("lock".equals(type)) {
      if (Boolean.TRUE.equals(state.getValue("jammed"))) {
        return "JAMMED";
      }
      Object locked = state.getValue("locked");
      return locked instanceof Boolean b ? (b ? "LOCKED" : "UNLOCKED") : null;
    }
    return null;
  }

  private static JsonObject base(String uniqueId, String name, JsonObject device) {
    JsonObject json =
        new JsonObject()
            .put("unique_id", uniqueId)
            .put("device", device)
            .put("origin", new JsonObject().put("name", "cloudbus"))
            .put("qos", 1);
    // A null name makes the entity take the device's name (Home Assistant's naming rule).
    json.put("name", name);
    return json;
  }

  private JsonObject gatewayAvailability() {
    return new JsonObject()
        .put("topic", topics.gatewayStatus())
        .put("payload_available", "online")
        .put("payload_not_available", "offline");
  }

  private JsonArray accountAvailability(String vendor, String account) {
    return new JsonArray()
        .add(gatewayAvailability())
        .add(
            new JsonObject()
                .put("topic", topics.accountStatus(vendor, account))
                .put("value_template", "{{ value_json.availability }}")
                .put("payload_available", "online")
                .put("payload_not_available", "offline"));
  }

  private static JsonObject accountDevice(String vendor, String account) {
    return new JsonObject()
        .put("identifiers", new JsonArray().add(nodeId(vendor, account)))
        .put("name", vendor + " " + account)
        .put("manufacturer", vendor)
        .put("model", "cloudbus account");
  }

  private static JsonObject deviceBlock(String vendor, String account, String id, String name) {
    return new JsonObject()
        .put("identifiers", new JsonArray().add(MqttTopics.haId("cloudbus_" + id)))
        .put("name", name == null ? id : name)
        .put("manufacturer", vendor)
        .put("via_device", nodeId(vendor, account));
  }
}

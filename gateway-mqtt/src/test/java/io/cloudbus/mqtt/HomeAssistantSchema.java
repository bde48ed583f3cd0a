package io.cloudbus.mqtt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields and types that Home Assistant's MQTT integration requires and accepts in a discovery
 * config, per platform (from its MQTT integration documentation for binary_sensor, event,
 * alarm_control_panel and lock, and the common entity, availability, device and origin schemas).
 * Like Home Assistant, a key it does not know is an error ("extra keys not allowed").
 */
public final class HomeAssistantSchema {

  private static final Set<String> COMMON =
      Set.of(
          "name",
          "unique_id",
          "object_id",
          "default_entity_id",
          "device",
          "origin",
          "availability",
          "availability_mode",
          "availability_topic",
          "availability_template",
          "payload_available",
          "payload_not_available",
          "qos",
          "icon",
          "entity_category",
          "entity_picture",
          "enabled_by_default",
          "encoding",
          "json_attributes_topic",
          "json_attributes_template");

  private static final Map<String, Set<String>> PLATFORM = new HashMap<>();
  private static final Map<String, Set<String>> REQUIRED = new HashMap<>();

  static {
    PLATFORM.put(
        "binary_sensor",
        Set.of(
            "state_topic",
            "device_class",
            "value_template",
            "payload_on",
            "payload_off",
            "expire_after",
            "force_update",
            "off_delay"));
    REQUIRED.put("binary_sensor", Set.of("state_topic"));
    PLATFORM.put("event", Set.of("state_topic", "event_types", "device_class", "value_template"));
    REQUIRED.put("event", Set.of("state_topic", "event_types"));
    PLATFORM.put(
        "alarm_control_panel",
        Set.of(
            "state_topic",
            "command_topic",
            "command_template",
            "code",
            "code_arm_required",
            "code_disarm_required",
            "code_trigger_required",
            "payload_arm_home",
            "payload_arm_away",
            "payload_arm_night",
            "payload_arm_vacation",
            "payload_arm_custom_bypass",
            "payload_disarm",
            "payload_trigger",
            "retain",
            "supported_features",
            "value_template"));
    REQUIRED.put("alarm_control_panel", Set.of("state_topic", "command_topic"));
    PLATFORM.put(
        "lock",
        Set.of(
            "state_topic",
            "command_topic",
            "command_template",
            "code_format",
            "optimistic",
            "payload_lock",
            "payload_unlock",
            "payload_open",
            "payload_reset",
            "state_locked",
            "state_unlocked",
            "state_locking",
            "state_unlocking",
            "state_jammed",
            "state_open",
            "state_opening",
            "retain",
            "value_template"));
    REQUIRED.put("lock", Set.of("command_topic"));
  }

  private static final Map<String, Set<String>> DEVICE_CLASSES =
      Map.of(
          "binary_sensor",
          Set.of(
              "battery",
              "connectivity",
              "door",
              "lock",
              "motion",
              "problem",
              "safety",
              "smoke",
              "tamper",
              "window",
              "running",
              "update"),
          "event",
          Set.of("button", "doorbell", "motion"));

  private static final Set<String> ALARM_FEATURES =
      Set.of("arm_home", "arm_away", "arm_night", "arm_vacation", "arm_custom_bypass", "trigger");

  private static final Set<String> STRING_FIELDS =
      Set.of(
          "unique_id",
          "state_topic",
          "command_topic",
          "command_template",
          "value_template",
          "payload_on",
          "payload_off",
          "payload_arm_home",
          "payload_arm_away",
          "payload_disarm",
          "payload_lock",
          "payload_unlock",
          "state_locked",
          "state_unlocked",
          "state_jammed",
          "code",
          "entity_category");

  private static final Set<String> BOOLEAN_FIELDS =
      Set.of("code_arm_required", "code_disarm_required", "code_trigger_required", "retain");

  private HomeAssistantSchema() {}

  /**
   * The component of a discovery topic {@code homeassistant/<component>/<node>/<object>/config}.
   */
  public static String component(String topic) {
    String[] levels = topic.split("/");
    if (levels.length != 5 || !levels[4].equals("config")) {
      throw new IllegalArgumentException("not a discovery topic: " + topic);
    }
    for (int i = 2; i <= 3; i++) {
      if (!levels[i].matches("[a-zA-Z0-9_-]+")) {
        throw new IllegalArgumentException("node_id/object_id must be [a-zA-Z0-9_-]: " + topic);
      }
    }
    return levels[1];
  }

  /** Every violation of the schema of {@code component} by {@code config}; empty when valid. */
  public static List<String> violations(String component, JsonObject config) {
    List<String> errors = new ArrayList<>();
    Set<String> platform = PLATFORM.get(component);
    if (platform == null) {
      errors.add("unsupported component " + component);
      return errors;
    }
    for (String key : config.fieldNames()) {
      if (!platform.contains(key) && !COMMON.contains(key)) {
        errors.add(key + ": extra keys not allowed");
      }
    }
    for (String key : REQUIRED.get(component)) {
      Object v = config.getValue(key);
      if (v == null || (v instanceof String str && str.isEmpty())) {
        errors.add(key + ": required");
      }
    }
    for (String key : config.fieldNames()) {
      Object v = config.getValue(key);
      if (STRING_FIELDS.contains(key) && !(v instanceof String)) {
        errors.add(key + ": expected a string");
      }
      if (BOOLEAN_FIELDS.contains(key) && !(v instanceof Boolean)) {
        errors.add(key + ": expected a boolean");
      }
    }
    if (config.containsKey("name")
        && config.getValue("name") != null
        && !(config.getValue("name") instanceof String)) {
      errors.add("name: expected a string or null");
    }
    if (config.getValue("qos") != null
        && !(config.getValue("qos") instanceof Integer q && q >= 0 && q <= 2)) {
      errors.add("qos: expected 0, 1 or 2");
    }
    if (config.getValue("entity_category") instanceof String c
        && !Set.of("config", "diagnostic").contains(c)) {
      errors.add("entity_category: config or diagnostic");
    }
    if (config.getValue("device_class") instanceof String dc
        && !DEVICE_CLASSES.getOrDefault(component, Set.of()).contains(dc)) {
      errors.add("device_class: not valid for " + component + ": " + dc);
    }
    if (component.equals("event")) {
      Object types = config.getValue("event_types");
      if (!(types instanceof JsonArray a)
          || a.isEmpty()
          || !a.stream().allMatch(t -> t instanceof String)) {
        errors.add("event_types: a non-empty list of strings");
      }
    }
    if (config.getValue("supported_features") instanceof JsonArray f) {
      f.stream()
          .filter(x -> !ALARM_FEATURES.contains(x))
          .forEach(x -> errors.add("supported_features: unknown " + x));
    } else if (config.containsKey("supported_features")) {
      errors.add("supported_features: expected a list");
    }
    availability(config, errors);
    device(config, errors);
    if (config.containsKey("origin")
        && !(config.getValue("origin") instanceof JsonObject o
            && o.getValue("name") instanceof String)) {
      errors.add("origin: needs a name");
    }
    return errors;
  }

  private static void availability(JsonObject config, List<String> errors) {
    Object a = config.getValue("availability");
    if (a == null) {
      return;
    }
    if (!(a instanceof JsonArray list)) {
      errors.add("availability: expected a list");
      return;
    }
    Set<String> allowed =
        Set.of("topic", "payload_available", "payload_not_available", "value_template");
    for (int i = 0; i < list.size(); i++) {
      if (!(list.getValue(i) instanceof JsonObject entry)
          || !(entry.getValue("topic") instanceof String)) {
        errors.add("availability[" + i + "].topic: required");
        continue;
      }
      entry.fieldNames().stream()
          .filter(k -> !allowed.contains(k))
          .forEach(k -> errors.add("availability[]." + k + ": extra keys not allowed"));
    }
    if (config.getValue("availability_mode") instanceof String mode
        && !Set.of("all", "any", "latest").contains(mode)) {
      errors.add("availability_mode: all, any or latest");
    }
    if (config.containsKey("availability_topic")) {
      errors.add("availability and availability_topic are mutually exclusive");
    }
  }

  private static void device(JsonObject config, List<String> errors) {
    if (!(config.getValue("device") instanceof JsonObject device)) {
      errors.add("device: required here (an entity with a unique_id belongs to a device)");
      return;
    }
    Set<String> allowed =
        Set.of(
            "identifiers",
            "connections",
            "name",
            "manufacturer",
            "model",
            "model_id",
            "sw_version",
            "hw_version",
            "serial_number",
            "suggested_area",
            "via_device",
            "configuration_url");
    device.fieldNames().stream()
        .filter(k -> !allowed.contains(k))
        .forEach(k -> errors.add("device." + k + ": extra keys not allowed"));
    Object ids = device.getValue("identifiers");
    if (!(ids instanceof JsonArray a)
        || a.isEmpty()
        || !a.stream().allMatch(x -> x instanceof String)) {
      errors.add("device.identifiers: a non-empty list of strings");
    }
    if (device.containsKey("via_device") && !(device.getValue("via_device") instanceof String)) {
      errors.add("device.via_device: expected a string");
    }
  }
}

package io.cloudbus.mock.simplisafe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The live state of the demo SS3 system: alarm state, sensors (with the lock, sensor type 16:
 * {@code status.lockState} 1 locked, 2 unlocked) and the "normal" settings. Shapes follow
 * simplipy's {@code v3_sensors_response.json} and {@code v3_settings_response.json} (docs/protocols
 * simplisafe.md 1.7). Not thread-safe: used on the mock cloud's context only.
 */
final class SimpliSafeSystemState {

  /** The alarm states simplipy knows (section 3.3), as the cloud spells them. */
  static final Set<String> ALARM_STATES =
      Set.of(
          "OFF",
          "HOME",
          "AWAY",
          "HOME_COUNT",
          "AWAY_COUNT",
          "ALARM",
          "ALARM_COUNT",
          "ENTRY_DELAY",
          "EXIT_DELAY",
          "TEST",
          "ERROR");

  /** Exit delay (seconds) before an away arm completes; short so the demo shows it live. */
  static final int DEFAULT_EXIT_DELAY_AWAY_S = 10;

  static final String KEYPAD_SERIAL = "1a2b3c4d";
  static final String ENTRY_SERIAL = "987a1b2c";
  static final String MOTION_SERIAL = "5e6f7a8b";
  static final String LOCK_SERIAL = "lock0001";

  static final int LOCKED = 1;
  static final int UNLOCKED = 2;

  String alarmState = "OFF";

  /** {@code location.system.version}: 3 (SS3, the default) or 2 (an SS2 system: V2 routes). */
  int version = 3;

  boolean isAlarming;
  long lastUpdated = 1_601_502_948L;
  final JsonObject normal = new JsonObject();
  final Map<String, JsonObject> sensors = new LinkedHashMap<>();

  SimpliSafeSystemState() {
    normal
        .put("wifiSSID", "MyWiFi")
        .put("alarmDuration", 240)
        .put("alarmVolume", 3)
        .put("doorChime", 2)
        .put("entryDelayAway", 30)
        .put("entryDelayHome", 30)
        .put("exitDelayAway", DEFAULT_EXIT_DELAY_AWAY_S)
        .put("exitDelayHome", 0)
        .put("light", true)
        .put("voicePrompts", 2);
    sensor(KEYPAD_SERIAL, 1, "Hall keypad", new JsonObject());
    sensor(ENTRY_SERIAL, 5, "Front door", new JsonObject().put("triggered", false));
    sensor(MOTION_SERIAL, 4, "Living room", new JsonObject().put("triggered", false));
    sensor(
        LOCK_SERIAL,
        16,
        "Front door lock",
        new JsonObject()
            .put("lockState", LOCKED)
            .put("lockJamState", 0)
            .put("lockLowBattery", false));
  }

  private void sensor(String serial, int type, String name, JsonObject status) {
    sensors.put(
        serial,
        new JsonObject()
            .put("serial", serial)
            .put("type", type)
            .put("name", name)
            .put("setting", new JsonObject().put("instantTrigger", false))
            .put("status", status)
            .put(
                "flags",
                new JsonObject()
                    .put("offline", false)
                    .put("lowBattery", false)
                    .put("swingerShutdown", false)));
  }

  int exitDelayAway() {
    return normal.getInteger("exitDelayAway", DEFAULT_EXIT_DELAY_AWAY_S);
  }

  int exitDelayHome() {
    return normal.getInteger("exitDelayHome", 0);
  }

  /** The body of {@code GET ss3/subscriptions/{sid}/sensors}. */
  JsonObject sensorsBody() {
    JsonArray list = new JsonArray();
    sensors.values().forEach(s -> list.add(s.copy()));
    return new JsonObject()
        .put("account", SimpliSafeDemoAccount.BASE_STATION_ACCOUNT)
        .put("success", true)
        .put("sensors", list)
        .put("lastUpdated", lastUpdated)
        .put("lastSynced", lastUpdated)
        .put("lastStatusUpdate", lastUpdated);
  }

  /** The body of {@code GET ss3/subscriptions/{sid}/settings/normal}. */
  JsonObject settingsBody() {
    return new JsonObject()
        .put("account", SimpliSafeDemoAccount.BASE_STATION_ACCOUNT)
        .put("success", true)
        .put(
            "settings",
            new JsonObject()
                .put("normal", normal.copy())
                .put(
                    "pins",
                    new JsonObject()
                        .put("master", new JsonObject().put("pin", "1234"))
                        .put("duress", new JsonObject().put("pin", "9876"))))
        .put(
            "basestationStatus",
            new JsonObject()
                .put("lastUpdated", lastUpdated)
                .put("wifiRssi", -49)
                .put("gsmRssi", -73)
                .put("backupBattery", 5293)
                .put("wallPower", 5933)
                .put("rfJamming", false))
        .put("lastUpdated", lastUpdated);
  }

  /** The V2 form {@code GET subscriptions/{sid}/settings}: the same values, V2 layout. */
  JsonObject v2SettingsBody() {
    JsonArray sensorList = new JsonArray();
    sensors.values().forEach(s -> sensorList.add(s.copy()));
    return new JsonObject()
        .put("account", SimpliSafeDemoAccount.BASE_STATION_ACCOUNT)
        .put(
            "settings",
            new JsonObject()
                .put(
                    "general",
                    new JsonObject()
                        .put("dialingPrefix", "")
                        .put("light", normal.getBoolean("light"))
                        .put("doorChime", normal.getValue("doorChime"))
                        .put("exitDelay", exitDelayAway())
                        .put("entryDelayHome", normal.getValue("entryDelayHome"))
                        .put("entryDelayAway", normal.getValue("entryDelayAway"))
                        .put("alarmDuration", normal.getValue("alarmDuration")))
                .put("sensors", sensorList))
        .put("lastUpdated", lastUpdated);
  }

  /** The {@code location.system} fields that follow this state, for the subscriptions response. */
  JsonObject applyTo(JsonObject subscriptions) {
    for (Object o : subscriptions.getJsonArray("subscriptions", new JsonArray())) {
      if (o instanceof JsonObject sub
          && Long.valueOf(SimpliSafeDemoAccount.SID).equals(sub.getLong("sid"))) {
        JsonObject system = sub.getJsonObject("location").getJsonObject("system");
        system
            .put("alarmState", alarmState)
            .put("alarmStateTimestamp", lastUpdated)
            .put("isAlarming", isAlarming)
            .put("version", version)
            .put("stateUpdated", lastUpdated)
            .put("exitDelayRemaining", exitDelayAway());
      }
    }
    return subscriptions;
  }

  /** Everything, for {@code GET /admin/simplisafe/system}. */
  JsonObject toJson() {
    JsonArray list = new JsonArray();
    sensors.values().forEach(s -> list.add(s.copy()));
    return new JsonObject()
        .put("sid", SimpliSafeDemoAccount.SID)
        .put("version", version)
        .put("alarmState", alarmState)
        .put("isAlarming", isAlarming)
        .put("lastUpdated", lastUpdated)
        .put("settings", normal.copy())
        .put("sensors", list);
  }

  /**
   * Applies an admin change: {@code version} (2 or 3), {@code alarmState}, {@code isAlarming},
   * {@code settings} (merged into the normal settings) and {@code sensors} (a map serial → {@code
   * {status?, flags?, name?}}, merged).
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  void merge(JsonObject change, long now) {
    for (String field : change.fieldNames()) {
      Object value = change.getValue(field);
      switch (field) {
        case "alarmState" -> {
          if (!(value instanceof String s) || !ALARM_STATES.contains(s)) {
            throw new IllegalArgumentException("alarmState: one of " + ALARM_STATES);
          }
          alarmState = s;
        }
        case "version" -> {
          if (!(value instanceof Integer v) || (v != 2 && v != 3)) {
            throw new IllegalArgumentException("version: 2 or 3");
          }
          version = v;
        }
        case "isAlarming" -> {
          if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException("isAlarming: a boolean");
          }
          isAlarming = b;
        }
        case "settings" -> normal.mergeIn(object(field, value));
        case "sensors" -> {
          JsonObject bySerial = object(field, value);
          for (String serial : bySerial.fieldNames()) {
            JsonObject sensor = sensors.get(serial);
            if (sensor == null) {
              throw new IllegalArgumentException("sensors." + serial + ": no such sensor");
            }
            sensor.mergeIn(object("sensors." + serial, bySerial.getValue(serial)), true);
          }
        }
        default -> throw new IllegalArgumentException("unknown field: " + field);
      }
    }
    lastUpdated = now;
  }

  private static JsonObject object(String field, Object value) {
    if (!(value instanceof JsonObject o)) {
      throw new IllegalArgumentException(field + ": a JSON object");
    }
    return o;
  }
}

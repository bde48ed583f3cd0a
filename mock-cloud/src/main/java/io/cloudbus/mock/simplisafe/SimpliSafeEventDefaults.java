package io.cloudbus.mock.simplisafe;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Completes an admin-posted SimpliSafe event {@code data} to the shape the real cloud always sends
 * (protocol notes, section 2.4; the fields simplipy requires, whose absence raises {@code
 * KeyError}): {@code info}, {@code pinName}, {@code sensorName}, {@code sensorSerial}, {@code
 * sensorType}, {@code zoneCid}, {@code account}, {@code userId}, {@code sid}, {@code
 * messageSubject}, {@code messageBody}, {@code eventType}, {@code timezone}, {@code
 * locationOffset}, {@code videoStartedBy}, {@code video}, {@code internal}, {@code senderId},
 * {@code openCount}, {@code copsVideoOptIn}. Defaults follow the {@code eventCid}; every field the
 * caller gave wins, even an odd value.
 */
final class SimpliSafeEventDefaults {

  /** What the real cloud writes per CID: info, eventType, pinName, sensorName, sensorType. */
  private record Shape(String info, String eventType, String pin, String sensor, int sensorType) {}

  private static final Shape GENERIC = new Shape("Event", "activity", "", "", 0);

  private static final Map<Integer, Shape> SHAPES =
      Map.ofEntries(
          Map.entry(
              1400, new Shape("System Disarmed by Master PIN", "activity", "Master PIN", "", 1)),
          Map.entry(1407, new Shape("System Disarmed by Remote", "activity", "", "", 0)),
          Map.entry(
              1406, new Shape("Alarm Canceled by Master PIN", "alarmCancel", "Master PIN", "", 1)),
          Map.entry(
              3401,
              new Shape("System Armed (Away) by Keypad", "activity", "Master PIN", "Keypad", 1)),
          Map.entry(3407, new Shape("System Armed (Away) by Remote", "activity", "", "", 0)),
          Map.entry(
              3441,
              new Shape("System Armed (Home) by Keypad", "activity", "Master PIN", "Keypad", 1)),
          Map.entry(3491, new Shape("System Armed (Home) by Remote", "activity", "", "", 0)),
          Map.entry(
              9401,
              new Shape(
                  "Exit Delay Countdown Triggered for Away Mode",
                  "activityQuiet",
                  "",
                  "Keypad",
                  1)),
          Map.entry(
              9441,
              new Shape(
                  "Exit Delay Countdown Triggered for Home Mode",
                  "activityQuiet",
                  "",
                  "Keypad",
                  1)),
          Map.entry(
              1429,
              new Shape("Entry Delay Countdown Triggered", "activityQuiet", "", "Front Door", 5)),
          Map.entry(1110, new Shape("Alarm Triggered", "alarm", "", "Front Door", 5)),
          Map.entry(1132, new Shape("Burglary Alarm Triggered", "alarm", "", "Hallway Motion", 4)),
          Map.entry(1134, new Shape("Entry Alarm Triggered", "alarm", "", "Front Door", 5)),
          Map.entry(
              1170, new Shape("Camera Detected Motion", "activityCam", "", "Front Camera", 17)),
          Map.entry(1458, new Shape("Doorbell Rang", "activityCam", "", "Doorbell", 17)),
          Map.entry(1301, new Shape("Power Outage - Backup battery in use", "error", "", "", 0)),
          Map.entry(3301, new Shape("Power Restored", "activity", "", "", 0)),
          Map.entry(1350, new Shape("SimpliSafe WiFi Lost", "error", "", "", 0)),
          Map.entry(3350, new Shape("SimpliSafe WiFi Restored", "activity", "", "", 0)),
          Map.entry(1381, new Shape("Sensor Not Responding", "error", "", "Back Door", 5)),
          Map.entry(3381, new Shape("Sensor Restored", "activity", "", "Back Door", 5)),
          Map.entry(1601, new Shape("User Initiated Test", "alarm", "", "", 0)),
          Map.entry(9700, new Shape("Lock Unlocked", "activity", "", "Front Door Lock", 16)),
          Map.entry(9701, new Shape("Lock Locked", "activity", "", "Front Door Lock", 16)),
          Map.entry(9703, new Shape("Lock Jammed", "error", "", "Front Door Lock", 16)));

  private SimpliSafeEventDefaults() {}

  /** {@code given} (a copy) with every field the real cloud always sends filled in when absent. */
  static JsonObject complete(JsonObject given, long sid, long userId, String account) {
    JsonObject e = given.copy();
    int cid = e.getValue("eventCid") instanceof Number n ? n.intValue() : 0;
    Shape shape = SHAPES.getOrDefault(cid, GENERIC);
    String info = e.getValue("info") instanceof String s ? s : shape.info();
    boolean sensor = !shape.sensor().isEmpty();
    putIfAbsent(e, "info", info);
    putIfAbsent(e, "pinName", shape.pin());
    putIfAbsent(e, "sensorName", shape.sensor());
    putIfAbsent(e, "sensorSerial", sensor ? serial(shape.sensor()) : "");
    putIfAbsent(e, "sensorType", shape.sensorType());
    putIfAbsent(e, "zoneCid", sensor ? "1" : "0");
    putIfAbsent(e, "account", account);
    putIfAbsent(e, "userId", userId);
    putIfAbsent(e, "sid", sid);
    putIfAbsent(e, "messageSubject", "SimpliSafe " + info);
    putIfAbsent(e, "messageBody", info + ": your SimpliSafe system at Mock Home.");
    putIfAbsent(e, "eventType", shape.eventType());
    putIfAbsent(e, "timezone", 2);
    putIfAbsent(e, "locationOffset", -360);
    putIfAbsent(e, "videoStartedBy", "");
    putIfAbsent(e, "video", new JsonObject());
    putIfAbsent(e, "internal", new JsonObject().put("dispatcher", "cops"));
    putIfAbsent(e, "senderId", "");
    putIfAbsent(e, "openCount", 0);
    putIfAbsent(e, "copsVideoOptIn", false);
    return e;
  }

  private static void putIfAbsent(JsonObject e, String key, Object value) {
    if (!e.containsKey(key)) {
      e.put(key, value);
    }
  }

  /** A stable 8-hex-digit serial per sensor name, as the real ones look. */
  private static String serial(String sensorName) {
    return String.format("%08x", sensorName.hashCode());
  }
}

package io.cloudbus.simplisafe;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CommandException;
import io.cloudbus.core.DeviceRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SimpliSafe device state: one {@code alarm} device per system ({@code system-<sid>}: {@code
 * alarmState}, {@code isAlarming}, {@code version}) and one device per sensor (serial; {@code lock}
 * for type 16 with {@code locked}, {@code jammed}; {@code sensor} for the others with their {@code
 * status} and {@code flags}). Read by {@link #refresh} (subscriptions, then the cached V3 sensors:
 * {@code forceUpdate=false}, so the base station is not polled; for a V2 system the cached V2
 * settings' sensors, {@code settingsType=all&cached=true}), kept current from events (CIDs of
 * arming, disarming, alarms, locks, sensors not responding) and command results.
 *
 * <p>Refresh policy: at connect and after every reconnect, never on a timer (SimpliSafe blocks IPs
 * that call too often). Within {@value #LOCK_WINDOW_MS} ms of an arm/disarm/lock command on a
 * system with locks, a refresh is skipped, as simplipy does: the base station then reports "locks
 * not responding" (home-assistant/core#43845); events and the command result keep the state. On the
 * socket's context only.
 */
final class SimpliSafeDevices {

  /** simplipy's {@code DEFAULT_LOCK_STATE_CHANGE_WINDOW}. */
  static final long LOCK_WINDOW_MS = 15_000;

  static final int LOCK_TYPE = 16;

  record Lock(String id, long sid, String serial) {}

  private static final Map<String, String> ALARM_BY_CID = new HashMap<>();

  static {
    for (String cid : List.of("3401", "3407", "3481", "3487")) {
      ALARM_BY_CID.put(cid, "AWAY");
    }
    ALARM_BY_CID.put("3441", "HOME");
    ALARM_BY_CID.put("3491", "HOME");
    ALARM_BY_CID.put("9401", "AWAY_COUNT");
    ALARM_BY_CID.put("9407", "AWAY_COUNT");
    ALARM_BY_CID.put("9441", "HOME_COUNT");
    ALARM_BY_CID.put("1400", "OFF");
    ALARM_BY_CID.put("1407", "OFF");
    ALARM_BY_CID.put("1406", "OFF");
    ALARM_BY_CID.put("1429", "ENTRY_DELAY");
  }

  private static final Set<String> ALARM_CIDS =
      Set.of("1110", "1120", "1132", "1134", "1154", "1159", "1162", "1409");

  private final DeviceRegistry registry;
  private final SimpliSafeControlApi api;
  private final Clock clock;
  private final Map<Long, Integer> versions = new LinkedHashMap<>();
  private final Map<String, Long> locks = new LinkedHashMap<>();
  private final Map<Long, Long> lastCommandMs = new HashMap<>();

  SimpliSafeDevices(DeviceRegistry registry, SimpliSafeControlApi api, Clock clock) {
    this.registry = registry;
    this.api = api;
    this.clock = clock;
  }

  /** Reads systems and sensors; systems within the lock window keep their state. */
  Future<Void> refresh(long userId) {
    return api.subscriptions(userId)
        .compose(
            json -> {
              List<Future<?>> sensors = new ArrayList<>();
              for (Object o : json.getJsonArray("subscriptions", new JsonArray())) {
                if (o instanceof JsonObject sub && system(sub) instanceof JsonObject system) {
                  Long sidValue = SimpliSafeJson.asLong(sub.getValue("sid"));
                  if (sidValue == null) {
                    continue;
                  }
                  long sid = sidValue;
                  Long v = SimpliSafeJson.asLong(system.getValue("version"));
                  int version = v == null ? 3 : v.intValue();
                  versions.put(sid, version);
                  if (inLockWindow(sid)) {
                    continue;
                  }
                  registry.put(
                      "system-" + sid,
                      "alarm",
                      "SimpliSafe system " + sid,
                      new JsonObject()
                          .put("alarmState", system.getValue("alarmState"))
                          .put("isAlarming", system.getValue("isAlarming"))
                          .put("version", version));
                  sensors.add(
                      version == 2
                          ? api.v2Settings(sid).map(s -> sensors(sid, v2Sensors(s)))
                          : api.sensors(sid).map(s -> sensors(sid, s)));
                }
              }
              return Future.all(sensors).mapEmpty();
            });
  }

  private static Object system(JsonObject sub) {
    JsonObject status = sub.getValue("status") instanceof JsonObject s ? s : new JsonObject();
    JsonObject location = sub.getValue("location") instanceof JsonObject l ? l : new JsonObject();
    return Boolean.TRUE.equals(status.getValue("hasBaseStation"))
        ? location.getValue("system")
        : null;
  }

  /**
   * The V2 settings' {@code settings.sensors} as a V3-like {@code {sensors:[...]}}: V2 lists empty
   * objects for unused slots (skipped, as simplipy does), and its fields {@code battery} ({@code
   * "LOW"}), {@code error}, {@code entryStatus}, {@code instant} and {@code sensorData} become the
   * sensor's state.
   */
  static JsonObject v2Sensors(JsonObject settings) {
    JsonObject inner = settings.getValue("settings") instanceof JsonObject i ? i : new JsonObject();
    JsonArray out = new JsonArray();
    for (Object o : inner.getJsonArray("sensors", new JsonArray())) {
      if (!(o instanceof JsonObject s) || !(s.getValue("serial") instanceof String)) {
        continue;
      }
      JsonObject sensor = s.copy();
      JsonObject status =
          s.getValue("status") instanceof JsonObject st ? st.copy() : new JsonObject();
      for (String field : List.of("error", "entryStatus", "instant", "sensorData")) {
        if (s.containsKey(field)) {
          status.put(field, s.getValue(field));
        }
      }
      sensor.put("status", status);
      if (s.getValue("battery") instanceof String battery) {
        JsonObject flags =
            s.getValue("flags") instanceof JsonObject f ? f.copy() : new JsonObject();
        sensor.put("flags", flags.put("lowBattery", "LOW".equalsIgnoreCase(battery)));
      }
      out.add(sensor);
    }
    return new JsonObject().put("sensors", out);
  }

  private Void sensors(long sid, JsonObject body) {
    for (Object o : body.getJsonArray("sensors", new JsonArray())) {
      if (!(o instanceof JsonObject s) || !(s.getValue("serial") instanceof String serial)) {
        continue;
      }
      JsonObject status = s.getValue("status") instanceof JsonObject st ? st : new JsonObject();
      JsonObject flags = s.getValue("flags") instanceof JsonObject f ? f : new JsonObject();
      Long type = SimpliSafeJson.asLong(s.getValue("type"));
      if (type != null && type == LOCK_TYPE) {
        locks.put(serial, sid);
        registry.put(
            serial,
            "lock",
            s.getString("name"),
            new JsonObject()
                .put(
                    "locked",
                    Long.valueOf(1).equals(SimpliSafeJson.asLong(status.getValue("lockState"))))
                .put(
                    "jammed",
                    Long.valueOf(1).equals(SimpliSafeJson.asLong(status.getValue("lockJamState"))))
                .put("offline", flags.getValue("offline"))
                .put("lowBattery", flags.getValue("lowBattery")));
      } else {
        registry.put(
            serial,
            "sensor",
            s.getString("name"),
            status.copy().mergeIn(flags).put("sensorType", type).put("system", sid));
      }
    }
    return null;
  }

  /** Keeps the state current from a published SimpliSafe event. */
  void onEvent(CloudbusEvent event) {
    String cid = event.vendorType();
    JsonObject raw = event.data().getValue("raw") instanceof JsonObject r ? r : new JsonObject();
    Long sid = SimpliSafeJson.asLong(raw.getValue("sid"));
    String serial = SimpliSafeJson.asText(raw.getValue("sensorSerial"));
    if (cid == null) {
      return;
    }
    if (sid != null && ALARM_BY_CID.containsKey(cid)) {
      registry.merge(
          "system-" + sid,
          new JsonObject().put("alarmState", ALARM_BY_CID.get(cid)).put("isAlarming", false));
    } else if (sid != null && ALARM_CIDS.contains(cid)) {
      registry.merge(
          "system-" + sid, new JsonObject().put("alarmState", "ALARM").put("isAlarming", true));
    } else if (serial != null && ("9700".equals(cid) || "9701".equals(cid))) {
      registry.merge(
          serial, new JsonObject().put("locked", "9701".equals(cid)).put("jammed", false));
    } else if (serial != null && "9703".equals(cid)) {
      registry.merge(serial, new JsonObject().put("jammed", true));
    } else if (serial != null && ("1381".equals(cid) || "3381".equals(cid))) {
      registry.merge(serial, new JsonObject().put("offline", "1381".equals(cid)));
    }
  }

  /** The system a command names ({@code system}: a sid), or the only one. */
  long system(Object arg) {
    if (arg == null) {
      if (versions.size() == 1) {
        return versions.keySet().iterator().next();
      }
      throw new CommandException(
          CommandException.BAD_REQUEST,
          versions.isEmpty()
              ? "no SimpliSafe system known yet (state not read)"
              : "system: required, one of " + versions.keySet());
    }
    Long sid = SimpliSafeJson.asLong(arg);
    if (sid == null || !versions.containsKey(sid)) {
      throw new CommandException(
          CommandException.UNKNOWN_DEVICE,
          "system: no system " + arg + " (known: " + versions.keySet() + ")");
    }
    return sid;
  }

  int version(long sid) {
    return versions.getOrDefault(sid, 3);
  }

  /** The lock a command names ({@code device}: serial or device id), or the only one. */
  Lock lock(Object arg) {
    String serial;
    if (arg == null) {
      if (locks.size() != 1) {
        throw new CommandException(
            CommandException.BAD_REQUEST,
            locks.isEmpty()
                ? "this account has no lock"
                : "device: required, one of " + locks.keySet());
      }
      serial = locks.keySet().iterator().next();
    } else {
      String s = String.valueOf(arg);
      String prefix = registry.idOf("");
      serial = s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }
    Long sid = locks.get(serial);
    if (sid == null) {
      throw new CommandException(
          CommandException.UNKNOWN_DEVICE,
          "device: no lock " + arg + " (known: " + locks.keySet() + ")");
    }
    return new Lock(registry.idOf(serial), sid, serial);
  }

  void commandSent(long sid) {
    lastCommandMs.put(sid, clock.millis());
  }

  void alarmState(long sid, String state) {
    registry.merge(
        "system-" + sid, new JsonObject().put("alarmState", state).put("isAlarming", false));
  }

  void lockState(String serial, boolean locked) {
    registry.merge(serial, new JsonObject().put("locked", locked).put("jammed", false));
  }

  /** Whether a refresh of {@code sid} now would read "locks not responding". */
  boolean inLockWindow(long sid) {
    Long last = lastCommandMs.get(sid);
    return last != null && locks.containsValue(sid) && clock.millis() - last < LOCK_WINDOW_MS;
  }
}

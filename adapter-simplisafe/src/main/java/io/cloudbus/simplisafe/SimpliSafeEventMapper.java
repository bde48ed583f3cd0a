package io.cloudbus.simplisafe;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventTypes;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one SimpliSafe event {@code data} object (a {@code com.simplisafe.event.standard} push or
 * an entry of the REST events history, same fields) into a normalized {@link CloudbusEvent}.
 *
 * <p>A pure function: thread-safe, no I/O. Parsing is tolerant because the real cloud is not
 * consistent: numbers may arrive as strings, {@code account} is a number or a string, {@code
 * video}, {@code _links}, {@code playback/hls} and sensor fields may be absent, and CIDs outside
 * the table (including {@code 0}) occur. Such events are still delivered (as {@code unmapped} when
 * the CID is unknown). Only an event without a usable {@code eventId} cannot be mapped, because its
 * id would not be stable: {@link #map} returns empty for it and never throws.
 *
 * <p>Normalized {@code data} fields (each present only when the vendor sent it): {@code eventId},
 * {@code cid}, {@code sid}, {@code userId}, {@code account} (always a string), {@code sensorType}
 * (number, unknown values kept), {@code sensorTypeName}, {@code sensorSerial}, {@code sensorName},
 * {@code info}, {@code pinName}, {@code eventType}, {@code media} ({@code image}, {@code clip},
 * {@code hls}, {@code flv}, each optional), and {@code raw} (a copy of the vendor object).
 */
public final class SimpliSafeEventMapper {

  /** The vendor name used in event sources and addresses. */
  public static final String VENDOR = "simplisafe";

  private final String account;

  /**
   * @param account the cloudbus account name (part of the event source), not SimpliSafe's
   */
  public SimpliSafeEventMapper(String account) {
    this.account = Objects.requireNonNull(account, "account");
  }

  /**
   * Maps one event; empty when it has no usable {@code eventId} (the caller counts it as a bad
   * frame). Never throws for any JSON object. The event's {@code data.raw} is {@code data} itself
   * (not a copy): the caller must not change it afterwards.
   */
  public Optional<CloudbusEvent> map(JsonObject data) {
    if (data == null) {
      return Optional.empty();
    }
    Long eventId = SimpliSafeJson.asLong(data.getValue("eventId"));
    if (eventId == null) {
      return Optional.empty();
    }
    Long cid = SimpliSafeJson.asLong(data.getValue("eventCid"));
    String name = cid == null ? EventTypes.UNMAPPED : nameOf(cid);
    Long ts = SimpliSafeJson.asLong(data.getValue("eventTimestamp"));
    Instant time = ts == null ? null : Instant.ofEpochSecond(ts);
    JsonObject normalized = normalize(data, eventId, cid);
    return Optional.of(
        CloudbusEvent.builder(VENDOR, account)
            .id(eventIdOf(eventId))
            .name(name)
            .subject(subjectOf(data))
            .time(time)
            .vendorType(cid == null ? null : Long.toString(cid))
            .data(normalized)
            .build());
  }

  /** The CloudEvents id of a SimpliSafe event: {@code simplisafe-<eventId>}. */
  public static String eventIdOf(long eventId) {
    return VENDOR + "-" + eventId;
  }

  /** The normalized name of a CID: one of {@link EventTypes}, {@code unmapped} when unknown. */
  public static String nameOf(long cid) {
    return CID_NAMES.getOrDefault(cid, EventTypes.UNMAPPED);
  }

  /** The CIDs this mapper knows, with their names (DESIGN.md's table). */
  public static Map<Long, String> cidTable() {
    return CID_NAMES;
  }

  private static String subjectOf(JsonObject data) {
    String serial = SimpliSafeJson.asText(data.getValue("sensorSerial"));
    if (serial != null && !serial.isEmpty()) {
      return serial;
    }
    String sid = SimpliSafeJson.asText(data.getValue("sid"));
    return sid == null || sid.isEmpty() ? null : sid;
  }

  private static JsonObject normalize(JsonObject data, long eventId, Long cid) {
    JsonObject out = new JsonObject().put("eventId", eventId);
    if (cid != null) {
      out.put("cid", cid);
    }
    putLong(out, "sid", data.getValue("sid"));
    putLong(out, "userId", data.getValue("userId"));
    putText(out, "account", data.getValue("account"));
    Long sensorType = SimpliSafeJson.asLong(data.getValue("sensorType"));
    if (sensorType != null) {
      out.put("sensorType", sensorType);
      String typeName = SENSOR_TYPES.get(sensorType);
      if (typeName != null) {
        out.put("sensorTypeName", typeName);
      }
    }
    putText(out, "sensorSerial", data.getValue("sensorSerial"));
    putText(out, "sensorName", data.getValue("sensorName"));
    putText(out, "info", data.getValue("info"));
    putText(out, "pinName", data.getValue("pinName"));
    putText(out, "eventType", data.getValue("eventType"));
    JsonObject media = SimpliSafeMedia.extract(data);
    if (!media.isEmpty()) {
      out.put("media", media);
    }
    // the frame's own parsed object, not a second tree (issue #17): the socket parsed it for this
    // event only and nothing changes it afterwards
    return out.put("raw", data);
  }

  private static void putLong(JsonObject out, String field, Object value) {
    Long v = SimpliSafeJson.asLong(value);
    if (v != null) {
      out.put(field, v);
    }
  }

  private static void putText(JsonObject out, String field, Object value) {
    String v = SimpliSafeJson.asText(value);
    if (v != null) {
      out.put(field, v);
    }
  }

  private static final Map<Long, String> CID_NAMES =
      Map.ofEntries(
          Map.entry(1110L, EventTypes.ALARM_TRIGGERED),
          Map.entry(1120L, EventTypes.ALARM_TRIGGERED),
          Map.entry(1132L, EventTypes.ALARM_TRIGGERED),
          Map.entry(1134L, EventTypes.ALARM_TRIGGERED),
          Map.entry(1154L, EventTypes.ALARM_TRIGGERED),
          Map.entry(1159L, EventTypes.ALARM_TRIGGERED),
          Map.entry(1162L, EventTypes.ALARM_TRIGGERED),
          Map.entry(1409L, EventTypes.ALARM_TRIGGERED),
          Map.entry(1406L, EventTypes.ALARM_CANCELED),
          Map.entry(1400L, EventTypes.SECURITY_DISARMED),
          Map.entry(1407L, EventTypes.SECURITY_DISARMED),
          Map.entry(3401L, EventTypes.SECURITY_ARMED_AWAY),
          Map.entry(3407L, EventTypes.SECURITY_ARMED_AWAY),
          Map.entry(3481L, EventTypes.SECURITY_ARMED_AWAY),
          Map.entry(3487L, EventTypes.SECURITY_ARMED_AWAY),
          Map.entry(3441L, EventTypes.SECURITY_ARMED_HOME),
          Map.entry(3491L, EventTypes.SECURITY_ARMED_HOME),
          Map.entry(9401L, EventTypes.SECURITY_EXIT_DELAY),
          Map.entry(9407L, EventTypes.SECURITY_EXIT_DELAY),
          Map.entry(9441L, EventTypes.SECURITY_EXIT_DELAY),
          Map.entry(1429L, EventTypes.SECURITY_ENTRY_DELAY),
          Map.entry(1458L, EventTypes.DOORBELL_RING),
          Map.entry(1170L, EventTypes.CAMERA_MOTION),
          Map.entry(1381L, EventTypes.DEVICE_UNREACHABLE),
          Map.entry(3381L, EventTypes.DEVICE_RESTORED),
          Map.entry(1301L, EventTypes.SYSTEM_POWER_LOST),
          Map.entry(3301L, EventTypes.SYSTEM_POWER_RESTORED),
          Map.entry(1350L, EventTypes.SYSTEM_CONNECTION_LOST),
          Map.entry(3350L, EventTypes.SYSTEM_CONNECTION_RESTORED),
          Map.entry(1601L, EventTypes.SYSTEM_TEST),
          Map.entry(1602L, EventTypes.SYSTEM_TEST),
          Map.entry(1604L, EventTypes.SYSTEM_TEST),
          Map.entry(9700L, EventTypes.LOCK_UNLOCKED),
          Map.entry(9701L, EventTypes.LOCK_LOCKED),
          Map.entry(9703L, EventTypes.LOCK_ERROR));

  /** simplipy's DeviceTypes; other numbers are kept as numbers without a name. */
  private static final Map<Long, String> SENSOR_TYPES =
      Map.ofEntries(
          Map.entry(0L, "remote"),
          Map.entry(1L, "keypad"),
          Map.entry(2L, "keychain"),
          Map.entry(3L, "panic_button"),
          Map.entry(4L, "motion"),
          Map.entry(5L, "entry"),
          Map.entry(6L, "glass_break"),
          Map.entry(7L, "carbon_monoxide"),
          Map.entry(8L, "smoke"),
          Map.entry(9L, "leak"),
          Map.entry(10L, "temperature"),
          Map.entry(12L, "camera"),
          Map.entry(13L, "siren"),
          Map.entry(14L, "smoke_and_carbon_monoxide"),
          Map.entry(15L, "doorbell"),
          Map.entry(16L, "lock"),
          Map.entry(17L, "outdoor_camera"),
          Map.entry(20L, "motion_v2"),
          Map.entry(22L, "outdoor_alarm_security_bell_box"),
          Map.entry(253L, "lock_keypad"));
}

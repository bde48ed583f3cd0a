package io.cloudbus.bticino.impl;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Type-tolerant reads of one push message: a field of the wrong type counts as absent, so a
 * malformed push still becomes an (unmapped or partially filled) event instead of an exception.
 */
final class PushFields {

  final JsonObject raw;
  final String pushType;
  final String bridgeType;
  final String suffix;
  final JsonObject extra;

  private PushFields(JsonObject raw) {
    this.raw = raw;
    Object type = raw.getValue("push_type");
    this.pushType = type instanceof String s && !s.isEmpty() ? s : "unknown";
    int dash = pushType.indexOf('-');
    this.bridgeType = dash > 0 ? pushType.substring(0, dash) : null;
    this.suffix = dash > 0 ? pushType.substring(dash + 1) : pushType;
    this.extra = raw.getValue("extra_params") instanceof JsonObject e ? e : new JsonObject();
  }

  static PushFields of(JsonObject push) {
    return new PushFields(push);
  }

  /** A text (or number, as text) field of {@code extra_params}; null when absent or not scalar. */
  String text(String key) {
    return scalar(extra.getValue(key));
  }

  static String scalar(Object v) {
    if (v instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    return null;
  }

  /** The RTC {@code data.type} ({@code offer}, {@code terminate}, {@code rescind}), or null. */
  String rtcType() {
    return extra.getValue("data") instanceof JsonObject d ? scalar(d.getValue("type")) : null;
  }

  /** The bridge MAC the push is about ({@code device_id}, else {@code camera_id}), or null. */
  String deviceId() {
    String device = text("device_id");
    return device != null ? device : text("camera_id");
  }

  /** The external unit that rings, from an offer's session description, or null. */
  String moduleId() {
    if (extra.getValue("data") instanceof JsonObject d
        && d.getValue("session_description") instanceof JsonObject sd) {
      return scalar(sd.getValue("module_id"));
    }
    return text("module_id");
  }

  /** The vendor time: {@code extra_params.timestamp} or {@code Timestamp.sec} (epoch s). */
  Instant time(Supplier<Instant> clock) {
    Long sec = epochSeconds(extra.getValue("timestamp"));
    if (sec == null && raw.getValue("Timestamp") instanceof JsonObject ts) {
      sec = epochSeconds(ts.getValue("sec"));
    }
    return sec != null ? Instant.ofEpochSecond(sec) : clock.get();
  }

  static Long epochSeconds(Object v) {
    if (v instanceof Number n && n.longValue() > 0) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        long l = Long.parseLong(s.trim());
        return l > 0 ? l : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * The identity of a non-call push: the vendor's event ids when present, else the push type,
   * device and timestamp; a push with none of these gets a random id (delivered, never deduped,
   * because identical-looking status pushes hours apart are distinct events).
   */
  String identity() {
    String event = text("event_id");
    String sub = text("subevent_id");
    if (event != null) {
      return event + (sub != null ? ":" + sub : "") + ":" + suffix;
    }
    Object copyId = raw.getValue("_id");
    if (scalar(copyId) != null) {
      return pushType + ":" + scalar(copyId);
    }
    Long sec = epochSeconds(extra.getValue("timestamp"));
    if (sec != null) {
      return pushType + ":" + deviceId() + ":" + sec;
    }
    return pushType + ":" + UUID.randomUUID();
  }

  /** The normalized fields of the push (no {@code raw}); only those present. */
  JsonObject normalized() {
    JsonObject d = new JsonObject();
    putIf(d, "session_id", text("session_id"));
    putIf(d, "home_id", text("home_id"));
    putIf(d, "home_name", text("home_name"));
    putIf(d, "device_id", deviceId());
    putIf(d, "bridge", deviceId());
    putIf(d, "bridge_type", bridgeType);
    putIf(d, "module_id", moduleId());
    putIf(d, "event_type", text("event_type"));
    putIf(d, "event_id", text("event_id"));
    putIf(d, "subevent_id", text("subevent_id"));
    putIf(d, "rtc_type", rtcType());
    return d;
  }

  static void putIf(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}

package io.cloudbus.client;

import io.cloudbus.client.impl.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One normalized cloudbus event (a CloudEvents 1.0 JSON event) as received from {@code
 * /ws/{resource}}. Immutable.
 *
 * @param resource the resource it came from ({@code events}, a vendor name, ...), may be null
 * @param id the stable event id
 * @param source {@code /cloudbus/<vendor>/<account>}
 * @param type {@code io.cloudbus.<name>}, e.g. {@code io.cloudbus.doorbell.ring}
 * @param subject the device, sensor, entity or call session, may be null
 * @param time the vendor's event time (RFC 3339 text), may be null
 * @param vendor extension attribute {@code vendor}, may be null
 * @param account extension attribute {@code account}, may be null
 * @param vendortype the vendor's own type, as text (e.g. {@code 1400}), may be null
 * @param data the event data (normally an object with the normalized fields and {@code raw})
 * @param json the event exactly as the service sent it (the frame's {@code data} member)
 * @param position its position in the service's journal (the frame's {@code position}), from which
 *     a subscription resumes; null when the service sent none
 */
public record Event(
    String resource,
    String id,
    String source,
    String type,
    String subject,
    String time,
    String vendor,
    String account,
    String vendortype,
    Object data,
    String json,
    String position) {

  /** An event without a journal position. */
  public Event(
      String resource,
      String id,
      String source,
      String type,
      String subject,
      String time,
      String vendor,
      String account,
      String vendortype,
      Object data,
      String json) {
    this(resource, id, source, type, subject, time, vendor, account, vendortype, data, json, null);
  }

  /**
   * Parses a CloudEvents JSON object.
   *
   * @param json the event object's JSON text
   * @param resource the resource it arrived on, may be null
   * @throws IllegalArgumentException if it is not a JSON object, or {@code id} or {@code type} is
   *     missing
   */
  public static Event parse(String json, String resource) {
    return parse(json, resource, null);
  }

  /**
   * As {@link #parse(String, String)}, with the event's journal position (null: none).
   *
   * @throws IllegalArgumentException if it is not a JSON object, or {@code id} or {@code type} is
   *     missing
   */
  public static Event parse(String json, String resource, String position) {
    Map<String, Object> m = Json.parseObject(json);
    String id = text(m, "id");
    String type = text(m, "type");
    if (id == null || type == null) {
      throw new IllegalArgumentException("event without id or type");
    }
    return new Event(
        resource,
        id,
        text(m, "source"),
        type,
        text(m, "subject"),
        text(m, "time"),
        text(m, "vendor"),
        text(m, "account"),
        text(m, "vendortype"),
        m.get("data"),
        json,
        position);
  }

  /** A field of {@link #data()} when it is an object, else null. */
  public Object data(String field) {
    return data instanceof Map<?, ?> map ? map.get(field) : null;
  }

  /** {@link #time()} as an instant, or null if absent or not RFC 3339. */
  public Instant instant() {
    if (time == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    // Extension attributes may arrive as numbers (vendortype 1400); keep them as text.
    return v instanceof String s ? s : Json.write(v);
  }
}

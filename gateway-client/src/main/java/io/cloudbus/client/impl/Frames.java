package io.cloudbus.client.impl;

import io.cloudbus.client.Event;
import io.cloudbus.client.Filter;
import io.cloudbus.client.ServerError;
import io.cloudbus.client.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/** Encodes client frames and decodes server frames of the {@code /ws/{resource}} protocol. */
public final class Frames {

  private Frames() {}

  /** A decoded server frame. */
  public sealed interface Incoming
      permits Welcome, Subscribed, EventFrame, StatusFrame, Pong, ErrorFrame, Replayed, Unknown {}

  /** The replay of a subscription with {@code since} wrote {@code count} events; now live. */
  public record Replayed(long count) implements Incoming {}

  public record Welcome() implements Incoming {}

  /** {@code position}: the journal's latest position when the subscription started, or null. */
  public record Subscribed(Filter filter, String position) implements Incoming {}

  public record EventFrame(Event event) implements Incoming {}

  public record StatusFrame(Status status) implements Incoming {}

  public record Pong() implements Incoming {}

  public record ErrorFrame(ServerError error) implements Incoming {}

  /** A well-formed frame of a type this client does not know (ignored, for compatibility). */
  public record Unknown(String type) implements Incoming {}

  public static String subscribe(Filter filter) {
    return subscribe(filter, null);
  }

  /** A subscribe frame resuming after {@code since} (an event id, time or position; null: live). */
  public static String subscribe(Filter filter, String since) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", "subscribe");
    m.put("filter", filter.toMap());
    if (since != null) {
      m.put("since", since);
    }
    return Json.write(m);
  }

  public static String unsubscribe() {
    return "{\"action\":\"unsubscribe\"}";
  }

  public static String ping() {
    return "{\"action\":\"ping\"}";
  }

  /**
   * Decodes one server frame.
   *
   * @throws IllegalArgumentException if it is not JSON, not an object, has no string {@code type},
   *     or a known type misses its required members
   */
  @SuppressWarnings("unchecked")
  public static Incoming decode(String text) {
    Map<String, String> raw = Json.rawMembers(text);
    Map<String, Object> m = Json.parseObject(text);
    if (!(m.get("type") instanceof String type)) {
      throw new IllegalArgumentException("frame has no string \"type\"");
    }
    return switch (type) {
      case "welcome" -> new Welcome();
      case "pong" -> new Pong();
      case "subscribed" -> {
        Object f = m.get("filter");
        if (f != null && !(f instanceof Map)) {
          throw new IllegalArgumentException("subscribed.filter is not an object");
        }
        yield new Subscribed(Filter.fromMap((Map<String, Object>) f), position(m));
      }
      case "event" -> {
        String data = raw.get("data");
        if (data == null || !(m.get("data") instanceof Map)) {
          throw new IllegalArgumentException("event frame without an object \"data\"");
        }
        Object resource = m.get("resource");
        yield new EventFrame(
            Event.parse(data, resource instanceof String r ? r : null, position(m)));
      }
      case "status" -> {
        String data = raw.get("data");
        if (data == null || !(m.get("data") instanceof Map)) {
          throw new IllegalArgumentException("status frame without an object \"data\"");
        }
        yield new StatusFrame(Status.parse(data));
      }
      case "error" -> {
        Object e = m.get("error");
        if (!(e instanceof Map)) {
          throw new IllegalArgumentException("error frame without an object \"error\"");
        }
        Map<String, Object> em = (Map<String, Object>) e;
        yield new ErrorFrame(
            new ServerError(stringOrNull(em.get("code")), stringOrNull(em.get("message"))));
      }
      case "replayed" -> new Replayed(m.get("count") instanceof Number n ? n.longValue() : -1);
      default -> new Unknown(type);
    };
  }

  private static String position(Map<String, Object> m) {
    Object p = m.get("position");
    return p == null ? null : stringOrNull(p);
  }

  private static String stringOrNull(Object o) {
    return o == null ? null : o instanceof String s ? s : Json.write(o);
  }
}

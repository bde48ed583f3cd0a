package io.cloudbus.mock.simplisafe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event history behind {@code GET /v1/subscriptions/{sid}/events}: per system, newest first, at
 * most {@value #MAX_PER_SYSTEM} events. Also assigns {@code eventId} and {@code eventTimestamp} to
 * admin-posted events that lack them. Not thread-safe: used on the mock cloud's context only.
 */
final class SimpliSafeEventHistory {

  static final int MAX_PER_SYSTEM = 1000;

  /** Fields the websocket carries but the REST history does not (protocol notes, section 4). */
  private static final Set<String> WS_ONLY =
      Set.of("internal", "senderId", "openCount", "serviceFeatures");

  private static final long FIRST_EVENT_ID = 16_803_409_200L;

  private final Map<Long, Deque<JsonObject>> bySid = new HashMap<>();
  private long nextEventId = FIRST_EVENT_ID;

  /**
   * Completes {@code data} (a copy) with an {@code eventId} and {@code eventTimestamp} when absent
   * and records it under its {@code sid} ({@code defaultSid} when it names none).
   *
   * @return the completed event, as it is pushed
   */
  JsonObject record(JsonObject data, long defaultSid, long nowEpochSeconds) {
    JsonObject event = data.copy();
    // Only absent fields are filled in: a present but odd value is kept so tests can send it.
    if (!event.containsKey("eventId")) {
      event.put("eventId", nextEventId++);
    } else {
      Long id = asLong(event.getValue("eventId"));
      if (id != null && id >= nextEventId) {
        nextEventId = id + 1;
      }
    }
    if (!event.containsKey("eventTimestamp")) {
      event.put("eventTimestamp", nowEpochSeconds);
    }
    Long sid = asLong(event.getValue("sid"));
    Deque<JsonObject> history =
        bySid.computeIfAbsent(sid == null ? defaultSid : sid, k -> new ArrayDeque<>());
    history.addFirst(event);
    while (history.size() > MAX_PER_SYSTEM) {
      history.removeLast();
    }
    return event;
  }

  /**
   * The REST response for {@code sid}: up to {@code numEvents} events, newest first, at or after
   * {@code fromTimestamp} (epoch seconds) when given.
   */
  JsonObject page(long sid, int numEvents, Long fromTimestamp) {
    List<JsonObject> out = new ArrayList<>();
    Iterator<JsonObject> it = bySid.getOrDefault(sid, new ArrayDeque<>()).iterator();
    while (it.hasNext() && out.size() < numEvents) {
      JsonObject event = it.next();
      Long ts = asLong(event.getValue("eventTimestamp"));
      if (fromTimestamp != null && ts != null && ts < fromTimestamp) {
        continue;
      }
      JsonObject rest = event.copy();
      WS_ONLY.forEach(rest::remove);
      out.add(rest);
    }
    JsonObject body = new JsonObject().put("numEvents", out.size());
    if (!out.isEmpty()) {
      body.put("lastEventTimestamp", out.get(out.size() - 1).getValue("eventTimestamp"));
    }
    return body.put("events", new JsonArray(new ArrayList<Object>(out)));
  }

  void clear() {
    bySid.clear();
    nextEventId = FIRST_EVENT_ID;
  }

  static Long asLong(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}

package io.cloudbus.mock.bticino;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The event history behind {@code /api/getevents}, fed by admin-pushed pushes the way the real
 * cloud records calls: every call becomes {@code outdoor} events, one per subevent ({@code
 * incoming_call}, {@code accepted_call}, {@code missed_call}), joined to the pushes by {@code
 * session_id}. An RTC offer records the {@code incoming_call} and a rescind the {@code
 * accepted_call} when the matching push has not; repeats of the same (session, subevent) are
 * recorded once, and a call push joins the record of its (session, subevent): the push's {@code
 * event_id}/{@code subevent_id}, {@code timestamp} and {@code snapshot_url}/{@code vignette_url}
 * become the record's ids, time and image URLs, whichever push came first. Bridge {@code
 * connection}/{@code disconnection} pushes are recorded too. Used on the mock cloud's context only;
 * bounded to {@link #MAX_EVENTS_PER_HOME} per home.
 */
final class BticinoHistory {

  static final int MAX_EVENTS_PER_HOME = 500;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, List<JsonObject>> byHome = new HashMap<>();

  /** Call records by home/session/subevent type, to join later pushes of the same call. */
  private final Map<String, JsonObject> records = new HashMap<>();

  void clear() {
    byHome.clear();
    records.clear();
  }

  /** Records {@code push} (a raw push message) at {@code nowSec} if it is a call or status push. */
  void record(JsonObject push, long nowSec) {
    String pushType = push.getValue("push_type") instanceof String s ? s : "";
    String suffix = pushType.substring(pushType.indexOf('-') + 1);
    JsonObject extra = push.getValue("extra_params") instanceof JsonObject e ? e : new JsonObject();
    String home = text(extra, "home_id", BticinoHomeSeed.HOME_ID);
    String bridge = text(extra, "device_id", BticinoHomeSeed.BRIDGE_ID);
    String session = text(extra, "session_id", null);
    long time = extra.getValue("timestamp") instanceof Number n ? n.longValue() : nowSec;
    switch (suffix) {
      case "incoming_call", "accepted_call", "missed_call" ->
          call(home, bridge, session, suffix, time, extra);
      case "rtc" -> {
        String rtcType = extra.getValue("data") instanceof JsonObject d ? text(d, "type", "") : "";
        if ("offer".equals(rtcType)) {
          call(home, bridge, session, "incoming_call", time, extra);
        } else if ("rescind".equals(rtcType)) {
          call(home, bridge, session, "accepted_call", time, extra);
        }
      }
      case "connection", "disconnection" ->
          add(
              home,
              new JsonObject()
                  .put("id", hexId())
                  .put("type", suffix)
                  .put("time", time)
                  .put("module_id", bridge)
                  .put(
                      "message",
                      "Classe 100X16E "
                          + ("connection".equals(suffix) ? "connected" : "disconnected")));
      default -> {
        // other pushes leave no history
      }
    }
  }

  private void call(
      String home, String bridge, String session, String subType, long time, JsonObject extra) {
    if (session == null) {
      return;
    }
    String key = home + "/" + session + "/" + subType;
    // A call push (not an RTC one) is the authority: its ids, time and image URLs win over what an
    // earlier offer or rescind recorded for the same (session, subevent).
    boolean authoritative = extra.containsKey("event_type");
    JsonObject existing = records.get(key);
    if (existing != null) {
      if (authoritative) {
        fill(existing, existing.getJsonArray("subevents").getJsonObject(0), time, extra);
      }
      return;
    }
    String eventId = hexId();
    JsonObject sub =
        new JsonObject()
            .put("id", hexId())
            .put("type", subType)
            .put("time", time)
            .put("verified", true)
            .put("session_id", session)
            .put("offset", 0)
            .put("message", subType.replace('_', ' '));
    JsonObject event =
        new JsonObject()
            .put("id", eventId)
            .put("type", "outdoor")
            .put("time", time)
            .put("module_id", bridge)
            .put("video_status", "available")
            .put("subevents", new JsonArray().add(sub));
    if ("incoming_call".equals(subType)) {
      sub.put("snapshot", blob(null, "snapshot", eventId, time + 300));
      sub.put("vignette", blob(null, "vignette", eventId, time + 300));
    }
    fill(event, sub, time, extra);
    records.put(key, event);
    add(home, event);
  }

  /** The push's own ids, time and image URLs into a history record. */
  private static void fill(JsonObject event, JsonObject sub, long time, JsonObject extra) {
    String eventId = text(extra, "event_id", null);
    String subId = text(extra, "subevent_id", null);
    if (eventId != null) {
      event.put("id", eventId);
    }
    if (subId != null) {
      sub.put("id", subId);
    }
    if (extra.getValue("timestamp") instanceof Number) {
      event.put("time", time);
      sub.put("time", time);
    }
    long expires = time + 300;
    for (String kind : new String[] {"snapshot", "vignette"}) {
      String url = text(extra, kind + "_url", null);
      if (url != null) {
        sub.put(kind, blob(url, kind, event.getString("id"), expires));
      }
    }
  }

  private static JsonObject blob(String url, String kind, String eventId, long expires) {
    String u =
        url != null
            ? url
            : "https://netatmocameraimage.blob.core.windows.net/production/"
                + eventId
                + "-"
                + kind
                + ".jpg?se="
                + expires
                + "&sig=mock";
    return new JsonObject().put("url", u).put("expires_at", expires);
  }

  private void add(String home, JsonObject event) {
    List<JsonObject> events = byHome.computeIfAbsent(home, h -> new ArrayList<>());
    events.add(event);
    if (events.size() > MAX_EVENTS_PER_HOME) {
      JsonObject dropped = events.remove(0);
      records.values().remove(dropped);
    }
  }

  /** The newest {@code size} events of {@code home}, newest first (copies). */
  JsonArray newestFirst(String home, int size) {
    List<JsonObject> events = byHome.getOrDefault(home, List.of());
    JsonArray out = new JsonArray();
    for (int i = events.size() - 1; i >= 0 && out.size() < size; i--) {
      out.add(events.get(i).copy());
    }
    return out;
  }

  String hexId() {
    byte[] b = new byte[12];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String text(JsonObject json, String key, String def) {
    Object v = json.getValue(key);
    return v instanceof String s && !s.isEmpty() ? s : def;
  }
}

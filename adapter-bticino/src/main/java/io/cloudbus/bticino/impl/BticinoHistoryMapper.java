package io.cloudbus.bticino.impl;

import io.cloudbus.bticino.impl.BticinoCallDeduplicator.Kind;
import io.cloudbus.core.CloudbusEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Maps a {@code /api/getevents} response (newest first) to call events, oldest first, with the same
 * ids as the pushes ({@code <session_id>:ring|answered|missed}, joined on {@code session_id}), so a
 * call whose pushes were missed during an outage is delivered once, and a call already pushed is
 * not delivered again.
 *
 * <p>Only {@code incoming_call}, {@code accepted_call} and {@code missed_call} subevents are
 * mapped. History {@code connection}/{@code disconnection} entries are skipped: their ids do not
 * match any push identity, so replaying them would duplicate pushed status events.
 */
public final class BticinoHistoryMapper {

  private final BticinoPushMapper mapper;
  private final Supplier<Instant> clock;

  public BticinoHistoryMapper(BticinoPushMapper mapper, Supplier<Instant> clock) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param homeId the home the response belongs to
   * @param response the whole {@code getevents} response; a malformed one yields no events
   * @return the call events not emitted before, oldest first
   */
  public List<CloudbusEvent> map(String homeId, JsonObject response) {
    List<Entry> entries = new ArrayList<>();
    JsonArray events = events(response);
    for (int i = 0; i < events.size(); i++) {
      if (events.getValue(i) instanceof JsonObject event
          && event.getValue("subevents") instanceof JsonArray subs) {
        for (int j = 0; j < subs.size(); j++) {
          if (subs.getValue(j) instanceof JsonObject sub) {
            Kind kind = kind(PushFields.scalar(sub.getValue("type")));
            if (kind != null) {
              entries.add(new Entry(event, sub, kind, time(sub, event), entries.size()));
            }
          }
        }
      }
    }
    // The cloud lists newest first; replay oldest first, ties in reverse listing order.
    entries.sort(
        Comparator.comparing(Entry::time).thenComparing(Entry::index, Comparator.reverseOrder()));
    List<CloudbusEvent> out = new ArrayList<>();
    for (Entry e : entries) {
      out.addAll(toEvent(homeId, e));
    }
    return out;
  }

  private List<CloudbusEvent> toEvent(String homeId, Entry e) {
    String sessionId = PushFields.scalar(e.sub.getValue("session_id"));
    String type = PushFields.scalar(e.sub.getValue("type"));
    String bridge = PushFields.scalar(e.event.getValue("module_id"));
    JsonObject fields = new JsonObject();
    PushFields.putIf(fields, "session_id", sessionId);
    PushFields.putIf(fields, "home_id", homeId);
    PushFields.putIf(fields, "device_id", bridge);
    PushFields.putIf(fields, "bridge", bridge);
    PushFields.putIf(fields, "event_type", type);
    PushFields.putIf(fields, "event_id", PushFields.scalar(e.event.getValue("id")));
    PushFields.putIf(fields, "subevent_id", PushFields.scalar(e.sub.getValue("id")));
    fields.put("catch_up", true);
    JsonObject media = new JsonObject();
    PushFields.putIf(media, "snapshot_url", url(e.sub, "snapshot"));
    PushFields.putIf(media, "vignette_url", url(e.sub, "vignette"));
    String vendorType = PushFields.scalar(e.event.getValue("type")) + ":" + type;
    return mapper.callEvent(
        e.kind, sessionId, fields, e.event, vendorType, e.time, media.isEmpty() ? null : media);
  }

  private static JsonArray events(JsonObject response) {
    if (response != null
        && response.getValue("body") instanceof JsonObject body
        && body.getValue("home") instanceof JsonObject home
        && home.getValue("events") instanceof JsonArray events) {
      return events;
    }
    return new JsonArray();
  }

  private static Kind kind(String subType) {
    if (subType == null) {
      return null;
    }
    return switch (subType) {
      case "incoming_call" -> Kind.RING;
      case "accepted_call" -> Kind.ANSWERED;
      case "missed_call" -> Kind.MISSED;
      default -> null;
    };
  }

  private Instant time(JsonObject sub, JsonObject event) {
    Long sec = PushFields.epochSeconds(sub.getValue("time"));
    if (sec == null) {
      sec = PushFields.epochSeconds(event.getValue("time"));
    }
    return sec != null ? Instant.ofEpochSecond(sec) : clock.get();
  }

  private static String url(JsonObject sub, String key) {
    return sub.getValue(key) instanceof JsonObject o ? PushFields.scalar(o.getValue("url")) : null;
  }

  private record Entry(JsonObject event, JsonObject sub, Kind kind, Instant time, int index) {}
}

package io.cloudbus.bticino.impl;

import io.cloudbus.bticino.impl.BticinoCallDeduplicator.Kind;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventTypes;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns BTicino/Netatmo push messages (the frames of {@code wss://app-ws.netatmo.net/ws/}) into
 * normalized events, per the mapping table of docs/adapters/bticino.md.
 *
 * <p>The {@code push_type} is {@code <bridge type>-<event>} ({@code BNC1}, {@code BNCX}, {@code
 * BDIY}, and whatever bridge comes next): only the suffix decides the mapping. Call events get the
 * id {@code <session_id>:<kind>} so that offer retransmits, an {@code incoming_call} with the same
 * session, duplicate terminate/rescind copies and the REST catch-up all collapse into one event;
 * the {@link BticinoCallDeduplicator} drops repeats here already and knows when a ring went out
 * without images (then the later {@code incoming_call} becomes an enrichment event, id {@code
 * <session_id>:media}). Anything not in the table is delivered as {@code unmapped}, never dropped.
 *
 * <p>Pure apart from the deduplicator's memory; never throws on odd input (wrong types, missing
 * fields): such a push still yields an event. Not thread-safe beyond what the deduplicator gives;
 * use it from the socket's event loop.
 */
public final class BticinoPushMapper {

  private final String vendor;
  private final String account;
  private final BticinoCallDeduplicator calls;
  private final Supplier<Instant> clock;

  /**
   * @param vendor the vendor name of the events ({@code bticino})
   * @param account the account name of the events
   * @param calls the session memory shared with the catch-up
   * @param clock the time of events whose push carries none
   */
  public BticinoPushMapper(
      String vendor, String account, BticinoCallDeduplicator calls, Supplier<Instant> clock) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    this.account = Objects.requireNonNull(account, "account");
    this.calls = Objects.requireNonNull(calls, "calls");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** True for the bare {@code {"status":"ok"}} ack of a (re)subscribe: it is not an event. */
  public static boolean isSubscribeAck(JsonObject message) {
    return "ok".equals(message.getValue("status")) && !message.containsKey("push_type");
  }

  /** True for a subscribe rejection such as {@code {"error":{"code":11,...}}}. */
  public static boolean isSubscribeError(JsonObject message) {
    return message.containsKey("error") && !message.containsKey("push_type");
  }

  /**
   * Maps one push. Returns an empty list for a subscribe ack and for a call event already emitted
   * for its session; otherwise one event (rarely none, never more than one).
   */
  public List<CloudbusEvent> map(JsonObject push) {
    if (isSubscribeAck(push)) {
      return List.of();
    }
    PushFields f = PushFields.of(push);
    String sessionId = f.text("session_id");
    switch (f.suffix) {
      case "rtc":
        String rtcType = f.rtcType();
        String vendorType = f.pushType + ":" + (rtcType == null ? "?" : rtcType);
        if ("offer".equals(rtcType)) {
          return call(Kind.RING, sessionId, f, vendorType, null);
        } else if ("terminate".equals(rtcType)) {
          return call(Kind.ENDED, sessionId, f, vendorType, null);
        } else if ("rescind".equals(rtcType)) {
          return call(Kind.ANSWERED, sessionId, f, vendorType, null);
        }
        return List.of(other(EventTypes.UNMAPPED, f, vendorType, sessionId));
      case "incoming_call":
        return call(Kind.RING, sessionId, f, f.pushType, media(f));
      case "accepted_call":
        return call(Kind.ANSWERED, sessionId, f, f.pushType, media(f));
      case "missed_call":
        return call(Kind.MISSED, sessionId, f, f.pushType, media(f));
      case "connection":
        return List.of(other(EventTypes.DEVICE_RESTORED, f, f.pushType, f.deviceId()));
      case "disconnection":
        return List.of(other(EventTypes.DEVICE_UNREACHABLE, f, f.pushType, f.deviceId()));
      default:
        return List.of(
            other(
                EventTypes.UNMAPPED, f, f.pushType, sessionId != null ? sessionId : f.deviceId()));
    }
  }

  /**
   * The call event of {@code kind} for a session, or nothing when it was already emitted. Shared
   * with the history catch-up so that pushes and history give the same ids.
   *
   * @param fields normalized fields (session_id, home_id, device_id, ...) without {@code raw}
   * @param media snapshot/vignette URLs carried by this source, or null
   */
  List<CloudbusEvent> callEvent(
      Kind kind,
      String sessionId,
      JsonObject fields,
      JsonObject raw,
      String vendorType,
      Instant time,
      JsonObject media) {
    if (sessionId == null) {
      // Without a session the vendor gives no call identity: deliver, never dedup.
      JsonObject data = fields.copy().put("raw", raw);
      if (media != null) {
        data.mergeIn(media);
      }
      return List.of(
          build(name(kind), "nosession:" + UUID.randomUUID(), null, time, vendorType, data));
    }
    boolean hasMedia = media != null && !media.isEmpty();
    if (hasMedia) {
      calls.rememberMedia(
          sessionId, media.getString("snapshot_url"), media.getString("vignette_url"));
    }
    if (!calls.first(sessionId, kind)) {
      if (kind == Kind.RING && hasMedia && calls.first(sessionId, Kind.MEDIA)) {
        // The ring went out without images (the offer came first): deliver them now.
        JsonObject data =
            fields
                .copy()
                .mergeIn(calls.media(sessionId))
                .put("enriches", sessionId + ":ring")
                .put("raw", raw);
        return List.of(
            build(EventTypes.UNMAPPED, sessionId + ":media", sessionId, time, vendorType, data));
      }
      return List.of();
    }
    if (kind == Kind.RING && hasMedia) {
      calls.first(sessionId, Kind.MEDIA);
    }
    JsonObject data = fields.copy().mergeIn(calls.media(sessionId)).put("raw", raw);
    return List.of(
        build(name(kind), sessionId + ":" + idSuffix(kind), sessionId, time, vendorType, data));
  }

  private List<CloudbusEvent> call(
      Kind kind, String sessionId, PushFields f, String vendorType, JsonObject media) {
    return callEvent(kind, sessionId, f.normalized(), f.raw, vendorType, f.time(clock), media);
  }

  private CloudbusEvent other(String name, PushFields f, String vendorType, String subject) {
    JsonObject data = f.normalized();
    JsonObject media = media(f);
    if (media != null) {
      data.mergeIn(media);
    }
    data.put("raw", f.raw);
    return build(name, f.identity(), subject, f.time(clock), vendorType, data);
  }

  private CloudbusEvent build(
      String name, String id, String subject, Instant time, String vendorType, JsonObject data) {
    return CloudbusEvent.builder(vendor, account)
        .id(id)
        .name(name)
        .subject(subject)
        .time(time)
        .vendorType(vendorType)
        .data(data)
        .build();
  }

  private static JsonObject media(PushFields f) {
    JsonObject m = new JsonObject();
    String snapshot = f.text("snapshot_url");
    String vignette = f.text("vignette_url");
    if (snapshot != null) {
      m.put("snapshot_url", snapshot);
    }
    if (vignette != null) {
      m.put("vignette_url", vignette);
    }
    return m.isEmpty() ? null : m;
  }

  static String name(Kind kind) {
    return switch (kind) {
      case RING -> EventTypes.DOORBELL_RING;
      case ANSWERED -> EventTypes.CALL_ANSWERED;
      case MISSED -> EventTypes.CALL_MISSED;
      case ENDED -> EventTypes.CALL_ENDED;
      case MEDIA -> EventTypes.UNMAPPED;
    };
  }

  static String idSuffix(Kind kind) {
    return switch (kind) {
      case RING -> "ring";
      case ANSWERED -> "answered";
      case MISSED -> "missed";
      case ENDED -> "ended";
      case MEDIA -> "media";
    };
  }
}

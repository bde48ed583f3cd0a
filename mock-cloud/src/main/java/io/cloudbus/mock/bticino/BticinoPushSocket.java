package io.cloudbus.mock.bticino;

import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push socket {@code /ws/}: any upgrade is accepted (no auth header), the first and every later
 * {@code {"action":"Subscribe","access_token":..,"app_type":"app_camera",...}} is answered {@code
 * {"status":"ok"}} or, for an invalid or expired token, {@code
 * {"error":{"code":11,"message":"Internal error"}}}. The server sends protocol pings every {@link
 * BticinoMockSettings#pingIntervalMs} and no application heartbeat; a socket whose subscribed token
 * expired is dropped at the next tick (when {@link BticinoMockSettings#dropOnTokenExpiry}).
 *
 * <p>Admin pushes fan out to the subscribed sockets of their {@code home_id} (all when it names
 * none); RTC offers are repeated while ringing, terminate/rescind are sent once per receiver. A
 * subscription with {@code "filter":"silent"} gets no RTC pushes (the real cloud's behaviour). Used
 * on the mock cloud's context only.
 */
final class BticinoPushSocket {

  private static final Logger LOG = LoggerFactory.getLogger(BticinoPushSocket.class);

  static final String SUBSCRIBED_TOKEN = "bticino.token";
  static final String FILTER = "bticino.filter";

  private final MockCloudContext ctx;
  private final Supplier<BticinoMockSettings> settings;
  private final BticinoHistory history;

  /** Pending offer retransmit timers by session id. */
  private final Map<String, Long> ringing = new HashMap<>();

  BticinoPushSocket(
      MockCloudContext ctx, Supplier<BticinoMockSettings> settings, BticinoHistory history) {
    this.ctx = ctx;
    this.settings = settings;
    this.history = history;
  }

  void reset() {
    ringing.values().forEach(ctx.vertx()::cancelTimer);
    ringing.clear();
  }

  void accept(MockSocket socket) {
    long interval = settings.get().pingIntervalMs;
    long timer = interval > 0 ? ctx.vertx().setPeriodic(interval, id -> tick(socket)) : -1;
    socket.closeHandler(
        v -> {
          if (timer >= 0) {
            ctx.vertx().cancelTimer(timer);
          }
        });
    socket.textHandler(text -> onText(socket, text));
  }

  private void tick(MockSocket socket) {
    if (!socket.isOpen()) {
      return;
    }
    String token = socket.attribute(SUBSCRIBED_TOKEN);
    if (token != null
        && settings.get().dropOnTokenExpiry
        && ctx.tokens().validateAccess(token).isEmpty()) {
      LOG.debug("[bticino#{}] subscribed token expired: dropping the socket", socket.id());
      socket.abort();
      return;
    }
    socket.ping();
  }

  private void onText(MockSocket socket, String text) {
    JsonObject msg;
    try {
      msg = Json.decodeValue(text) instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      msg = null;
    }
    if (msg == null || !"Subscribe".equals(msg.getValue("action"))) {
      ctx.stats().increment("ignoredClientFrames");
      return;
    }
    Object token = msg.getValue("access_token");
    boolean valid =
        token instanceof String t
            && "app_camera".equals(msg.getValue("app_type"))
            && ctx.tokens().validateAccess(t).isPresent();
    if (!valid) {
      ctx.stats().increment("subscribeRejected");
      socket.send(
          new JsonObject()
              .put("error", new JsonObject().put("code", 11).put("message", "Internal error")));
      return;
    }
    boolean resubscribe = socket.attribute(SUBSCRIBED_TOKEN) != null;
    socket.attribute(SUBSCRIBED_TOKEN, token);
    socket.attribute(FILTER, msg.getValue("filter") instanceof String f ? f : null);
    if (resubscribe) {
      ctx.stats().increment("resubscribes");
    }
    socket.send(new JsonObject().put("status", "ok"));
    if (!socket.isHandshakeDone()) {
      socket.handshakeDone();
    }
  }

  /** {@code POST /admin/bticino/pushes}: returns {@code {"pushed":n,"sockets":k}}. */
  JsonObject adminPush(List<JsonObject> pushes) {
    long now = System.currentTimeMillis() / 1000;
    Set<Long> reached = new HashSet<>();
    for (JsonObject push : pushes) {
      if (!(push.getValue("push_type") instanceof String)) {
        throw new IllegalArgumentException("every push needs a string push_type");
      }
      history.record(push, now);
      reached.addAll(fanOut(push));
    }
    return new JsonObject().put("pushed", pushes.size()).put("sockets", reached.size());
  }

  private List<Long> fanOut(JsonObject push) {
    String suffix = suffix(push);
    String session = extra(push, "session_id");
    String rtcType = rtcType(push);
    BticinoMockSettings s = settings.get();
    if (session != null && !"offer".equals(rtcType) && isCallEnd(suffix, rtcType)) {
      Long timer = ringing.remove(session);
      if (timer != null) {
        ctx.vertx().cancelTimer(timer);
      }
    }
    List<Long> reached = new ArrayList<>();
    int copies = "rtc".equals(suffix) && !"offer".equals(rtcType) ? s.receivers : 1;
    for (int i = 0; i < copies; i++) {
      JsonObject copy = copies > 1 ? push.copy().put("_id", history.hexId()) : push;
      reached.addAll(send(copy, "rtc".equals(suffix)));
    }
    if ("offer".equals(rtcType) && session != null && s.offerRetransmits > 0) {
      retransmit(push, session, s.offerRetransmits, s.offerRetransmitIntervalMs);
    }
    return reached;
  }

  private void retransmit(JsonObject offer, String session, int left, long intervalMs) {
    long timer =
        ctx.vertx()
            .setTimer(
                intervalMs,
                id -> {
                  ringing.remove(session);
                  send(offer, true);
                  if (left > 1) {
                    retransmit(offer, session, left - 1, intervalMs);
                  }
                });
    ringing.put(session, timer);
  }

  private List<Long> send(JsonObject push, boolean rtc) {
    String home = extra(push, "home_id");
    List<Long> reached = new ArrayList<>();
    for (MockSocket socket : ctx.sockets().all()) {
      if (socket.attribute(SUBSCRIBED_TOKEN) == null
          || (rtc && "silent".equals(socket.attribute(FILTER)))
          || (home != null && !BticinoHomeSeed.HOME_ID.equals(home))) {
        continue;
      }
      if (socket.push(push)) {
        reached.add(socket.id());
      }
    }
    return reached;
  }

  private static boolean isCallEnd(String suffix, String rtcType) {
    return "rtc".equals(suffix)
        || "accepted_call".equals(suffix)
        || "missed_call".equals(suffix)
        || rtcType != null;
  }

  private static String suffix(JsonObject push) {
    String type = push.getString("push_type");
    return type.substring(type.indexOf('-') + 1);
  }

  private static String extra(JsonObject push, String key) {
    return push.getValue("extra_params") instanceof JsonObject e
            && e.getValue(key) instanceof String s
        ? s
        : null;
  }

  private static String rtcType(JsonObject push) {
    return push.getValue("extra_params") instanceof JsonObject e
            && e.getValue("data") instanceof JsonObject d
            && d.getValue("type") instanceof String s
        ? s
        : null;
  }
}

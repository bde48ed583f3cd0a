package io.cloudbus.mock.simplisafe;

import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SimpliSafe's socketlink protocol, server side: {@code hello} on connect; the client's {@code
 * com.simplisafe.connection.identify} must carry a valid bearer token and join exactly {@code
 * uid:<its user>}, else the socket is closed (1008); then {@code registered} and {@code
 * com.simplisafe.namespace.subscribed}. A joined socket is closed (1008) as soon as its access
 * token stops working (natural expiry or {@code expire-access-tokens}), checked every {@value
 * #TOKEN_CHECK_MS} ms. Used on the mock cloud's context only.
 */
final class SimpliSafePushSocket {

  private static final Logger LOG = LoggerFactory.getLogger(SimpliSafePushSocket.class);

  static final String PATH = "/socketlink";
  static final long IDENTIFY_TIMEOUT_MS = 30_000;
  static final long TOKEN_CHECK_MS = 200;

  static final String USER_ID = "simplisafe.userId";
  private static final String TOKEN = "simplisafe.token";

  private final SecureRandom random = new SecureRandom();
  private MockCloudContext ctx;

  void install(MockCloudContext ctx) {
    this.ctx = ctx;
    ctx.webSocket(PATH, this::accepted);
  }

  /**
   * Pushes every event to the joined sockets of its {@code userId}, or to every joined socket when
   * it names none.
   *
   * @return the number of distinct sockets that received at least one event
   */
  int push(List<JsonObject> events) {
    List<Long> users = new java.util.ArrayList<>();
    events.forEach(data -> users.add(SimpliSafeEventHistory.asLong(data.getValue("userId"))));
    return push(events, users);
  }

  /** Like {@link #push(List)}, routing event {@code i} by {@code users.get(i)} (null: all). */
  int push(List<JsonObject> events, List<Long> users) {
    Set<Long> reached = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      JsonObject data = events.get(i);
      Long user = users.get(i);
      JsonObject envelope = eventEnvelope(data);
      for (MockSocket s : ctx.sockets().matching(s -> joinedBy(s, user))) {
        if (s.push(envelope)) {
          reached.add(s.id());
        }
      }
    }
    return reached.size();
  }

  private static boolean joinedBy(MockSocket s, Long user) {
    Long joined = s.attribute(USER_ID);
    return joined != null && (user == null || user.equals(joined));
  }

  private void accepted(MockSocket socket) {
    socket.send(
        envelope("com.simplisafe.service.hello", "service", "ts:" + System.currentTimeMillis())
            .put(
                "data",
                new JsonObject()
                    .put("key", randomKey())
                    .put(
                        "timeouts",
                        new JsonObject().put("heartbeat", 45000).put("inactivity", 30000))));
    long identifyTimer =
        ctx.vertx()
            .setTimer(
                IDENTIFY_TIMEOUT_MS,
                t -> {
                  if (socket.isOpen() && socket.attribute(USER_ID) == null) {
                    socket.close(1008, "identify timeout");
                  }
                });
    socket.closeHandler(v -> ctx.vertx().cancelTimer(identifyTimer));
    socket.textHandler(text -> onText(socket, text));
  }

  private void onText(MockSocket socket, String text) {
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      LOG.debug("[simplisafe-mock#{}] ignoring a frame that is not a JSON object", socket.id());
      return;
    }
    if (socket.attribute(USER_ID) != null) {
      LOG.debug(
          "[simplisafe-mock#{}] ignoring {} after identify", socket.id(), msg.getValue("type"));
      return;
    }
    if (!"com.simplisafe.connection.identify".equals(msg.getValue("type"))) {
      LOG.debug(
          "[simplisafe-mock#{}] ignoring {} before identify", socket.id(), msg.getValue("type"));
      return;
    }
    identify(socket, msg.getValue("data") instanceof JsonObject d ? d : new JsonObject());
  }

  private void identify(MockSocket socket, JsonObject data) {
    JsonObject auth = data.getValue("auth") instanceof JsonObject a ? a : new JsonObject();
    Object token = auth.getValue("token");
    Long user =
        "bearer".equals(auth.getValue("schema")) && token instanceof String t
            ? ctx.tokens().validateAccess(t).map(SimpliSafeEventHistory::asLong).orElse(null)
            : null;
    if (user == null) {
      ctx.stats().increment("identifyRejected");
      reject(socket, "Unauthorized");
      return;
    }
    Object join = data.getValue("join");
    if (!(join instanceof JsonArray ja) || !ja.equals(new JsonArray().add("uid:" + user))) {
      ctx.stats().increment("identifyRejected");
      reject(socket, "Forbidden namespace");
      return;
    }
    socket.attribute(USER_ID, user).attribute(TOKEN, token);
    String id = "ts:" + System.currentTimeMillis();
    socket.send(envelope("com.simplisafe.service.registered", "service", id));
    socket.send(
        envelope("com.simplisafe.namespace.subscribed", "service", id)
            .put("data", new JsonObject().put("namespace", "uid:" + user)));
    socket.handshakeDone();
    watchToken(socket, (String) token);
  }

  /** The real cloud drops a socket whose token expired; checked on a short timer. */
  private void watchToken(MockSocket socket, String token) {
    long timer =
        ctx.vertx()
            .setPeriodic(
                TOKEN_CHECK_MS,
                t -> {
                  if (!socket.isOpen()) {
                    ctx.vertx().cancelTimer(t);
                  } else if (ctx.tokens().validateAccess(token).isEmpty()) {
                    ctx.vertx().cancelTimer(t);
                    ctx.stats().increment("closedOnExpiry");
                    socket.close(1008, "token expired");
                  }
                });
    socket.closeHandler(v -> ctx.vertx().cancelTimer(timer));
  }

  private void reject(MockSocket socket, String message) {
    socket.send(
        envelope("com.simplisafe.service.error", "service", "ts:" + System.currentTimeMillis())
            .put("data", new JsonObject().put("message", message)));
    socket.close(1008, message);
  }

  static JsonObject eventEnvelope(JsonObject data) {
    Long ts = SimpliSafeEventHistory.asLong(data.getValue("eventTimestamp"));
    Instant time = ts == null ? Instant.now() : Instant.ofEpochSecond(ts);
    return new JsonObject()
        .put("data", data)
        .put("datacontenttype", "application/json")
        .put("id", "id:" + data.getValue("eventId"))
        .put("source", "messagequeue")
        .put("specversion", "1.0")
        .put("time", iso(time))
        .put("type", "com.simplisafe.event.standard");
  }

  private static JsonObject envelope(String type, String source, String id) {
    return new JsonObject()
        .put("id", id)
        .put("time", iso(Instant.now()))
        .put("type", type)
        .put("source", source)
        .put("specversion", "1.0")
        .put("datacontenttype", "application/json");
  }

  /** ISO-8601 UTC with exactly three fraction digits, like {@code 2021-09-29T23:14:46.000Z}. */
  static String iso(Instant t) {
    Instant ms = t.truncatedTo(ChronoUnit.MILLIS);
    String s = ms.toString();
    return ms.getNano() == 0 ? s.replace("Z", ".000Z") : s;
  }

  private String randomKey() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}

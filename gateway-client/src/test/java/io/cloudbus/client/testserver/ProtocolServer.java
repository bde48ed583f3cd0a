package io.cloudbus.client.testserver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server speaking the {@code /ws/{resource}} protocol of DESIGN.md exactly (welcome on
 * open, subscribe/unsubscribe/ping, subscribed/event/status/pong/error frames, nothing sent before
 * a subscribe except the welcome, bad frames answered with an error frame and the socket kept
 * open), with recording and a few knobs for tests. Port 0 on 127.0.0.1.
 */
public final class ProtocolServer {

  /** Resources the server accepts: events, status and these vendors. */
  public static final Set<String> VENDORS =
      Set.of("simplisafe", "bticino", "home-assistant", "pylight");

  /** One accepted connection. */
  public static final class Conn {
    public final ServerWebSocket ws;
    public final String resource;
    public final String query;
    public final String authorization;
    public volatile JsonObject filter;
    public final List<String> received = new CopyOnWriteArrayList<>();
    public final List<Buffer> pongs = new CopyOnWriteArrayList<>();
    public volatile Short closeCode;
    public volatile String closeReason;
    public volatile boolean closed;

    Conn(ServerWebSocket ws, String resource, String query, String authorization) {
      this.ws = ws;
      this.resource = resource;
      this.query = query;
      this.authorization = authorization;
    }
  }

  private final Vertx vertx;
  private final HttpServerOptions options;
  private HttpServer server;
  private volatile String requiredToken;
  private volatile int rejectStatus;
  public final List<Conn> connections = new CopyOnWriteArrayList<>();
  public final AtomicInteger handshakes = new AtomicInteger();
  public final List<String> handshakeUris = new CopyOnWriteArrayList<>();

  public ProtocolServer(Vertx vertx) {
    this(vertx, new HttpServerOptions());
  }

  public ProtocolServer(Vertx vertx, HttpServerOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** Requires this token as {@code Authorization: Bearer} or {@code ?token=}; 401 otherwise. */
  public ProtocolServer requireToken(String token) {
    this.requiredToken = token;
    return this;
  }

  /** Rejects every handshake with this HTTP status (0 = accept). */
  public ProtocolServer rejectWith(int status) {
    this.rejectStatus = status;
    return this;
  }

  public Future<ProtocolServer> start() {
    server =
        vertx
            .createHttpServer(options)
            .webSocketHandshakeHandler(this::handshake)
            .webSocketHandler(this::accepted)
            .requestHandler(req -> req.response().setStatusCode(404).end());
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int port() {
    return server.actualPort();
  }

  /** The service base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return (options.isSsl() ? "https" : "http") + "://127.0.0.1:" + port();
  }

  private void handshake(ServerWebSocketHandshake hs) {
    handshakes.incrementAndGet();
    handshakeUris.add(hs.uri());
    if (rejectStatus > 0) {
      hs.reject(rejectStatus);
      return;
    }
    if (!hs.path().startsWith("/ws/")) {
      hs.reject(404);
      return;
    }
    String token = requiredToken;
    if (token != null) {
      String auth = hs.headers().get("Authorization");
      String uri = hs.uri();
      String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
      boolean ok =
          ("Bearer " + token).equals(auth)
              || List.of(query.split("&")).stream()
                  .anyMatch(p -> p.startsWith("token=") && token.equals(decode(p.substring(6))));
      if (!ok) {
        hs.reject(401);
        return;
      }
    }
    hs.accept();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private void accepted(ServerWebSocket ws) {
    String resource = ws.path().substring(4);
    Conn c = new Conn(ws, resource, ws.query(), ws.headers().get("Authorization"));
    connections.add(c);
    if (!resource.equals("events") && !resource.equals("status") && !VENDORS.contains(resource)) {
      // As the real service does: upgrade, explain in an error frame, close with 1008.
      error(c, "unknown_resource", "unknown resource: " + resource);
      ws.close((short) 1008, "unknown resource");
      return;
    }
    ws.pongHandler(c.pongs::add);
    ws.closeHandler(
        v -> {
          c.closeCode = ws.closeStatusCode();
          c.closeReason = ws.closeReason();
          c.closed = true;
        });
    ws.textMessageHandler(text -> onText(c, text));
    ws.writeTextMessage(new JsonObject().put("type", "welcome").encode());
  }

  private void onText(Conn c, String text) {
    c.received.add(text);
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error(c, "bad_frame", "not a JSON object");
      return;
    }
    String action = frame.getValue("action") instanceof String a ? a : null;
    if ("subscribe".equals(action)) {
      Object f = frame.getValue("filter");
      if (f != null && !(f instanceof JsonObject)) {
        error(c, "bad_filter", "filter must be an object");
        return;
      }
      JsonObject filter = f == null ? new JsonObject() : (JsonObject) f;
      for (String key : filter.fieldNames()) {
        if (!Set.of("vendor", "account", "type").contains(key)
            || !(filter.getValue(key) instanceof String)) {
          error(c, "bad_filter", "unknown or non-string filter field " + key);
          return;
        }
      }
      c.filter = filter;
      c.ws.writeTextMessage(
          new JsonObject().put("type", "subscribed").put("filter", filter).encode());
    } else if ("unsubscribe".equals(action)) {
      c.filter = null;
    } else if ("ping".equals(action)) {
      c.ws.writeTextMessage(new JsonObject().put("type", "pong").encode());
    } else {
      error(c, "bad_action", "unknown action " + action);
    }
  }

  private static void error(Conn c, String code, String message) {
    c.ws.writeTextMessage(
        new JsonObject()
            .put("type", "error")
            .put("error", new JsonObject().put("code", code).put("message", message))
            .encode());
  }

  /** Sends a CloudEvent to every subscribed connection whose resource and filter match it. */
  public int publish(JsonObject event) {
    int sent = 0;
    for (Conn c : connections) {
      JsonObject f = c.filter;
      if (c.closed || f == null || c.resource.equals("status")) {
        continue;
      }
      if (!c.resource.equals("events") && !c.resource.equals(event.getString("vendor"))) {
        continue;
      }
      if (!matches(f, event)) {
        continue;
      }
      c.ws.writeTextMessage(
          new JsonObject()
              .put("type", "event")
              .put("resource", c.resource)
              .put("data", event)
              .encode());
      sent++;
    }
    return sent;
  }

  /** Sends a status to every subscribed {@code /ws/status} connection. */
  public int publishStatus(JsonObject status) {
    int sent = 0;
    for (Conn c : connections) {
      if (!c.closed && c.filter != null && c.resource.equals("status")) {
        c.ws.writeTextMessage(new JsonObject().put("type", "status").put("data", status).encode());
        sent++;
      }
    }
    return sent;
  }

  private static boolean matches(JsonObject f, JsonObject e) {
    String v = f.getString("vendor");
    String a = f.getString("account");
    String t = f.getString("type");
    return (v == null || v.equals(e.getString("vendor")))
        && (a == null || a.equals(e.getString("account")))
        && (t == null
            || e.getString("type", "").startsWith(t)
            || (!t.startsWith("io.cloudbus.")
                && e.getString("type", "").startsWith("io.cloudbus." + t)));
  }

  /** The most recent connection, or null. */
  public Conn last() {
    return connections.isEmpty() ? null : connections.get(connections.size() - 1);
  }

  /** A CloudEvent as the service would send it. */
  public static JsonObject cloudEvent(String id, String vendor, String account, String name) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id)
        .put("source", "/cloudbus/" + vendor + "/" + account)
        .put("type", "io.cloudbus." + name)
        .put("subject", "device-1")
        .put("time", "2026-11-21T10:15:30.123Z")
        .put("datacontenttype", "application/json")
        .put("vendor", vendor)
        .put("account", account)
        .put("vendortype", 1400)
        .put("data", new JsonObject().put("zone", 3).put("raw", new JsonObject().put("x", 1.5)));
  }
}

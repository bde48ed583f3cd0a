package io.cloudbus.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Follows a running service's {@code /ws/events}: subscribes with a filter, hands every event to a
 * consumer, and reconnects (500 ms doubling to 5 s) whenever the connection drops or cannot be
 * made, so that it survives a service restart. A refused upgrade with 401 or 403 is fatal (a wrong
 * token does not get better by retrying).
 *
 * <p>Threading: runs on the Vert.x event loop of {@code vertx}; the consumers are called there and
 * must not block. {@link #start()} and {@link #stop()} may be called from any thread.
 */
final class TailClient {

  static final long MIN_RETRY_MS = 500;
  static final long MAX_RETRY_MS = 5_000;

  private final Vertx vertx;
  private final WebSocketClient client;
  private final WebSocketConnectOptions connect;
  private final JsonObject filter;
  private final Consumer<JsonObject> events;
  private final Consumer<String> notices;
  private final Consumer<String> fatal;
  private volatile boolean stopped;
  private volatile WebSocket socket;
  private long retryMs = MIN_RETRY_MS;
  private boolean announcedDown;
  private volatile String since;
  private String lastPosition;
  // what the last subscribe frame resumed from: the journal (true) or the user's --since (false)
  private boolean resumed;

  /**
   * @param url the service's base URL ({@code http(s)://host:port}) or the full {@code ws(s)://}
   *     URL of a {@code /ws/...} resource
   * @param token API token, or null
   * @param filter the subscribe filter ({@code vendor}, {@code account}, {@code type})
   * @param events receives each event (the CloudEvent JSON)
   * @param notices receives connection notices for the user
   * @param fatal receives the reason when following cannot go on
   */
  TailClient(
      Vertx vertx,
      URI url,
      String token,
      JsonObject filter,
      Consumer<JsonObject> events,
      Consumer<String> notices,
      Consumer<String> fatal) {
    this.vertx = vertx;
    this.client =
        vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(5_000));
    this.connect = connectOptions(url, token);
    this.filter = filter;
    this.events = events;
    this.notices = notices;
    this.fatal = fatal;
  }

  /** The {@code ws(s)://} URL being followed (without the token). */
  String target() {
    String where =
        (Boolean.TRUE.equals(connect.isSsl()) ? "wss://" : "ws://")
            + connect.getHost()
            + ":"
            + connect.getPort()
            + connect.getURI();
    return where.replaceAll("token=[^&]*", "token=***");
  }

  static WebSocketConnectOptions connectOptions(URI url, String token) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
    boolean ssl = scheme.equals("https") || scheme.equals("wss");
    if (!scheme.matches("https?|wss?") || url.getHost() == null) {
      throw new IllegalArgumentException("--url must be an absolute http(s) or ws(s) URL");
    }
    int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    if (!path.contains("/ws/")) {
      path = path.replaceAll("/+$", "") + "/ws/events";
    }
    WebSocketConnectOptions o =
        new WebSocketConnectOptions().setHost(url.getHost()).setPort(port).setSsl(ssl);
    if (token != null && !token.isEmpty()) {
      o.addHeader("Authorization", "Bearer " + token);
    }
    return o.setURI(path);
  }

  /**
   * Asks the service to replay from {@code since} (an event id, RFC 3339 time or journal position)
   * in the first subscribe frame; after a reconnect tail resumes from the last journal position it
   * received. Call before {@link #start()}; null: live only.
   */
  TailClient since(String since) {
    this.since = since;
    return this;
  }

  void start() {
    vertx.runOnContext(v -> connect());
  }

  /** Stops following and closes the socket; no reconnect afterwards. */
  void stop() {
    stopped = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.close();
    }
  }

  private void connect() {
    if (stopped) {
      return;
    }
    client
        .connect(connect)
        .onSuccess(this::opened)
        .onFailure(
            err -> {
              if (err instanceof UpgradeRejectedException r
                  && (r.getStatus() == 401 || r.getStatus() == 403)) {
                fatal.accept(
                    "the service refused the connection ("
                        + r.getStatus()
                        + "): check --token and its read role");
                return;
              }
              down("cannot reach " + target() + " (" + describe(err) + ")");
            });
  }

  private void opened(WebSocket ws) {
    if (stopped) {
      ws.close();
      return;
    }
    socket = ws;
    retryMs = MIN_RETRY_MS;
    announcedDown = false;
    notices.accept("connected to " + target());
    ws.textMessageHandler(this::frame);
    ws.exceptionHandler(err -> {});
    ws.closeHandler(v -> down("connection to " + target() + " closed"));
    subscribe(ws, lastPosition != null ? lastPosition : since);
  }

  private void subscribe(WebSocket ws, String from) {
    JsonObject subscribe = new JsonObject().put("action", "subscribe").put("filter", filter);
    resumed = from != null && from.equals(lastPosition);
    if (from != null) {
      subscribe.put("since", from);
    }
    ws.writeTextMessage(subscribe.encode());
  }

  private void frame(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException e) {
      notices.accept("ignored a frame that is not JSON");
      return;
    }
    switch (String.valueOf(frame.getValue("type"))) {
      case "event" -> {
        if (frame.getValue("data") instanceof JsonObject data) {
          if (frame.getValue("position") instanceof String position) {
            lastPosition = position;
          }
          events.accept(data);
        }
      }
      case "replayed" -> notices.accept("replayed " + frame.getValue("count") + " events");
      case "subscribed" -> {
        // the journal's latest position then: a reconnect before any event resumes from it
        if (lastPosition == null && frame.getValue("position") instanceof String position) {
          lastPosition = position;
        }
        notices.accept("subscribed " + frame.getValue("filter", filter));
      }
      case "error" -> error(frame);
      default -> {}
    }
  }

  private void error(JsonObject frame) {
    JsonObject error =
        frame.getValue("error") instanceof JsonObject e ? e : new JsonObject().put("message", "?");
    if (!"bad_since".equals(error.getValue("code"))) {
      notices.accept("service error: " + error);
      return;
    }
    String message = String.valueOf(error.getValue("message"));
    if (!resumed) {
      fatal.accept("the service refused --since: " + message);
      return;
    }
    // the journal no longer knows the last position: it is another one (a fresh journal)
    notices.accept(
        "cannot resume after position "
            + lastPosition
            + " ("
            + message
            + "): the service's journal is another one; following live, events in between are"
            + " not shown");
    lastPosition = null;
    since = null;
    WebSocket ws = socket;
    if (ws != null) {
      subscribe(ws, null);
    }
  }

  private void down(String why) {
    socket = null;
    if (stopped) {
      return;
    }
    if (!announcedDown) {
      notices.accept(why + "; reconnecting");
      announcedDown = true;
    }
    long delay = retryMs;
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    vertx.setTimer(delay, t -> connect());
  }

  private static String describe(Throwable err) {
    return io.cloudbus.core.http.RestClient.describe(err);
  }
}

package io.cloudbus.service.impl;

import io.cloudbus.service.Role;
import io.cloudbus.service.WsConnection;
import io.cloudbus.service.WsHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /ws/{resource}} connection: parses and size-checks client frames, shields the handler
 * (its exceptions become error frames), and writes through a {@link SlowClientGuard}. Pings the
 * client {@value #PINGS_PER_IDLE_TIMEOUT} times per idle timeout, so a quiet client that answers
 * pings is never cut by the HTTP idle timeout; one that has sent nothing for the idle timeout is
 * closed with 1001.
 *
 * <p>Threading: everything runs on the connection's event loop.
 */
final class WsClient implements WsConnection {

  private static final Logger LOG = LoggerFactory.getLogger(WsClient.class);
  private static final long SLOW_CLOSE_GRACE_MS = 2_000;

  /** Pings per idle timeout: two may go unanswered before the timeout could strike. */
  static final int PINGS_PER_IDLE_TIMEOUT = 3;

  private final ServerWebSocket ws;
  private final HttpConnection connection;
  private final Vertx vertx;
  private final String id;
  private final String resource;
  private final Set<Role> roles;
  private final int maxFrameBytes;
  private final GatewayMetrics metrics;
  private final SlowClientGuard guard;
  private final long idleTimeoutMs;
  private long lastHeardNanos = System.nanoTime();
  private long pingTimer = -1;
  private WsHandler handler;
  private volatile WsFilter filter;
  private boolean closed;
  private Replay replay;
  private long liveAfter;
  private Runnable drainWaiter;

  WsClient(
      Vertx vertx,
      HttpConnection connection,
      ServerWebSocket ws,
      String id,
      String resource,
      Set<Role> roles,
      int maxFrameBytes,
      int highWaterMark,
      long idleTimeoutMs,
      GatewayMetrics metrics) {
    this.vertx = vertx;
    this.connection = connection;
    this.ws = ws;
    this.id = id;
    this.resource = resource;
    this.roles = roles;
    this.maxFrameBytes = maxFrameBytes;
    this.metrics = metrics;
    this.idleTimeoutMs = idleTimeoutMs;
    this.guard = new SlowClientGuard(ws, highWaterMark, this::cutSlow, this::drained);
  }

  /** Wires the handlers and sends the welcome. {@code onClosed} runs once after the close. */
  void open(WsHandler handler, Runnable onClosed) {
    this.handler = handler;
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(this::onBinary);
    ws.pongHandler(pong -> heard());
    // the HTTP idle timeout counts traffic either way: pings keep a quiet but healthy client on
    pingTimer = vertx.setPeriodic(Math.max(1, idleTimeoutMs / PINGS_PER_IDLE_TIMEOUT), t -> ping());
    ws.exceptionHandler(e -> LOG.debug("[{}] socket error: {}", id, e.toString()));
    ws.closeHandler(
        v -> {
          closed = true;
          vertx.cancelTimer(pingTimer);
          safely("onDisconnect", () -> handler.onDisconnect(this), false);
          onClosed.run();
          LOG.debug("[{}] closed", id);
        });
    send(new JsonObject().put("type", "welcome").put("resource", resource));
    safely("onConnect", () -> handler.onConnect(this), true);
  }

  /**
   * Pings the client, or closes it (1001) when it has sent nothing, not even a pong, for the idle
   * timeout: its pings would otherwise keep a dead client's connection open for ever.
   */
  private void ping() {
    if (closed || ws.isClosed()) {
      return;
    }
    if (System.nanoTime() - lastHeardNanos > TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs)) {
      LOG.debug("[{}] closing: nothing heard for {} ms", id, idleTimeoutMs);
      ws.close((short) 1001, "idle: no answer to pings");
      return;
    }
    ws.writePing(Buffer.buffer());
  }

  private void heard() {
    lastHeardNanos = System.nanoTime();
  }

  private void onText(String text) {
    heard();
    if (text.length() > maxFrameBytes
        || text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes) {
      badFrame("frame_too_large", "frames are limited to " + maxFrameBytes + " bytes");
      return;
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      badFrame("bad_json", "the frame is not JSON");
      return;
    }
    if (!(parsed instanceof JsonObject message)) {
      badFrame("bad_frame", "a frame must be a JSON object");
      return;
    }
    safely("onMessage", () -> handler.onMessage(this, message), true);
  }

  private void onBinary(Buffer data) {
    heard();
    badFrame("bad_frame", "binary frames are not supported; send JSON text");
  }

  private void safely(String hook, Runnable call, boolean answer) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("[{}] /ws/{} handler {} failed", id, resource, hook, e);
      if (answer) {
        sendError("handler_error", "the handler failed: " + e.getClass().getSimpleName());
      }
    }
  }

  /** Counts a bad client frame and answers it with an error frame; the socket stays open. */
  void badFrame(String code, String message) {
    metrics.badFrame(GatewayMetrics.WS);
    sendError(code, message);
  }

  WsFilter filter() {
    return filter;
  }

  void filter(WsFilter filter) {
    this.filter = filter;
  }

  /** The running replay of this client's subscription, or null when it is live. */
  Replay replay() {
    return replay;
  }

  /**
   * Sets the running replay (null: live); live events at or below {@code liveAfter} are not
   * written: the replay wrote them.
   */
  void replay(Replay replay, long liveAfter) {
    if (this.replay != null && this.replay != replay) {
      this.replay.cancel();
    }
    this.replay = replay;
    this.liveAfter = liveAfter;
  }

  /** The replay wrote everything up to {@code liveAfter}: live events above it are new. */
  void switchedToLive(long liveAfter) {
    this.replay = null;
    this.liveAfter = liveAfter;
  }

  /** Whether a live event at {@code position} is new to this client (-1: no position, new). */
  boolean isNew(long position) {
    return position <= 0 || position > liveAfter;
  }

  boolean isClosed() {
    return closed || ws.isClosed() || guard.tripped();
  }

  /** Whether the connection's write queue is full (a replay then waits, see {@link Replay}). */
  boolean writeQueueFull() {
    return ws.writeQueueFull();
  }

  /** Runs {@code next} once after the next drain of the write queue. */
  void whenDrained(Runnable next) {
    drainWaiter = next;
  }

  private void drained() {
    Runnable next = drainWaiter;
    drainWaiter = null;
    if (next != null) {
      next.run();
    }
  }

  /** Writes a frame of a replay, which does its own flow control (never cut as slow for it). */
  void writeReplayed(String text) {
    if (!isClosed()) {
      ws.writeTextMessage(text);
    }
  }

  /** Writes an already encoded frame; false when dropped (closed or cut as slow). */
  boolean writeEncoded(String text) {
    if (closed || ws.isClosed() || !guard.admit()) {
      return false;
    }
    ws.writeTextMessage(text);
    return true;
  }

  private void cutSlow() {
    metrics.slowClientDropped(GatewayMetrics.WS);
    LOG.info("[{}] disconnected: slow client (write queue stayed full)", id);
    ws.close((short) 1008, "slow client: too many messages queued");
    // the close frame queues behind everything the client did not read: bound the wait
    vertx.setTimer(
        SLOW_CLOSE_GRACE_MS,
        t -> {
          if (!closed) {
            LOG.debug("[{}] aborting the connection", id);
            ConnectionAbort.abort(connection);
          }
        });
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String resource() {
    return resource;
  }

  @Override
  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  @Override
  public Future<Void> send(Object message) {
    String text;
    try {
      text = message instanceof JsonObject j ? j.encode() : Json.encode(message);
    } catch (RuntimeException e) {
      LOG.warn(
          "[{}] cannot encode a {} as JSON", id, message == null ? "null" : message.getClass());
      return Future.failedFuture(new IllegalArgumentException("cannot encode as JSON", e));
    }
    if (closed || ws.isClosed()) {
      return Future.failedFuture(new IllegalStateException("connection closed"));
    }
    if (!guard.admit()) {
      return Future.failedFuture(new IllegalStateException("slow client disconnected"));
    }
    return ws.writeTextMessage(text);
  }

  @Override
  public Future<Void> sendError(String code, String message) {
    return send(
        new JsonObject()
            .put("type", "error")
            .put("error", new JsonObject().put("code", code).put("message", message)));
  }

  @Override
  public void close(short statusCode, String reason) {
    if (!ws.isClosed()) {
      ws.close(statusCode, reason);
    }
  }
}

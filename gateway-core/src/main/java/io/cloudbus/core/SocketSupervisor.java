package io.cloudbus.core;

import io.cloudbus.core.impl.CommandReplies;
import io.cloudbus.core.impl.EventPipeline;
import io.cloudbus.core.impl.Futures;
import io.cloudbus.core.impl.HandlerRegistry;
import io.cloudbus.core.impl.InboundDispatcher;
import io.cloudbus.core.impl.Keepalive;
import io.cloudbus.core.impl.PendingReplies;
import io.cloudbus.core.impl.RestClient;
import io.cloudbus.core.impl.RetryPolicy;
import io.cloudbus.core.impl.SharedWebSocketClients;
import io.cloudbus.core.impl.SocketConnection;
import io.cloudbus.core.impl.SocketStats;
import io.cloudbus.core.impl.StatusTracker;
import io.cloudbus.core.impl.TimerScheduler;
import io.cloudbus.core.impl.TrafficGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind one {@link CloudSocket}: connection attempts, supervision with the {@link
 * RetryPolicy}, the open connection's keepalive, incoming dispatch, outgoing admission (pause,
 * traffic guard), token changes and commands. {@link CloudSocket} keeps the SPI (hooks) and the
 * public API and delegates here, so that each file stays readable; the class is package-private
 * because it calls the socket's protected hooks.
 *
 * <p>Confined to the socket verticle's event-loop context: every method runs there (the socket's
 * public methods hop onto it first). Not thread-safe.
 */
final class SocketSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  private final CloudSocket socket;
  private final CloudSocketOptions options;
  private final AuthHandler auth;
  private final String label;
  private final SocketStats stats;
  private final HandlerRegistry<Void> connectHandlers;
  private final HandlerRegistry<Throwable> disconnectHandlers;
  private final EventPipeline pipeline;
  private final StatusTracker status;
  private final RetryPolicy retry;
  private final TimerScheduler timers;
  private final Clock clock;
  private final SharedWebSocketClients.Lease client;
  private final TrafficGuard guard;
  private final InboundDispatcher inbound;
  private final Context context;

  private SocketConnection conn;
  private PendingReplies replies;
  private Keepalive keepalive;
  private ReplyCorrelation connCorrelation;
  private AccessToken connToken;
  private Promise<Void> attempt;
  private int connectionNumber;
  private boolean everConnected;
  private boolean supervising;
  private boolean stopped;
  private boolean reconnectNow;
  private boolean authRecoveryTried;
  private long retryTimer = -1;
  private long stableTimer = -1;

  /** The parts a supervisor works with; all owned by its {@link CloudSocket}. */
  record Parts(
      CloudSocket socket,
      AuthHandler auth,
      SocketStats stats,
      HandlerRegistry<Void> connectHandlers,
      HandlerRegistry<Throwable> disconnectHandlers,
      EventPipeline pipeline,
      StatusTracker status,
      TimerScheduler timers,
      Clock clock,
      SharedWebSocketClients.Lease client) {}

  SocketSupervisor(Parts parts) {
    this.socket = parts.socket();
    this.options = socket.options();
    this.auth = parts.auth();
    this.label = options.vendor() + "/" + options.account();
    this.stats = parts.stats();
    this.connectHandlers = parts.connectHandlers();
    this.disconnectHandlers = parts.disconnectHandlers();
    this.pipeline = parts.pipeline();
    this.status = parts.status();
    this.retry = new RetryPolicy(options);
    this.timers = parts.timers();
    this.clock = parts.clock();
    this.client = parts.client();
    this.guard =
        new TrafficGuard(
            options.trafficWindowMs(),
            options.trafficWarnPerSec(),
            options.trafficTripPerSec(),
            clock);
    this.inbound = new InboundDispatcher(stats, pipeline, socket::toEvents);
    this.context = Objects.requireNonNull(Vertx.currentContext(), "built off a Vert.x context");
  }

  // ---------------------------------------------------------------- API of the socket

  /** See {@link CloudSocket#runForever(Duration)}. */
  Future<Void> runForever(long incrementMs) {
    if (stopped) {
      LOG.warn("[{}] runForever ignored: the socket is stopped", label);
      return Future.succeededFuture();
    }
    retry.increment(incrementMs);
    if (supervising) {
      return Future.succeededFuture();
    }
    supervising = true;
    LOG.info("[{}] supervision started", label);
    if (attempt == null && (conn == null || !conn.isOpen())) {
      connectAttempt();
    }
    return Future.succeededFuture();
  }

  /** See {@link CloudSocket#disconnect()}. */
  Future<Void> disconnect() {
    supervising = false;
    cancelRetry();
    if (attempt != null) {
      attempt.tryFail(CloudbusException.transientFailure("disconnect requested", null));
    }
    if (conn != null) {
      conn.shutdown(null);
    }
    status.set(ConnectionState.OFFLINE, "disconnected", null, null);
    return Future.succeededFuture();
  }

  /** See {@link CloudSocket#sendMessage(JsonObject)}. */
  Future<JsonObject> sendMessage(JsonObject message) {
    return admit()
        .compose(
            c -> {
              if (connCorrelation == null) {
                return Future.failedFuture(
                    new IllegalStateException(
                        "[" + label + "] this socket has no request/reply correlation"));
              }
              JsonObject copy = message.copy();
              long id = c.nextId();
              connCorrelation.stamp(copy, id);
              Future<JsonObject> reply =
                  replies.register(id, options.replyTimeoutMs(), c.logContext());
              write(c, copy).onFailure(e -> replies.fail(id, e));
              return reply;
            });
  }

  /** See {@link CloudSocket#send(JsonObject)}. */
  Future<Void> send(JsonObject message) {
    return admit().compose(c -> write(c, message));
  }

  /** See {@link CloudSocket#pauseMessages(boolean)}. */
  Future<Void> pause(boolean paused) {
    if (pipeline.pause(paused)) {
      LOG.info("[{}] {}", label, paused ? "paused" : "resumed");
      if (isConnected()) {
        status.set(paused ? ConnectionState.PAUSED : ConnectionState.CONNECTED, null, null, null);
      }
    }
    return Future.succeededFuture();
  }

  /** Whether the current connection correlates requests and replies. */
  boolean correlates() {
    return connCorrelation != null;
  }

  // ---------------------------------------------------------------- connecting

  Future<Void> connectAttempt() {
    if (stopped) {
      return Future.failedFuture(
          CloudbusException.configuration("[" + label + "] socket is stopped"));
    }
    if (isConnected()) {
      return Future.succeededFuture();
    }
    if (attempt != null) {
      return attempt.future();
    }
    cancelRetry();
    Promise<Void> promise = Promise.promise();
    attempt = promise;
    int number = ++connectionNumber;
    String ctx = label + "#" + number;
    status.set(ConnectionState.CONNECTING, null, null, null);
    LOG.info("[{}] connecting", ctx);
    long timeout =
        timers.schedule(
            TimerScheduler.TIMEOUT,
            options.handshakeTimeoutMs(),
            () ->
                promise.tryFail(
                    CloudbusException.transientFailure(
                        "["
                            + ctx
                            + "] connect and handshake did not complete within "
                            + options.handshakeTimeoutMs()
                            + " ms",
                        null)));
    AccessToken[] token = new AccessToken[1];
    SocketConnection[] opened = new SocketConnection[1];
    Future<AccessToken> tokenFuture =
        auth == null ? Future.succeededFuture() : onOwnContext(auth.validToken());
    tokenFuture
        .compose(
            t -> {
              token[0] = t;
              return safe(() -> socket.connectOptions(t));
            })
        .compose(o -> open(o, ctx))
        .compose(
            ws -> {
              if (promise.future().isComplete()) {
                ws.close();
                return Future.failedFuture(promise.future().cause());
              }
              opened[0] = startConnection(ws, number, ctx);
              return safe(() -> socket.handshake(opened[0], token[0]));
            })
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                promise.tryComplete();
              } else {
                promise.tryFail(ar.cause());
              }
            });
    return promise
        .future()
        .transform(
            ar -> {
              timers.cancel(timeout);
              if (attempt == promise) {
                attempt = null;
              }
              SocketConnection c = opened[0];
              if (ar.succeeded() && c != null && c.isOpen() && c == conn) {
                return onConnected(c, token[0]);
              }
              Throwable cause =
                  ar.failed()
                      ? ar.cause()
                      : CloudbusException.transientFailure(
                          "[" + ctx + "] closed during handshake", null);
              if (c != null && c == conn) {
                conn = null;
                replies.failAll(cause);
                c.shutdown(cause);
              }
              if (stopped) {
                // Abandoned by stop(): not a failure of the vendor or of the configuration.
                LOG.debug("[{}] connection attempt abandoned: socket stopped", ctx);
                return Future.failedFuture(cause);
              }
              stats.connectFailures.incrementAndGet();
              LOG.warn(
                  "[{}] connection attempt failed ({}): {}",
                  ctx,
                  CloudbusException.classify(cause),
                  cause.getMessage());
              handleFailure(cause, token[0]);
              return Future.failedFuture(cause);
            });
  }

  private Future<WebSocket> open(WebSocketConnectOptions o, String ctx) {
    LOG.debug("[{}] opening {}", ctx, RestClient.redact(o.getURI()));
    return client
        .connect(o)
        .recover(
            err -> {
              if (err instanceof UpgradeRejectedException u) {
                int code = u.getStatus();
                FailureClass fc = socket.classifyUpgradeStatus(code);
                Duration retryAfter =
                    RestClient.retryAfter(
                        u.getHeaders() == null ? null : u.getHeaders().get("Retry-After"), clock);
                return Future.failedFuture(
                    new CloudbusException(
                        fc,
                        "[" + ctx + "] WebSocket upgrade refused with HTTP " + code,
                        u,
                        retryAfter));
              }
              return Future.failedFuture(
                  CloudbusException.transientFailure(
                      "[" + ctx + "] cannot open the WebSocket: " + RestClient.describe(err), err));
            });
  }

  private SocketConnection startConnection(WebSocket ws, int number, String ctx) {
    SocketConnection c =
        new SocketConnection(ws, number, ctx, options.maxFrameBytes(), timers, new Events());
    conn = c;
    replies = new PendingReplies(timers);
    connCorrelation = correlationSafely(ctx);
    c.bind(connCorrelation, replies);
    c.start();
    return c;
  }

  private Future<Void> onConnected(SocketConnection c, AccessToken token) {
    connToken = token;
    authRecoveryTried = false;
    retry.connected();
    stats.connections.incrementAndGet();
    if (everConnected) {
      stats.reconnects.incrementAndGet();
    }
    everConnected = true;
    guard.reset();
    KeepalivePolicy policy = keepalivePolicySafely(c.logContext());
    keepalive =
        new Keepalive(
            policy, timers, new KeepaliveLink(c, policy), () -> System.nanoTime() / 1_000_000);
    keepalive.start();
    stableTimer =
        timers.schedule(
            TimerScheduler.STABLE,
            options.stableAfterMs(),
            () -> {
              if (conn == c && c.isOpen()) {
                LOG.debug("[{}] connection stable; backoff reset", c.logContext());
                retry.connectionStable();
              }
            });
    status.set(
        pipeline.paused() ? ConnectionState.PAUSED : ConnectionState.CONNECTED, null, null, null);
    LOG.info("[{}] connected", c.logContext());
    for (JsonObject held : c.markReady()) {
      inbound.dispatch(c, held);
    }
    return connectHandlers.fire(null, LOG, c.logContext()).compose(v -> catchUp(c, token));
  }

  private Future<Void> catchUp(SocketConnection c, AccessToken token) {
    return safe(() -> socket.recentEvents(token))
        .transform(
            ar -> {
              if (ar.failed()) {
                LOG.warn("[{}] catch-up failed: {}", c.logContext(), ar.cause().getMessage());
                return Future.succeededFuture();
              }
              List<CloudbusEvent> recent =
                  new ArrayList<>(ar.result() == null ? List.of() : ar.result());
              recent.sort(Comparator.comparing(CloudbusEvent::time));
              stats.catchUpEvents.addAndGet(recent.size());
              LOG.debug("[{}] catch-up: {} recent events", c.logContext(), recent.size());
              recent.forEach(pipeline::deliver);
              return pipeline.drained();
            });
  }

  // ---------------------------------------------------------------- failures and supervision

  private void handleFailure(Throwable cause, AccessToken token) {
    FailureClass fc = CloudbusException.classify(cause);
    String reason = cause.getMessage();
    if (stopped) {
      return;
    }
    if (fc == FailureClass.CONFIGURATION) {
      LOG.error("[{}] configuration error, stopping: {}", label, reason);
      stopSocket(reason);
      return;
    }
    if (!supervising) {
      status.set(
          fc == FailureClass.AUTH ? ConnectionState.AUTH_FAILED : ConnectionState.OFFLINE,
          reason,
          null,
          null);
      return;
    }
    if (fc == FailureClass.AUTH && auth != null && token != null && !authRecoveryTried) {
      // One refresh (or re-login) before giving up: the token may just have expired early.
      authRecoveryTried = true;
      LOG.info("[{}] token refused; refreshing once before retrying", label);
      onOwnContext(auth.tokenRejected(token))
          .onComplete(
              ar -> {
                if (!supervising || stopped) {
                  return;
                }
                if (ar.succeeded()) {
                  connectAttempt();
                } else {
                  handleFailure(ar.cause(), null);
                }
              });
      return;
    }
    // The slow auth_failed retry gets its own one refresh again.
    authRecoveryTried = false;
    RetryPolicy.Decision d = retry.onFailure(cause);
    LOG.info("[{}] {}: next try in {} ms: {}", label, d.failureClass(), d.delayMs(), reason);
    status.set(d.state(), reason, d.attempt(), d.delayMs());
    scheduleRetry(d.delayMs());
  }

  private void scheduleRetry(long delayMs) {
    cancelRetry();
    retryTimer =
        timers.schedule(
            TimerScheduler.RECONNECT,
            delayMs,
            () -> {
              retryTimer = -1;
              if (supervising && !stopped) {
                connectAttempt();
              }
            });
  }

  private void cancelRetry() {
    if (retryTimer >= 0) {
      timers.cancel(retryTimer);
      retryTimer = -1;
    }
  }

  /** Stops for good (traffic guard, configuration error, undeploy): state {@code stopped}. */
  void stopSocket(String reason) {
    if (stopped) {
      return;
    }
    stopped = true;
    supervising = false;
    cancelRetry();
    if (attempt != null) {
      attempt.tryFail(CloudbusException.configuration("[" + label + "] stopped: " + reason));
    }
    if (conn != null) {
      conn.shutdown(null);
    }
    status.set(ConnectionState.STOPPED, reason, null, null);
    LOG.info("[{}] stopped: {}", label, reason);
  }

  /** A connected socket's connection went away (server close, dead link, our own close). */
  private void onConnectionClosed(SocketConnection c, Throwable cause) {
    if (c != conn) {
      return;
    }
    if (!c.isReady()) {
      // Still in the handshake: the attempt reports the failure.
      if (attempt != null) {
        attempt.tryFail(
            cause != null
                ? cause
                : CloudbusException.transientFailure("[" + c.logContext() + "] closed", null));
      }
      return;
    }
    conn = null;
    if (keepalive != null) {
      keepalive.stop();
      keepalive = null;
    }
    if (stableTimer >= 0) {
      timers.cancel(stableTimer);
      stableTimer = -1;
    }
    replies.failAll(
        CloudbusException.transientFailure(
            "[" + c.logContext() + "] connection closed before the reply", cause));
    LOG.info(
        "[{}] disconnected after {} ms{}",
        c.logContext(),
        c.ageMs(),
        cause == null ? "" : ": " + cause.getMessage());
    disconnectHandlers.fire(cause, LOG, c.logContext());
    if (stopped) {
      return;
    }
    if (reconnectNow && supervising) {
      reconnectNow = false;
      connectAttempt();
    } else if (supervising) {
      handleFailure(
          cause != null ? cause : CloudbusException.transientFailure("connection closed", null),
          connToken);
    } else {
      status.set(
          ConnectionState.OFFLINE, cause == null ? "disconnected" : cause.getMessage(), null, null);
    }
  }

  void onTokenChanged(AccessToken fresh) {
    SocketConnection c = conn;
    if (c == null || !c.isOpen() || !c.isReady() || stopped) {
      return;
    }
    if (connToken != null && connToken.accessToken().equals(fresh.accessToken())) {
      return;
    }
    stats.tokenRefreshes.incrementAndGet();
    safe(() -> socket.refreshOnSocket(c, fresh))
        .onComplete(
            ar -> {
              if (c != conn || !c.isOpen()) {
                return;
              }
              if (ar.succeeded() && Boolean.TRUE.equals(ar.result())) {
                connToken = fresh;
                LOG.info("[{}] re-authenticated on the open socket", c.logContext());
              } else {
                if (ar.failed()) {
                  LOG.warn(
                      "[{}] re-authentication on the socket failed: {}",
                      c.logContext(),
                      ar.cause().getMessage());
                }
                LOG.info("[{}] reconnecting with the refreshed token", c.logContext());
                reconnectNow = true;
                c.shutdown(null);
              }
            });
  }

  // ---------------------------------------------------------------- outgoing

  private Future<SocketConnection> admit() {
    if (stopped) {
      return Future.failedFuture(new IllegalStateException("[" + label + "] socket is stopped"));
    }
    SocketConnection c = conn;
    if (c == null || !c.isOpen() || !c.isReady()) {
      return Future.failedFuture(
          CloudbusException.transientFailure(
              "[" + label + "] not connected (state " + status.state().wireName() + ")", null));
    }
    if (pipeline.paused()) {
      return Future.failedFuture(
          CloudbusException.transientFailure(
              "[" + label + "] paused: outgoing messages are refused until resumed", null));
    }
    return checkTraffic(c).map(c);
  }

  private Future<Void> checkTraffic(SocketConnection c) {
    TrafficGuard.Verdict verdict = guard.record();
    if (verdict == TrafficGuard.Verdict.TRIP) {
      String reason =
          String.format(
              "traffic guard tripped: %.0f messages/s averaged over %d ms (limit %d)",
              guard.ratePerSec(), guard.windowMs(), guard.tripPerSec());
      LOG.error("[{}] {}", c.logContext(), reason);
      stopSocket(reason);
      return Future.failedFuture(new IllegalStateException("[" + label + "] " + reason));
    }
    if (verdict == TrafficGuard.Verdict.WARN && guard.warnDue()) {
      LOG.warn(
          "[{}] outgoing traffic high: {} messages/s averaged over {} ms (warn {}, trip {})",
          c.logContext(),
          String.format("%.0f", guard.ratePerSec()),
          guard.windowMs(),
          guard.warnPerSec(),
          guard.tripPerSec());
    }
    return Future.succeededFuture();
  }

  private Future<Void> write(SocketConnection c, JsonObject message) {
    stats.messagesOut.incrementAndGet();
    LOG.debug("[{}] sending a message", c.logContext());
    return c.write(message);
  }

  // ---------------------------------------------------------------- commands

  void onCommand(Message<Object> message) {
    if (!(message.body() instanceof JsonObject command)) {
      message.fail(CommandReplies.BAD_REQUEST, "a command must be a JSON object");
      return;
    }
    safe(() -> socket.handleCommand(command))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                message.reply(ar.result() == null ? new JsonObject() : ar.result());
              } else {
                message.fail(
                    CommandReplies.failureCode(ar.cause()),
                    String.valueOf(ar.cause().getMessage()));
              }
            });
  }

  // ---------------------------------------------------------------- state

  boolean isConnected() {
    return conn != null && conn.isOpen() && conn.isReady();
  }

  private ReplyCorrelation correlationSafely(String ctx) {
    try {
      return socket.correlation();
    } catch (RuntimeException e) {
      LOG.warn("[{}] correlation() failed: {}", ctx, e.toString());
      return null;
    }
  }

  private KeepalivePolicy keepalivePolicySafely(String ctx) {
    try {
      KeepalivePolicy p = socket.keepalive();
      return p != null ? p : KeepalivePolicy.none();
    } catch (RuntimeException e) {
      LOG.warn("[{}] keepalive() failed: {}", ctx, e.toString());
      return KeepalivePolicy.none();
    }
  }

  private final class Events implements SocketConnection.Listener {
    @Override
    public void onInbound(SocketConnection c) {
      if (keepalive != null && c == conn) {
        keepalive.inbound();
      }
    }

    @Override
    public void onText(SocketConnection c, String text) {
      inbound.onText(c, text);
    }

    @Override
    public void onBadFrame(SocketConnection c, String reason) {
      inbound.badFrame(c, reason);
    }

    @Override
    public void onClosed(SocketConnection c, Throwable cause) {
      onConnectionClosed(c, cause);
    }

    @Override
    public Future<Void> beforeSend(SocketConnection c) {
      stats.messagesOut.incrementAndGet();
      return checkTraffic(c);
    }
  }

  /** Keepalive actions on one connection. */
  private final class KeepaliveLink implements Keepalive.Link {
    private final SocketConnection c;
    private final KeepalivePolicy policy;

    KeepaliveLink(SocketConnection c, KeepalivePolicy policy) {
      this.c = c;
      this.policy = policy;
    }

    @Override
    public Future<Void> ping() {
      return c.ping();
    }

    @Override
    public Future<Void> appPing() {
      JsonObject ping = policy.appPing().get().copy();
      ReplyCorrelation corr = connCorrelation;
      if (corr != null) {
        corr.stamp(ping, c.nextId());
      }
      // The pong is awaited by the vendor's predicate (waiters see messages before reply
      // correlation), registered before the write so that a fast answer cannot slip past.
      Future<JsonObject> pong =
          c.awaitMessage(policy.appPong(), Duration.ofMillis(policy.appPingTimeoutMs()));
      c.write(ping);
      return pong.mapEmpty();
    }

    @Override
    public void dead(String reason) {
      LOG.warn("[{}] dead link: {}", c.logContext(), reason);
      c.shutdown(
          CloudbusException.transientFailure(
              "[" + c.logContext() + "] dead link: " + reason, null));
    }
  }

  private <T> Future<T> safe(Supplier<Future<T>> action) {
    return onOwnContext(Futures.safe(action));
  }

  /** Continues on the socket's own context, where the supervisor's state is confined. */
  private <T> Future<T> onOwnContext(Future<T> future) {
    return Futures.continueOn(context, future);
  }
}

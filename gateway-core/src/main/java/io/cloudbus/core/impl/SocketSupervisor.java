package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.ReplyCorrelation;
import io.cloudbus.core.StatusCode;
import io.cloudbus.core.util.Futures;
import io.cloudbus.core.util.RepeatedFailures;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind one {@link CloudSocket}: connection attempts, the open connection's keepalive,
 * incoming dispatch, token changes and the socket's state. {@link CloudSocket} keeps the SPI
 * (hooks) and the public API and delegates here; the supervisor reaches the hooks through {@link
 * SocketHooks} and delegates in turn the I/O of one attempt to {@link ConnectAttempt}, what happens
 * after a failure to {@link FailureHandler} (with the {@link RetryPolicy}), outgoing admission
 * (pause, traffic guard, request ids) to {@link OutboundGate}, keepalive actions to {@link
 * KeepaliveLink} and guarded hook calls and commands to {@link SafeHooks}.
 *
 * <p>Confined to the socket verticle's event-loop context: it must be built there, and every method
 * must be called there (the socket's public methods hop onto it first). Not thread-safe.
 */
public final class SocketSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  private final SocketHooks socket;
  private final CloudSocketOptions options;
  private final String label;
  private final SocketStats stats;
  private final HandlerRegistry<Void> connectHandlers;
  private final HandlerRegistry<Throwable> disconnectHandlers;
  private final EventPipeline pipeline;
  private final StatusTracker status;
  private final FailureHandler failures;
  private final TimerScheduler timers;
  private final OutboundGate gate;
  private final InboundDispatcher inbound;
  private final Context context;
  private final SafeHooks hooks;
  private final CommandDispatcher commands;
  private final ConnectAttempt.Env env;
  final CatchUp catchUp; // SocketRuntime.ready() loads its journal reference
  private final TokenRefresh tokenRefresh;

  private SocketConnection conn;
  private PendingReplies replies;
  private Keepalive keepalive;
  private ReplyCorrelation connCorrelation;
  private AccessToken connToken;
  private ConnectAttempt attempt;
  private int connectionNumber;
  private boolean everConnected;
  private boolean supervising;
  private boolean stopped;
  private boolean reconnectNow;
  private boolean coolingDown;
  private long stableTimer = -1;
  // made at the first failed attempt, dropped when connected (idle sockets hold no state for it)
  private RepeatedFailures repeatedFailures;

  /** Builds the engine on the current (the socket's) context; starts nothing. */
  public SocketSupervisor(SocketParts parts, SharedWebSocketClients.Lease client) {
    this.socket = parts.hooks();
    this.options = parts.options();
    AuthHandler auth = parts.auth();
    this.label = options.label();
    this.stats = parts.stats();
    this.connectHandlers = parts.connectHandlers();
    this.disconnectHandlers = parts.disconnectHandlers();
    this.pipeline = parts.pipeline();
    this.status = parts.status();
    this.timers = parts.timers();
    Clock clock = parts.clock();
    this.gate = new OutboundGate(options, stats, pipeline, status, clock, this::trafficTripped);
    this.inbound = new InboundDispatcher(stats, pipeline, socket::toEvents);
    this.context = Objects.requireNonNull(Vertx.currentContext(), "built off a Vert.x context");
    this.hooks = new SafeHooks(socket, context);
    this.commands = new CommandDispatcher(options, hooks, this::publish, status::state);
    this.failures = new FailureHandler(options, auth, status, timers, context, new FailureHost());
    this.env = new ConnectAttempt.Env(options, auth, socket, hooks, timers, clock, client, context);
    this.catchUp = new CatchUp(parts, socket, context);
    this.tokenRefresh = new TokenRefresh(socket, stats, context);
  }

  // ---------------------------------------------------------------- API of the socket

  /** See {@link CloudSocket#runForever(Duration)}. */
  public Future<Void> runForever(long incrementMs) {
    if (stopped) {
      LOG.warn("[{}] runForever ignored: the socket is stopped", label);
      return Future.succeededFuture();
    }
    failures.increment(incrementMs);
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
  public Future<Void> disconnect() {
    supervising = false;
    coolingDown = false;
    failures.cancel();
    if (attempt != null) {
      attempt.fail(CloudbusException.transientFailure("disconnect requested", null));
    }
    if (conn != null) {
      conn.shutdown(null);
    }
    status.set(
        ConnectionState.OFFLINE,
        null,
        StatusCode.DISCONNECTED_BY_REQUEST,
        "disconnected",
        null,
        null);
    return Future.succeededFuture();
  }

  /** See {@link CloudSocket#sendMessage(JsonObject)}. */
  public Future<JsonObject> sendMessage(JsonObject message) {
    return gate.admit(conn, stopped)
        .compose(c -> gate.request(c, connCorrelation, replies, message, options.replyTimeoutMs()));
  }

  /** See {@link CloudSocket#send(JsonObject)}. */
  public Future<Void> send(JsonObject message) {
    return gate.admit(conn, stopped).compose(c -> gate.write(c, message));
  }

  /** See {@link CloudSocket#pauseMessages(boolean)}. */
  public Future<Void> pause(boolean paused) {
    if (pipeline.pause(paused)) {
      LOG.info("[{}] {}", label, paused ? "paused" : "resumed");
      if (isConnected()) {
        status.set(paused ? ConnectionState.PAUSED : ConnectionState.CONNECTED, null, null, null);
      }
    }
    return Future.succeededFuture();
  }

  /**
   * See {@code CloudSocket#publish(List)}: hands {@code events} (in order, nulls skipped) to the
   * pipeline; fails with an {@link IllegalStateException} once the socket stopped.
   */
  public Future<Void> publish(List<CloudbusEvent> events) {
    if (stopped) {
      return Future.failedFuture(
          new IllegalStateException(
              "[" + label + "] socket is stopped: " + events.size() + " events not published"));
    }
    events.forEach(pipeline::deliver);
    return pipeline.drained();
  }

  /** Whether the current connection correlates requests and replies. */
  public boolean correlates() {
    return connCorrelation != null;
  }

  // ---------------------------------------------------------------- connecting

  public Future<Void> connectAttempt() {
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
    failures.cancel();
    coolingDown = false;
    int number = ++connectionNumber;
    ConnectAttempt a = new ConnectAttempt(env, label + "#" + number);
    attempt = a;
    status.set(ConnectionState.CONNECTING, null, null, null);
    LOG.info("[{}] connecting", a.logContext());
    return a.run(ws -> startConnection(ws, number, a.logContext()))
        .transform(ar -> attemptEnded(a, ar));
  }

  /** Decides what a completed attempt means: connected, a retry per failure class, or nothing. */
  private Future<Void> attemptEnded(ConnectAttempt a, AsyncResult<Void> ar) {
    if (attempt == a) {
      attempt = null;
    }
    SocketConnection c = a.opened();
    if (ar.succeeded() && c != null && c.isOpen() && c == conn) {
      return onConnected(c, a.token());
    }
    Throwable cause =
        ar.failed()
            ? ar.cause()
            : CloudbusException.transientFailure(
                "[" + a.logContext() + "] closed during handshake", null);
    if (c != null && c == conn) {
      conn = null;
      replies.failAll(cause);
      c.shutdown(cause);
    }
    if (stopped) {
      // Abandoned by stop(): not a failure of the vendor or of the configuration.
      LOG.debug("[{}] connection attempt abandoned: socket stopped", a.logContext());
      return Future.failedFuture(cause);
    }
    if (coolingDown) {
      // the traffic guard tripped during the handshake: its cool-down timer is set
      return Future.failedFuture(cause);
    }
    stats.connectFailures.incrementAndGet();
    logFailedAttempt(a.logContext(), cause);
    failures.onFailure(cause, a.token());
    return Future.failedFuture(cause);
  }

  /** Warns of a failed attempt, but of the same failure again only once a minute. */
  private void logFailedAttempt(String ctx, Throwable cause) {
    FailureClass fc = CloudbusException.classify(cause);
    String message = String.valueOf(cause.getMessage());
    if (repeatedFailures == null) {
      repeatedFailures = new RepeatedFailures(System::nanoTime);
    }
    // the same failure of attempts #3 and #4 differs only by the attempt's number
    repeatedFailures.log(
        LOG,
        fc + " " + message.replace(ctx, label),
        "[" + ctx + "] connection attempt failed (" + fc + "): " + message);
  }

  private SocketConnection startConnection(WebSocket ws, int number, String ctx) {
    SocketConnection c =
        new SocketConnection(ws, number, ctx, options.maxFrameBytes(), timers, new Events());
    conn = c;
    // a new connection starts with an empty traffic window, handshake messages included (after
    // a cool-down shortened by a test, the old window would trip the guard again at once)
    gate.reset();
    replies = new PendingReplies(timers);
    connCorrelation = hooks.correlation(ctx);
    c.bind(connCorrelation, replies);
    c.start();
    return c;
  }

  private Future<Void> onConnected(SocketConnection c, AccessToken token) {
    connToken = token;
    repeatedFailures = null;
    failures.connected();
    stats.connections.incrementAndGet();
    if (everConnected) {
      stats.reconnects.incrementAndGet();
    }
    everConnected = true;
    KeepalivePolicy policy = hooks.keepalive(c.logContext());
    keepalive =
        new Keepalive(
            policy,
            timers,
            new KeepaliveLink(c, policy, connCorrelation),
            () -> System.nanoTime() / 1_000_000);
    keepalive.start();
    stableTimer =
        timers.schedule(
            TimerScheduler.STABLE,
            options.stableAfterMs(),
            () -> {
              if (conn == c && c.isOpen()) {
                LOG.debug("[{}] connection stable; backoff reset", c.logContext());
                failures.stable();
              }
            });
    ConnectionState up = pipeline.paused() ? ConnectionState.PAUSED : ConnectionState.CONNECTED;
    status.set(up, catchUp.atConnect());
    LOG.info("[{}] connected", c.logContext());
    for (JsonObject held : c.markReady()) {
      inbound.dispatch(c, held);
    }
    pipeline.flow().attach(c::holdReading);
    return connectHandlers
        .fire(null, LOG, c.logContext())
        .compose(v -> catchUp.run(c.logContext(), token, () -> conn == c && c.isOpen()));
  }

  // ---------------------------------------------------------------- failures and supervision

  /**
   * The traffic guard tripped (runaway code): the connection is closed and the next attempt waits
   * {@code trafficCooldownMs}, so the vendor sees silence instead of a flood, and the account comes
   * back by itself.
   */
  private void trafficTripped(String reason) {
    if (stopped) {
      return;
    }
    coolingDown = true;
    failures.coolDown(reason, options.trafficCooldownMs());
    if (conn != null) {
      conn.shutdown(null);
    }
  }

  /** Stops for good on request (undeploy): state {@code stopped}, {@code stopped_by_request}. */
  public void stopSocket(String reason) {
    stopSocket(null, StatusCode.STOPPED_BY_REQUEST, reason);
  }

  /**
   * Stops for good: state {@code stopped}.
   *
   * @param failureClass null when stopped on request, else the failure that stopped it
   */
  public void stopSocket(FailureClass failureClass, StatusCode code, String reason) {
    if (stopped) {
      return;
    }
    stopped = true;
    supervising = false;
    failures.cancel();
    if (attempt != null) {
      attempt.fail(CloudbusException.configuration("[" + label + "] stopped: " + reason));
    }
    if (conn != null) {
      conn.shutdown(null);
    }
    status.set(ConnectionState.STOPPED, failureClass, code, reason, null, null);
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
        attempt.fail(
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
    if (stopped || coolingDown) {
      // the cool-down timer (or nothing, once stopped) decides the next attempt
      return;
    }
    if (reconnectNow && supervising) {
      reconnectNow = false;
      connectAttempt();
    } else if (supervising) {
      failures.onFailure(ConnectFailures.lost(cause), connToken);
    } else {
      status.set(
          ConnectionState.OFFLINE,
          FailureClass.TRANSIENT,
          StatusCode.CONNECTION_LOST,
          cause == null ? "disconnected" : cause.getMessage(),
          null,
          null);
    }
  }

  public void onTokenChanged(AccessToken fresh) {
    SocketConnection c = conn;
    if (c == null || !c.isOpen() || !c.isReady() || stopped) {
      return;
    }
    if (connToken != null && connToken.accessToken().equals(fresh.accessToken())) {
      return;
    }
    tokenRefresh
        .onSocket(c, fresh)
        .onSuccess(
            onSocket -> {
              if (c != conn || !c.isOpen()) {
                return;
              }
              if (onSocket) {
                connToken = fresh;
                LOG.info("[{}] re-authenticated on the open socket", c.logContext());
              } else {
                LOG.info("[{}] reconnecting with the refreshed token", c.logContext());
                reconnectNow = true;
                c.shutdown(null);
              }
            });
  }

  public void onCommand(Message<Object> message) {
    commands.handle(message);
  }

  // ---------------------------------------------------------------- state

  /** Whether the socket stopped for good (undeploy or configuration error). */
  public boolean isStopped() {
    return stopped;
  }

  public boolean isConnected() {
    return conn != null && conn.isOpen() && conn.isReady();
  }

  private final class FailureHost implements FailureHandler.Host {
    @Override
    public boolean stopped() {
      return stopped;
    }

    @Override
    public boolean supervising() {
      return supervising;
    }

    @Override
    public void stop(FailureClass failureClass, StatusCode code, String reason) {
      stopSocket(failureClass, code, reason);
    }

    @Override
    public void connect() {
      connectAttempt();
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
      return gate.checkTraffic(c);
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

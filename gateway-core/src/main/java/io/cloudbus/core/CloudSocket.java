package io.cloudbus.core;

import io.cloudbus.core.impl.CommandReplies;
import io.cloudbus.core.impl.EventPipeline;
import io.cloudbus.core.impl.EventPublisher;
import io.cloudbus.core.impl.HandlerRegistry;
import io.cloudbus.core.impl.JsonFrames;
import io.cloudbus.core.impl.Keepalive;
import io.cloudbus.core.impl.PendingReplies;
import io.cloudbus.core.impl.RestClient;
import io.cloudbus.core.impl.RetryPolicy;
import io.cloudbus.core.impl.SocketConnection;
import io.cloudbus.core.impl.SocketStats;
import io.cloudbus.core.impl.StatusTracker;
import io.cloudbus.core.impl.TimerScheduler;
import io.cloudbus.core.impl.TrafficGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An abstract verticle that keeps one account's vendor push socket alive and turns every vendor
 * push into a {@link CloudbusEvent} on the event bus.
 *
 * <p>Vendor subclasses implement the hooks only: {@link #connectOptions}, {@link #handshake},
 * {@link #toEvents}, and optionally {@link #keepalive()}, {@link #recentEvents}, {@link
 * #refreshOnSocket}, {@link #correlation()}, {@link #classifyUpgradeStatus(int)}, {@link
 * #handleCommand}, {@link #doStart()} and {@link #doStop()}. The base owns lifecycle, supervision
 * with backoff, keepalive, state, dedup, pause, traffic guard and publishing (docs/architecture.md
 * describes the policies).
 *
 * <p>Lifecycle (template method): {@link #start()} is final; it prepares the runtime, runs {@link
 * #doStart()} and then {@link #runForever(Duration)}, so deploying the verticle means "connected
 * and supervised" (deployment does not wait for the first connection). {@link #stop()} is final; it
 * closes the socket (state {@code stopped}) and then runs {@link #doStop()}.
 *
 * <p>Threading: everything runs on the verticle's event-loop context; public methods may be called
 * from any thread and hop onto it. Hooks are called on that context and must not block.
 *
 * <p>Outgoing messages while paused: {@link #send} and {@link #sendMessage} fail fast with a {@code
 * TRANSIENT} {@link CloudbusException} ("paused"); only keepalive traffic goes out. Nothing is
 * queued, so a caller never sees a stale command executed long after it gave up.
 */
public abstract class CloudSocket extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  private final CloudSocketOptions options;
  private final AuthHandler auth;
  private final String label;
  private final SocketStats stats = new SocketStats();
  private final HandlerRegistry<Void> connectHandlers = new HandlerRegistry<>("connect");
  private final HandlerRegistry<Throwable> disconnectHandlers = new HandlerRegistry<>("disconnect");
  private final HandlerRegistry<CloudbusEvent> eventHandlers = new HandlerRegistry<>("event");
  private final EventPipeline pipeline;
  private final StatusTracker status;
  private final RetryPolicy retry;

  // Injectable before deployment (tests, clusters).
  private TimerScheduler timers;
  private Clock clock = Clock.systemUTC();
  private EventDeduplicator dedup;
  private boolean deployed;

  // Runtime, confined to the verticle context.
  private WebSocketClient client;
  private TrafficGuard guard;
  private MessageConsumer<Object> commands;
  private Registration tokenRegistration;
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

  /**
   * @param options vendor-independent settings (vendor and account names among them)
   * @param auth the account's auth handler, or null for a socket without authentication
   */
  protected CloudSocket(CloudSocketOptions options, AuthHandler auth) {
    this.options = Objects.requireNonNull(options, "options");
    this.auth = auth;
    this.label = options.vendor() + "/" + options.account();
    this.pipeline = new EventPipeline(label, stats, eventHandlers, options.pauseBufferSize());
    this.status = new StatusTracker(options.vendor(), options.account());
    this.retry = new RetryPolicy(options);
  }

  public final CloudSocketOptions options() {
    return options;
  }

  /** The auth handler, or null when the socket has none. */
  protected final AuthHandler auth() {
    return auth;
  }

  // ---------------------------------------------------------------- vendor hooks

  /** Where and how to open the WebSocket; {@code token} is null when the socket has no auth. */
  protected abstract Future<WebSocketConnectOptions> connectOptions(AccessToken token);

  /**
   * Authenticates and subscribes on a freshly opened socket (send identify/subscribe, await the
   * ack). Completes when pushes flow; the socket then counts as {@code connected}. A failure should
   * be a {@link CloudbusException} so that the right retry policy applies. Messages the server sent
   * before the hook asked for them are kept for {@link SocketSession#awaitMessage}; those the hook
   * never takes go to {@link #toEvents} after the handshake.
   */
  protected abstract Future<Void> handshake(SocketSession session, AccessToken token);

  /**
   * Maps one received message (after the handshake, replies and keepalive excluded) to zero or more
   * events. Must not block. An exception is logged, counted as a bad frame, and the socket stays
   * up. A JSON array frame is split by the base into its messages.
   */
  protected abstract List<CloudbusEvent> toEvents(JsonObject message);

  /** The vendor's keepalive, asked once per connection; default {@link KeepalivePolicy#none()}. */
  protected KeepalivePolicy keepalive() {
    return KeepalivePolicy.none();
  }

  /**
   * Recent events from the vendor's history endpoint, asked after every (re)connect; they go
   * through the same dedup as pushes and are published oldest first. Default: none. A failure is
   * logged and does not drop the connection.
   */
  protected Future<List<CloudbusEvent>> recentEvents(AccessToken token) {
    return Future.succeededFuture(List.of());
  }

  /**
   * Called when the auth handler produced a fresh token while connected. Return {@code true} after
   * re-authenticating on the same socket (e.g. BTicino resubscribe); {@code false} (the default)
   * makes the base reconnect with the fresh token.
   */
  protected Future<Boolean> refreshOnSocket(SocketSession session, AccessToken fresh) {
    return Future.succeededFuture(false);
  }

  /**
   * Request/reply correlation for {@link #sendMessage(JsonObject)}; null (default) = none. Asked
   * once per connection.
   */
  protected ReplyCorrelation correlation() {
    return null;
  }

  /** Classifies an HTTP status that refused the WebSocket upgrade. */
  protected FailureClass classifyUpgradeStatus(int status) {
    if (status == 401) {
      return FailureClass.AUTH;
    }
    if (status == 403 || status == 429) {
      return FailureClass.RATE_LIMITED;
    }
    return FailureClass.TRANSIENT;
  }

  /**
   * Answers a request on {@code cloudbus.command.<vendor>.<account>}. The default handles {@code
   * {"action":"send","message":{...}}}: with a {@link #correlation()} through {@link
   * #sendMessage(JsonObject)}, answering {@code {"reply":{...}}}; without one through {@link
   * #send(JsonObject)}, answering {@code {"sent":true}}. Any other action fails with an {@link
   * IllegalArgumentException} (the bus reply fails with code 400). Failure codes of the bus reply:
   * 400 bad command, 401 auth, 429 rate limited, 503 not connected / paused / transient, 500 other.
   */
  protected Future<JsonObject> handleCommand(JsonObject command) {
    Object action = command.getValue("action");
    if (!"send".equals(action)) {
      return Future.failedFuture(
          new IllegalArgumentException("unknown action '" + action + "' (supported: send)"));
    }
    Object message = command.getValue("message");
    if (!(message instanceof JsonObject m)) {
      return Future.failedFuture(new IllegalArgumentException("'message' must be a JSON object"));
    }
    if (connCorrelation != null || correlation() != null) {
      return sendMessage(m).map(reply -> new JsonObject().put("reply", reply));
    }
    return send(m).map(v -> new JsonObject().put("sent", true));
  }

  /** Runs when the verticle starts, before supervision begins. Default: nothing. */
  protected Future<Void> doStart() {
    return Future.succeededFuture();
  }

  /** Runs when the verticle stops, after the socket closed. Default: nothing. */
  protected Future<Void> doStop() {
    return Future.succeededFuture();
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public final Future<?> start() {
    deployed = true;
    stopped = false;
    if (timers == null) {
      timers = TimerScheduler.of(vertx);
    }
    if (dedup == null) {
      dedup =
          EventDeduplicator.caffeine(
              options.dedupMaxIds(), Duration.ofMillis(options.dedupTtlMs()));
    }
    EventPublisher publisher = new EventPublisher(vertx.eventBus(), vendor(), account());
    pipeline.attach(dedup, publisher);
    status.attach(publisher, clock);
    guard =
        new TrafficGuard(
            options.trafficWindowMs(),
            options.trafficWarnPerSec(),
            options.trafficTripPerSec(),
            clock);
    // Frames up to 4x the limit are read and skipped (counted, socket stays up); beyond that the
    // transport closes the connection to protect memory.
    int hardLimit =
        (int) Math.min(Integer.MAX_VALUE / 2, Math.max(65_536L, 4L * options.maxFrameBytes()));
    client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(hardLimit).setMaxMessageSize(hardLimit));
    commands =
        vertx.eventBus().consumer(CloudbusAddresses.command(vendor(), account()), this::onCommand);
    if (auth != null) {
      tokenRegistration = auth.onTokenChanged(t -> context.runOnContext(v -> onTokenChanged(t)));
    }
    return safe(this::doStart)
        .compose(v -> commands.completion())
        .onSuccess(v -> runForever(Duration.ofMillis(options.reconnectInitialDelayMs())));
  }

  @Override
  public final Future<?> stop() {
    stopSocket("verticle stopped");
    if (tokenRegistration != null) {
      tokenRegistration.remove();
    }
    Future<Void> unregistered = commands == null ? Future.succeededFuture() : commands.unregister();
    return unregistered
        .transform(ar -> safe(this::doStop))
        .eventually(() -> client == null ? Future.succeededFuture() : client.close());
  }

  // ---------------------------------------------------------------- public API

  public final String vendor() {
    return options.vendor();
  }

  public final String account() {
    return options.account();
  }

  /**
   * One connection attempt: token, open, handshake, catch-up. Completes after the catch-up (whose
   * failure is only logged); fails with a classified {@link CloudbusException}. Returns the
   * in-flight attempt when one is running, and succeeds at once when already connected.
   */
  public Future<Void> connect() {
    return onContext(this::connectAttempt);
  }

  /** Closes cleanly and stops supervision; state {@code offline}. */
  public Future<Void> disconnect() {
    return onContext(
        () -> {
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
        });
  }

  /**
   * Keeps the socket connected until stopped or {@link #disconnect()}ed: connects now, and after
   * every failure or drop retries per failure class (docs/architecture.md). {@code reconnectDelay}
   * is the backoff increment: attempt n waits a random time in {@code [0, min(max, 2^(n-1) *
   * reconnectDelay)]}. Calling it while supervised only updates the increment.
   */
  public void runForever(Duration reconnectDelay) {
    long increment = Math.max(1, reconnectDelay.toMillis());
    onContext(
        () -> {
          if (stopped) {
            LOG.warn("[{}] runForever ignored: the socket is stopped", label);
            return Future.succeededFuture();
          }
          retry.increment(increment);
          if (supervising) {
            return Future.succeededFuture();
          }
          supervising = true;
          LOG.info("[{}] supervision started", label);
          if (attempt == null && (conn == null || !conn.isOpen())) {
            connectAttempt();
          }
          return Future.succeededFuture();
        });
  }

  public ConnectionState state() {
    return status.state();
  }

  /** The status body of {@code cloudbus.status}: vendor, account, state, since, reason?... */
  public JsonObject status() {
    return status.status();
  }

  /**
   * Counters since deployment: {@code eventsIn}, {@code eventsPublished}, {@code
   * duplicatesDropped}, {@code badFrames}, {@code connections}, {@code reconnects}, {@code
   * connectFailures}, {@code pauseOverflow}, {@code messagesIn}, {@code messagesOut}, {@code
   * lateReplies}, {@code catchUpEvents}, {@code tokenRefreshes}, plus {@code pausedHeld}. Any
   * thread.
   */
  public JsonObject stats() {
    return stats.toJson().put("pausedHeld", pipeline.held());
  }

  /** Runs {@code handler} on every (re)connect, after the handshake and before the catch-up. */
  public Registration onConnect(Runnable handler) {
    Objects.requireNonNull(handler, "handler");
    return connectHandlers.add(
        v -> {
          handler.run();
          return null;
        });
  }

  public Registration onConnectAsync(Supplier<Future<?>> handler) {
    Objects.requireNonNull(handler, "handler");
    return connectHandlers.add(v -> handler.get());
  }

  /** {@code handler} receives the cause, or null for a clean disconnect. */
  public Registration onDisconnect(Consumer<Throwable> handler) {
    Objects.requireNonNull(handler, "handler");
    return disconnectHandlers.add(
        cause -> {
          handler.accept(cause);
          return null;
        });
  }

  public Registration onDisconnectAsync(Function<Throwable, Future<?>> handler) {
    Objects.requireNonNull(handler, "handler");
    return disconnectHandlers.add(handler);
  }

  /** Receives every event after dedup, right after it was published on the bus. */
  public Registration onEvent(Consumer<CloudbusEvent> handler) {
    Objects.requireNonNull(handler, "handler");
    return eventHandlers.add(
        e -> {
          handler.accept(e);
          return null;
        });
  }

  public Registration onEventAsync(Function<CloudbusEvent, Future<?>> handler) {
    Objects.requireNonNull(handler, "handler");
    return eventHandlers.add(handler);
  }

  /**
   * Sends and awaits the correlated reply; fails after the reply timeout, when the connection
   * drops, when not connected or paused, or with the reply's own error ({@link
   * ReplyCorrelation#replyError}). The message is copied before the id is stamped.
   */
  public Future<JsonObject> sendMessage(JsonObject message) {
    Objects.requireNonNull(message, "message");
    return onContext(
        () ->
            admit()
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
                    }));
  }

  /** Sends without awaiting a reply; fails when not connected, paused or over the trip rate. */
  public Future<Void> send(JsonObject message) {
    Objects.requireNonNull(message, "message");
    return onContext(() -> admit().compose(c -> write(c, message)));
  }

  /**
   * Pauses ({@code true}) or resumes delivery. While paused only keepalive goes out, {@link #send}
   * and {@link #sendMessage} fail fast, and incoming events are held (at most {@code
   * pauseBufferSize}; overflow drops the oldest, counted as {@code pauseOverflow}). Resuming
   * publishes the held events in order. The state is {@code paused} while paused and connected.
   */
  public void pauseMessages(boolean paused) {
    if (context == null) {
      pipeline.pause(paused);
      return;
    }
    onContext(
        () -> {
          if (pipeline.pause(paused)) {
            LOG.info("[{}] {}", label, paused ? "paused" : "resumed");
            if (isConnected()) {
              status.set(
                  paused ? ConnectionState.PAUSED : ConnectionState.CONNECTED, null, null, null);
            }
          }
          return Future.succeededFuture();
        });
  }

  // ---------------------------------------------------------------- injection (before deploy)

  /** Replaces the timer scheduler (tests capture delays); only before deployment. */
  public final CloudSocket useTimerScheduler(TimerScheduler scheduler) {
    requireUndeployed();
    this.timers = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /** Replaces the clock of the traffic guard and status times; only before deployment. */
  public final CloudSocket useClock(Clock clock) {
    requireUndeployed();
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Replaces the per-socket Caffeine deduplicator (e.g. a cluster-wide one). */
  public final CloudSocket useDeduplicator(EventDeduplicator deduplicator) {
    requireUndeployed();
    this.dedup = Objects.requireNonNull(deduplicator, "deduplicator");
    return this;
  }

  private void requireUndeployed() {
    if (deployed) {
      throw new IllegalStateException("only before deployment");
    }
  }

  // ---------------------------------------------------------------- connecting

  private Future<Void> connectAttempt() {
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
    Future<AccessToken> tokenFuture = auth == null ? Future.succeededFuture() : auth.validToken();
    tokenFuture
        .compose(
            t -> {
              token[0] = t;
              return safe(() -> connectOptions(t));
            })
        .compose(o -> open(o, ctx))
        .compose(
            ws -> {
              if (promise.future().isComplete()) {
                ws.close();
                return Future.failedFuture(promise.future().cause());
              }
              opened[0] = startConnection(ws, number, ctx);
              return safe(() -> handshake(opened[0], token[0]));
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
                FailureClass fc = classifyUpgradeStatus(code);
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
      handleMessage(c, held);
    }
    return connectHandlers.fire(null, LOG, c.logContext()).compose(v -> catchUp(c, token));
  }

  private Future<Void> catchUp(SocketConnection c, AccessToken token) {
    return safe(() -> recentEvents(token))
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
      auth.tokenRejected(token)
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
  private void stopSocket(String reason) {
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

  private void onTokenChanged(AccessToken fresh) {
    SocketConnection c = conn;
    if (c == null || !c.isOpen() || !c.isReady() || stopped) {
      return;
    }
    if (connToken != null && connToken.accessToken().equals(fresh.accessToken())) {
      return;
    }
    stats.tokenRefreshes.incrementAndGet();
    safe(() -> refreshOnSocket(c, fresh))
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

  // ---------------------------------------------------------------- incoming

  private void onText(SocketConnection c, String text) {
    stats.messagesIn.incrementAndGet();
    JsonFrames.split(text, m -> handleMessage(c, m), reason -> badFrame(c, reason));
  }

  private void handleMessage(SocketConnection c, JsonObject message) {
    if (c.offerToWaiters(message)) {
      return;
    }
    ReplyCorrelation corr = connCorrelation;
    if (corr != null) {
      Long id;
      Throwable error;
      try {
        id = corr.replyTo(message);
        error = id == null ? null : corr.replyError(message);
      } catch (RuntimeException e) {
        badFrame(c, "correlation failed: " + e);
        return;
      }
      if (id != null) {
        if (!replies.complete(id, message, error)) {
          stats.lateReplies.incrementAndGet();
          LOG.debug("[{}] reply to unknown or expired id {}", c.logContext(), id);
        }
        return;
      }
    }
    if (!c.isReady()) {
      c.hold(message);
      return;
    }
    List<CloudbusEvent> events;
    try {
      events = toEvents(message);
    } catch (RuntimeException e) {
      badFrame(c, "toEvents failed: " + e);
      return;
    }
    if (events != null) {
      events.forEach(pipeline::deliver);
    }
  }

  private void badFrame(SocketConnection c, String reason) {
    stats.badFrames.incrementAndGet();
    LOG.warn("[{}] bad frame skipped: {}", c.logContext(), reason);
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

  private void onCommand(Message<Object> message) {
    if (!(message.body() instanceof JsonObject command)) {
      message.fail(CommandReplies.BAD_REQUEST, "a command must be a JSON object");
      return;
    }
    safe(() -> handleCommand(command))
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

  private boolean isConnected() {
    return conn != null && conn.isOpen() && conn.isReady();
  }

  // ---------------------------------------------------------------- helpers

  private ReplyCorrelation correlationSafely(String ctx) {
    try {
      return correlation();
    } catch (RuntimeException e) {
      LOG.warn("[{}] correlation() failed: {}", ctx, e.toString());
      return null;
    }
  }

  private KeepalivePolicy keepalivePolicySafely(String ctx) {
    try {
      KeepalivePolicy p = keepalive();
      return p != null ? p : KeepalivePolicy.none();
    } catch (RuntimeException e) {
      LOG.warn("[{}] keepalive() failed: {}", ctx, e.toString());
      return KeepalivePolicy.none();
    }
  }

  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    Context ctx = context;
    if (ctx == null) {
      return Future.failedFuture(
          new IllegalStateException("[" + label + "] the socket verticle is not deployed"));
    }
    if (Vertx.currentContext() == ctx) {
      return safe(action);
    }
    Promise<T> promise = Promise.promise();
    ctx.runOnContext(v -> safe(action).onComplete(promise));
    return promise.future();
  }

  private static <T> Future<T> safe(Supplier<Future<T>> action) {
    try {
      Future<T> f = action.get();
      return f != null ? f : Future.failedFuture(new IllegalStateException("hook returned null"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Connection callbacks, on the verticle context. */
  private final class Events implements SocketConnection.Listener {
    @Override
    public void onInbound(SocketConnection c) {
      if (keepalive != null && c == conn) {
        keepalive.inbound();
      }
    }

    @Override
    public void onText(SocketConnection c, String text) {
      CloudSocket.this.onText(c, text);
    }

    @Override
    public void onBadFrame(SocketConnection c, String reason) {
      badFrame(c, reason);
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
      Duration timeout = Duration.ofMillis(policy.appPingTimeoutMs());
      ReplyCorrelation corr = connCorrelation;
      if (corr != null) {
        long id = c.nextId();
        corr.stamp(ping, id);
        Future<JsonObject> reply = replies.register(id, timeout.toMillis(), c.logContext());
        c.write(ping).onFailure(e -> replies.fail(id, e));
        return reply.mapEmpty();
      }
      return c.write(ping).compose(v -> c.awaitMessage(policy.appPong(), timeout)).mapEmpty();
    }

    @Override
    public void dead(String reason) {
      LOG.warn("[{}] dead link: {}", c.logContext(), reason);
      c.shutdown(
          CloudbusException.transientFailure(
              "[" + c.logContext() + "] dead link: " + reason, null));
    }
  }
}

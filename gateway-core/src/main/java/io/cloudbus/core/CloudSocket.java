package io.cloudbus.core;

import io.cloudbus.core.http.RestClient;
import io.cloudbus.core.impl.CallOrder;
import io.cloudbus.core.impl.CommandReplies;
import io.cloudbus.core.impl.EventPipeline;
import io.cloudbus.core.impl.HandlerRegistry;
import io.cloudbus.core.impl.OwnedAuth;
import io.cloudbus.core.impl.SocketParts;
import io.cloudbus.core.impl.SocketRuntime;
import io.cloudbus.core.impl.SocketStats;
import io.cloudbus.core.impl.SocketSupervisor;
import io.cloudbus.core.impl.StatusTracker;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.util.Futures;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * #handleCommand}, {@link #doStart()} and {@link #doStop()}; events fetched asynchronously go to
 * {@link #publish(List)}. The base owns lifecycle, the auth handler's lifecycle, supervision with
 * backoff, keepalive, state, dedup, pause, traffic guard and publishing (docs/architecture.md
 * describes the policies; docs/adapters/writing-an-adapter.md walks through a small adapter).
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
  private final Supplier<? extends AuthHandler> authFactory;
  private final String label;
  private final SocketStats stats = new SocketStats();
  private final HandlerRegistry<Void> connectHandlers = new HandlerRegistry<>("connect");
  private final HandlerRegistry<Throwable> disconnectHandlers = new HandlerRegistry<>("disconnect");
  private final HandlerRegistry<CloudbusEvent> eventHandlers = new HandlerRegistry<>("event");
  private final EventPipeline pipeline;
  private final CallOrder calls = new CallOrder();
  private final StatusTracker status;

  // Injectable before deployment (tests, clusters).
  private TimerScheduler timers;
  private Clock clock = Clock.systemUTC();
  private EventDeduplicator dedup;
  private EventJournal journal;
  private boolean deployed;

  // Runtime, confined to the verticle context; null before deployment.
  private SocketRuntime runtime;
  private SocketSupervisor supervisor;
  private DeviceRegistry deviceRegistry;
  private AuthHandler auth;

  /**
   * @param options vendor-independent settings (vendor and account names among them)
   * @param authFactory creates the account's auth handler, or null for a socket without
   *     authentication. The socket calls it once, in {@link #start()} on its own context (so the
   *     handler's timers and futures live on the socket's event loop), and closes the handler in
   *     {@link #stop()} after {@link #doStop()}, which cancels its proactive refresh: nothing of an
   *     undeployed account keeps talking to the vendor. The factory must return a new handler each
   *     call (a redeployed socket gets a fresh one) and must not do I/O.
   */
  protected CloudSocket(CloudSocketOptions options, Supplier<? extends AuthHandler> authFactory) {
    this.options = Objects.requireNonNull(options, "options");
    this.authFactory = authFactory;
    this.label = options.label();
    this.pipeline = new EventPipeline(label, stats, eventHandlers, options.pauseBufferSize());
    this.status = new StatusTracker(options.vendor(), options.account());
  }

  public final CloudSocketOptions options() {
    return options;
  }

  /**
   * The auth handler the socket created at {@link #start()}: null before deployment and for a
   * socket without authentication. Closed when the socket stops; do not close it yourself.
   */
  protected final AuthHandler auth() {
    return auth;
  }

  // ---------------------------------------------------------------- vendor hooks

  /** Where and how to open the WebSocket; {@code token} is null when the socket has no auth. */
  protected abstract Future<WebSocketConnectOptions> connectOptions(AccessToken token);

  /**
   * The connect URI of {@link #connectOptions} as it may appear in a log line (DEBUG): by default
   * without its query and fragment, where tokens usually travel. A socket that puts a secret
   * anywhere else in the URL (a templated path segment) overrides this to hide every such value
   * too. Must not throw; runs on the socket's context.
   */
  protected String redactUri(String uri) {
    return RestClient.redact(uri);
  }

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
   * up. A JSON array frame is split by the base into its messages. A message that only announces
   * news (a "tickle") returns no event here and starts the fetch, whose result goes to {@link
   * #publish(List)}.
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
   * Whether the vendor lists recent events ({@link #recentEvents}) to catch up after a reconnect. A
   * socket without history announces every reconnect with an {@code io.cloudbus.stream.gap} event
   * (whatever the vendor sent meanwhile is lost); one with history only when the listed events do
   * not reach back to the last one delivered. Default: whether the class overrides {@link
   * #recentEvents}.
   */
  protected boolean hasHistory() {
    return CloudSocketHooks.overridesRecentEvents(getClass());
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
   * #send(JsonObject)}, answering {@code {"sent":true}}; only while {@link #commandActions()} lists
   * {@code send}, as the default list does. Any other action fails with an {@link
   * IllegalArgumentException} (the bus reply fails with code 400). Failure codes of the bus reply:
   * 400 bad command, 401 auth, 429 rate limited, 503 not connected / paused / transient, 500 other.
   */
  protected Future<JsonObject> handleCommand(JsonObject command) {
    return CommandReplies.defaultCommand(
        command,
        commandActions().stream().map(CommandAction::name).toList(),
        () -> (supervisor != null && supervisor.correlates()) || correlation() != null,
        this::sendMessage,
        this::send);
  }

  /**
   * The named actions {@link #handleCommand} understands, listed by the {@code actions} command.
   * Default: {@code send} only.
   */
  protected List<CommandAction> commandActions() {
    return List.of(
        new CommandAction(
            "send",
            "send a raw message to the vendor",
            List.of("message"),
            List.of("message"),
            List.of()));
  }

  /**
   * This account's live device state (see {@link DeviceRegistry}); the {@code devices} command on
   * the command address answers its snapshot. Use it on the socket's context only.
   */
  protected final DeviceRegistry devices() {
    if (deviceRegistry == null) {
      deviceRegistry = new DeviceRegistry(vendor(), account(), this::publish);
    }
    return deviceRegistry;
  }

  /** Runs when the verticle starts, before supervision begins. Default: nothing. */
  protected Future<Void> doStart() {
    return Future.succeededFuture();
  }

  /** Runs when the verticle stops, after the socket closed. Default: nothing. */
  protected Future<Void> doStop() {
    return Future.succeededFuture();
  }

  /**
   * Publishes events the socket obtained asynchronously (a REST fetch after a tickle, a poll) the
   * same way as pushes: pause buffer, dedup, {@code cloudbus.events.*}, event handlers. Callable
   * from any thread: the events keep the order given, successive calls keep the call order (behind
   * the pushes already received). Counted as {@code eventsIn}; a null element is skipped.
   *
   * @return completes when every event went through dedup and publishing (or was held while
   *     paused); fails with an {@link IllegalStateException}, publishing nothing, before deployment
   *     and after the socket stopped
   */
  protected final Future<Void> publish(List<CloudbusEvent> events) {
    Objects.requireNonNull(events, "events");
    List<CloudbusEvent> batch = new ArrayList<>(events);
    return onContext(
        () ->
            supervisor == null
                ? Future.failedFuture(
                    new IllegalStateException("[" + label + "] socket is not started"))
                : supervisor.publish(batch));
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public final Future<?> start() {
    deployed = true;
    try {
      auth = OwnedAuth.create(authFactory, label);
    } catch (CloudbusException e) {
      return Future.failedFuture(e);
    }
    if (timers == null) {
      timers = TimerScheduler.of(vertx);
    }
    pipeline.journal(journal);
    if (dedup == null && journal == null) {
      dedup =
          EventDeduplicator.caffeine(
              options.dedupMaxIds(), Duration.ofMillis(options.dedupTtlMs()));
    }
    SocketRuntime r =
        new SocketRuntime(
            vertx,
            context,
            new SocketParts(
                new CloudSocketHooks(this),
                options,
                auth,
                stats,
                connectHandlers,
                disconnectHandlers,
                pipeline,
                status,
                timers,
                clock),
            dedup);
    runtime = r;
    supervisor = r.supervisor();
    return Futures.safe(this::doStart)
        .compose(v -> r.ready())
        .onSuccess(v -> runForever(Duration.ofMillis(options.reconnectInitialDelayMs())));
  }

  @Override
  public final Future<?> stop() {
    Future<Void> stopped =
        runtime == null ? Future.succeededFuture() : runtime.stop("verticle stopped");
    return stopped
        .transform(ar -> Futures.safe(this::doStop))
        .eventually(() -> OwnedAuth.close(auth, label))
        .eventually(() -> runtime == null ? Future.succeededFuture() : runtime.release());
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
    return onContext(() -> supervisor.connectAttempt());
  }

  /** Closes cleanly and stops supervision; state {@code offline}. */
  public Future<Void> disconnect() {
    return onContext(() -> supervisor.disconnect());
  }

  /**
   * Keeps the socket connected until stopped or {@link #disconnect()}ed: connects now, and after
   * every failure or drop retries per failure class (docs/architecture.md). {@code reconnectDelay}
   * is the backoff increment: attempt n waits a random time in {@code [0, min(max, 2^(n-1) *
   * reconnectDelay)]}. Calling it while supervised only updates the increment.
   */
  public void runForever(Duration reconnectDelay) {
    long increment = Math.max(1, reconnectDelay.toMillis());
    onContext(() -> supervisor.runForever(increment));
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
    return connectHandlers.addSync(v -> handler.run());
  }

  public Registration onConnectAsync(Supplier<Future<?>> handler) {
    Objects.requireNonNull(handler, "handler");
    return connectHandlers.add(v -> handler.get());
  }

  /** {@code handler} receives the cause, or null for a clean disconnect. */
  public Registration onDisconnect(Consumer<Throwable> handler) {
    Objects.requireNonNull(handler, "handler");
    return disconnectHandlers.addSync(handler);
  }

  public Registration onDisconnectAsync(Function<Throwable, Future<?>> handler) {
    Objects.requireNonNull(handler, "handler");
    return disconnectHandlers.add(handler);
  }

  /** Receives every event after dedup, right after it was published on the bus. */
  public Registration onEvent(Consumer<CloudbusEvent> handler) {
    Objects.requireNonNull(handler, "handler");
    return eventHandlers.addSync(handler);
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
    return onContext(() -> supervisor.sendMessage(message));
  }

  /** Sends without awaiting a reply; fails when not connected, paused or over the trip rate. */
  public Future<Void> send(JsonObject message) {
    Objects.requireNonNull(message, "message");
    return onContext(() -> supervisor.send(message));
  }

  /**
   * Pauses ({@code true}) or resumes delivery. While paused only keepalive goes out, {@link #send}
   * and {@link #sendMessage} fail fast, and incoming events are held (at most {@code
   * pauseBufferSize}; overflow drops the oldest, counted as {@code pauseOverflow}). Resuming
   * publishes the held events in order. The state is {@code paused} while paused and connected.
   */
  public void pauseMessages(boolean paused) {
    if (supervisor == null) {
      pipeline.pause(paused);
      return;
    }
    onContext(() -> supervisor.pause(paused));
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

  /**
   * Journals every published event: the journal's answer replaces the per-socket Caffeine
   * deduplicator (an event already journaled is dropped, across restarts with a durable journal),
   * and each published message carries its position as header {@link
   * CloudbusAddresses#HEADER_POSITION}. With {@link #useDeduplicator} too, the deduplicator is
   * asked first (a cluster-wide one). The socket does not close the journal. Only before
   * deployment.
   */
  public final CloudSocket useJournal(EventJournal journal) {
    requireUndeployed();
    this.journal = Objects.requireNonNull(journal, "journal");
    return this;
  }

  /** The journal given by {@link #useJournal}, or null. */
  public final EventJournal journal() {
    return journal;
  }

  private void requireUndeployed() {
    if (deployed) {
      throw new IllegalStateException("only before deployment");
    }
  }

  // ---------------------------------------------------------------- helpers

  /** On the socket's context, in call order with every other call from any thread. */
  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    return calls.run(context, label, action);
  }
}

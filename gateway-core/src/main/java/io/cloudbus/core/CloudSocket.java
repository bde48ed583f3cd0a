package io.cloudbus.core;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An abstract verticle that keeps one account's vendor push socket alive and turns every vendor
 * push into a {@link CloudbusEvent} on the event bus.
 *
 * <p>SKELETON (API agreed by all modules; the implementation lands with the core issue). Vendor
 * subclasses implement the hooks only: {@link #connectOptions}, {@link #handshake}, {@link
 * #toEvents}, and optionally {@link #keepalive()}, {@link #recentEvents}, {@link #refreshOnSocket},
 * {@link #correlation()}, {@link #classifyUpgradeStatus(int)}, {@link #handleCommand}. The base
 * owns lifecycle, supervision with backoff, keepalive, state, dedup, pause, traffic guard and
 * publishing.
 *
 * <p>Threading: everything runs on the verticle's event-loop context; public methods may be called
 * from any thread and hop onto it.
 */
public abstract class CloudSocket extends VerticleBase {

  private final CloudSocketOptions options;
  private final AuthHandler auth;

  /**
   * @param options vendor-independent settings (vendor and account names among them)
   * @param auth the account's auth handler, or null for a socket without authentication
   */
  protected CloudSocket(CloudSocketOptions options, AuthHandler auth) {
    this.options = java.util.Objects.requireNonNull(options, "options");
    this.auth = auth;
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
   * be a {@link CloudbusException} so that the right retry policy applies.
   */
  protected abstract Future<Void> handshake(SocketSession session, AccessToken token);

  /**
   * Maps one received message (after the handshake, replies and keepalive excluded) to zero or more
   * events. Must not block. An exception is logged, counted as a bad frame, and the socket stays
   * up. A JSON array frame is split by the base into its messages.
   */
  protected abstract List<CloudbusEvent> toEvents(JsonObject message);

  /** The vendor's keepalive; default {@link KeepalivePolicy#none()}. */
  protected KeepalivePolicy keepalive() {
    return KeepalivePolicy.none();
  }

  /**
   * Recent events from the vendor's history endpoint, asked after every (re)connect; they go
   * through the same dedup as pushes and are published oldest first. Default: none.
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

  /** Request/reply correlation for {@link #sendMessage(JsonObject)}; null (default) = none. */
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
   * {"action":"send","message":{...}}} through {@link #sendMessage(JsonObject)}.
   */
  protected Future<JsonObject> handleCommand(JsonObject command) {
    throw new UnsupportedOperationException();
  }

  // ---------------------------------------------------------------- public API

  public final String vendor() {
    return options.vendor();
  }

  public final String account() {
    return options.account();
  }

  /** One connection attempt: open, handshake, catch-up. */
  public Future<Void> connect() {
    throw new UnsupportedOperationException();
  }

  /** Closes cleanly and stops supervision; state {@code offline}. */
  public Future<Void> disconnect() {
    throw new UnsupportedOperationException();
  }

  /** Keeps the socket connected until stopped: reconnect with backoff, per-class policies. */
  public void runForever(Duration reconnectDelay) {
    throw new UnsupportedOperationException();
  }

  public ConnectionState state() {
    throw new UnsupportedOperationException();
  }

  /** The status body of {@code cloudbus.status}: vendor, account, state, since, reason?... */
  public JsonObject status() {
    throw new UnsupportedOperationException();
  }

  public Registration onConnect(Runnable handler) {
    throw new UnsupportedOperationException();
  }

  public Registration onConnectAsync(Supplier<Future<?>> handler) {
    throw new UnsupportedOperationException();
  }

  /** {@code handler} receives the cause, or null for a clean disconnect. */
  public Registration onDisconnect(Consumer<Throwable> handler) {
    throw new UnsupportedOperationException();
  }

  public Registration onDisconnectAsync(Function<Throwable, Future<?>> handler) {
    throw new UnsupportedOperationException();
  }

  public Registration onEvent(Consumer<CloudbusEvent> handler) {
    throw new UnsupportedOperationException();
  }

  public Registration onEventAsync(Function<CloudbusEvent, Future<?>> handler) {
    throw new UnsupportedOperationException();
  }

  /** Sends and awaits the correlated reply; fails after the reply timeout or on disconnect. */
  public Future<JsonObject> sendMessage(JsonObject message) {
    throw new UnsupportedOperationException();
  }

  /** Sends without awaiting a reply. */
  public Future<Void> send(JsonObject message) {
    throw new UnsupportedOperationException();
  }

  public void pauseMessages(boolean paused) {
    throw new UnsupportedOperationException();
  }
}

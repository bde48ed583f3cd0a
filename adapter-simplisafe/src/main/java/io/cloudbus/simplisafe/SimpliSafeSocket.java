package io.cloudbus.simplisafe;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.CloudbusTimeoutException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.SocketSession;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SimpliSafe account's push socket ({@code socketlink}). Hooks only; the base owns lifecycle,
 * backoff, keepalive timers, dedup and publishing.
 *
 * <ul>
 *   <li>Before each connect: the user id and system ids ({@link SimpliSafeApi#account()}), fetched
 *       once and kept for the life of this socket.
 *   <li>Handshake: identify (bearer token, {@code join ["uid:<userId>"]}) right after open; the
 *       socket counts as connected only when {@code namespace.subscribed} (or {@code
 *       service.subscribed}) arrives. When the server refuses the identify (error message or close
 *       before subscribed) the token is reported as rejected, so the next attempt uses a fresh one;
 *       if that refresh is refused the failure is {@code AUTH}.
 *   <li>Keepalive: WebSocket pings every {@value #DEFAULT_PING_INTERVAL_MS} ms and a silence
 *       watchdog of {@value #DEFAULT_SILENCE_TIMEOUT_MS} ms; pongs count as traffic (see
 *       docs/adapters/simplisafe.md for the reasoning).
 *   <li>Token refresh: the default {@code refreshOnSocket} (false) makes the base reconnect, so the
 *       socket identifies with the fresh token before the old one expires.
 *   <li>Events: every {@code com.simplisafe.event.standard} through {@link SimpliSafeEventMapper};
 *       an event without a usable {@code eventId} is counted ({@link #unmappableEvents()}) and
 *       reported to the base as a bad frame; other message types are ignored at DEBUG.
 *   <li>Catch-up: after every (re)connect the newest {@value SimpliSafeProtocol#MAX_NUM_EVENTS}
 *       events of each system, oldest first; the base's dedup drops those already delivered.
 * </ul>
 *
 * <p>Threading: hooks run on the verticle's context.
 */
public class SimpliSafeSocket extends CloudSocket {

  private static final Logger LOG = LoggerFactory.getLogger(SimpliSafeSocket.class);

  /** Like simplipy (aiohttp heartbeat 55 s) and homebridge (60 s + jitter). */
  public static final long DEFAULT_PING_INTERVAL_MS = 55_000;

  /** Two missed pongs plus a margin: a healthy socket always hears a pong every 55 s. */
  public static final long DEFAULT_SILENCE_TIMEOUT_MS = 130_000;

  private final SimpliSafeEndpoints endpoints;
  private final SimpliSafeEventMapper mapper;
  private final KeepalivePolicy keepalive;
  private final Clock clock;
  private final AtomicLong unmappable = new AtomicLong();
  // Created at start on the socket's context, with the auth handler the base created there.
  private SimpliSafeApi api;
  private SimpliSafeControl control;
  // Written on the socket's context; read by simpliSafeAccount() from any thread.
  private volatile SimpliSafeAccount account;

  /** A socket with the default keepalive. */
  public SimpliSafeSocket(
      CloudSocketOptions options,
      Supplier<? extends AuthHandler> auth,
      SimpliSafeEndpoints endpoints) {
    this(
        options,
        auth,
        endpoints,
        KeepalivePolicy.pingFrames(DEFAULT_PING_INTERVAL_MS, DEFAULT_SILENCE_TIMEOUT_MS),
        Clock.systemUTC());
  }

  /**
   * @param auth creates the account's {@link SimpliSafeAuthHandler}; the base creates it at start
   *     on the socket's context and closes it at stop (its proactive refresh ends with the socket)
   * @param keepalive the keepalive policy (tests use short intervals)
   * @param clock the clock of the identify message's {@code id} and {@code time}
   */
  public SimpliSafeSocket(
      CloudSocketOptions options,
      Supplier<? extends AuthHandler> auth,
      SimpliSafeEndpoints endpoints,
      KeepalivePolicy keepalive,
      Clock clock) {
    super(options, Objects.requireNonNull(auth, "auth"));
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.keepalive = Objects.requireNonNull(keepalive, "keepalive");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.mapper = new SimpliSafeEventMapper(options.account());
  }

  @Override
  protected Future<Void> doStart() {
    api =
        new SimpliSafeApi(
            io.cloudbus.core.http.CloudWebClients.create(vertx, options()), auth(), endpoints);
    control =
        SimpliSafeControl.start(
            this,
            vertx,
            io.cloudbus.core.http.CloudWebClients.create(vertx, options()),
            auth(),
            endpoints,
            devices(),
            clock);
    return Future.succeededFuture();
  }

  @Override
  protected List<io.cloudbus.core.CommandAction> commandActions() {
    return SimpliSafeCommands.ACTIONS;
  }

  @Override
  protected Future<JsonObject> handleCommand(JsonObject command) {
    return SimpliSafeCommands.handles(command.getValue("action"))
        ? control.commands().run(command)
        : super.handleCommand(command);
  }

  /** Events received without a usable {@code eventId} (they cannot be delivered). */
  public long unmappableEvents() {
    return unmappable.get();
  }

  /**
   * This account's auth handler (e.g. to read the current token's expiry); null before deployment.
   */
  public AuthHandler authHandler() {
    return auth();
  }

  /** The account as last fetched, or null before the first connect. */
  public SimpliSafeAccount simpliSafeAccount() {
    return account;
  }

  @Override
  protected Future<WebSocketConnectOptions> connectOptions(AccessToken token) {
    Future<SimpliSafeAccount> known =
        account != null ? Future.succeededFuture(account) : api.account();
    return known.map(
        acc -> {
          if (account == null) {
            account = acc;
            LOG.info(
                "[{}/{}] user {} with {} system(s)",
                vendor(),
                account(),
                acc.userId(),
                acc.systemIds().size());
            if (acc.systemIds().isEmpty()) {
              LOG.warn(
                  "[{}/{}] no subscription with a base station: pushes only, no catch-up",
                  vendor(),
                  account());
            }
          }
          WebSocketConnectOptions o = new WebSocketConnectOptions();
          o.setAbsoluteURI(endpoints.socketUrl());
          o.addHeader("User-Agent", SimpliSafeProtocol.USER_AGENT);
          return o;
        });
  }

  @Override
  protected Future<Void> handshake(SocketSession session, AccessToken token) {
    // A REST 401 in connectOptions may have refreshed the token meanwhile: identify with the
    // newest.
    AccessToken current = auth().currentToken();
    AccessToken use = current != null ? current : token;
    JsonObject identify =
        SimpliSafeProtocol.identify(use.accessToken(), account.userId(), clock.instant());
    Duration timeout = Duration.ofMillis(options().handshakeTimeoutMs());
    return session
        .send(identify)
        .compose(
            v ->
                session.awaitMessage(
                    m -> SimpliSafeProtocol.isSubscribed(m) || isError(m), timeout))
        .compose(
            reply -> {
              if (SimpliSafeProtocol.isSubscribed(reply)) {
                LOG.debug("[{}] subscribed to uid:{}", session.logContext(), account.userId());
                return Future.<Void>succeededFuture();
              }
              return Future.failedFuture(new IllegalStateException("identify refused"));
            })
        .recover(err -> identifyFailed(session, use, err));
  }

  private Future<Void> identifyFailed(SocketSession session, AccessToken used, Throwable err) {
    if (err instanceof CloudbusException ce && ce.failureClass() != FailureClass.TRANSIENT) {
      return Future.failedFuture(err);
    }
    if (!tokenSuspected(err)) {
      return Future.failedFuture(
          CloudbusException.transientFailure("no subscribed confirmation in time", err));
    }
    // Refused or dropped before subscribing: most likely the token (expired or revoked).
    LOG.info(
        "[{}] identify refused ({}); refreshing the token", session.logContext(), err.getMessage());
    return auth()
        .tokenRejected(used)
        .transform(
            ar -> {
              if (ar.failed() && CloudbusException.classify(ar.cause()) == FailureClass.AUTH) {
                return Future.failedFuture(ar.cause());
              }
              return Future.failedFuture(
                  CloudbusException.transientFailure("identify refused by SimpliSafe", err));
            });
  }

  /**
   * Whether a failed identify points at the token: a refusal or a drop does, silence (a {@link
   * CloudbusTimeoutException} from the await) does not, so a slow server costs no token refresh.
   */
  static boolean tokenSuspected(Throwable identifyFailure) {
    return !CloudbusTimeoutException.isTimeout(identifyFailure);
  }

  private static boolean isError(JsonObject message) {
    return message.getValue("type") instanceof String t && t.endsWith(".error");
  }

  @Override
  protected List<CloudbusEvent> toEvents(JsonObject message) {
    Object type = message.getValue("type");
    if (!SimpliSafeProtocol.TYPE_EVENT.equals(type)) {
      LOG.debug("[{}/{}] ignoring message {}", vendor(), account(), type);
      return List.of();
    }
    JsonObject data = message.getValue("data") instanceof JsonObject d ? d : null;
    return mapper
        .map(data)
        .map(List::of)
        .orElseGet(
            () -> {
              unmappable.incrementAndGet();
              throw new IllegalArgumentException(
                  "SimpliSafe event without a usable eventId (envelope id "
                      + SimpliSafeJson.asText(message.getValue("id"))
                      + ")");
            });
  }

  @Override
  protected KeepalivePolicy keepalive() {
    return keepalive;
  }

  @Override
  protected Future<List<CloudbusEvent>> recentEvents(AccessToken token) {
    SimpliSafeAccount acc = account;
    if (acc == null || acc.systemIds().isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Future<List<CloudbusEvent>>> perSystem = new ArrayList<>();
    for (long sid : acc.systemIds()) {
      perSystem.add(
          api.recentEvents(sid, SimpliSafeProtocol.MAX_NUM_EVENTS)
              .map(this::mapAll)
              .recover(
                  err -> {
                    LOG.warn(
                        "[{}/{}] catch-up of system {} failed: {}",
                        vendor(),
                        account(),
                        sid,
                        err.getMessage());
                    return Future.succeededFuture(List.of());
                  }));
    }
    return Future.all(perSystem)
        .map(
            all -> {
              List<CloudbusEvent> events = new ArrayList<>();
              for (int i = 0; i < all.size(); i++) {
                events.addAll(all.<List<CloudbusEvent>>resultAt(i));
              }
              events.sort(OLDEST_FIRST);
              return events;
            });
  }

  private List<CloudbusEvent> mapAll(List<JsonObject> raw) {
    List<CloudbusEvent> out = new ArrayList<>();
    for (JsonObject data : raw) {
      mapper.map(data).ifPresentOrElse(out::add, unmappable::incrementAndGet);
    }
    return out;
  }

  /** By event time, then by SimpliSafe's eventId (which grows with time). */
  static final Comparator<CloudbusEvent> OLDEST_FIRST =
      Comparator.comparing(CloudbusEvent::time).thenComparing(e -> e.data().getLong("eventId", 0L));
}

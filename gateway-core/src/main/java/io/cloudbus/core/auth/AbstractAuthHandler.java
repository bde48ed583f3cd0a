package io.cloudbus.core.auth;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.Registration;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.util.Futures;
import io.cloudbus.core.util.RepeatedFailures;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every vendor {@link AuthHandler}: single-flight login and refresh, proactive refresh
 * ahead of expiry, token persistence and failure policies. A vendor supplies {@link #doLogin()} and
 * {@link #doRefresh(AccessToken)} (usually one {@link OAuth2Client} call each) and, when a full
 * login needs a human (SimpliSafe's PKCE browser flow), overrides {@link #canLogin()}.
 *
 * <p>Policies:
 *
 * <ul>
 *   <li>Single flight: at most one login or refresh is in flight; concurrent callers of {@link
 *       #validToken()}, {@link #refresh()}, {@link #login()} and {@link #tokenRejected} share it.
 *   <li>Stored token first: the first {@link #validToken()} or {@link #login()} loads the token
 *       stored under {@link AuthOptions#storeKey()} and uses it (or its refresh token) before a
 *       full login, because both real vendors punish repeated logins.
 *   <li>A refresh response without a refresh token keeps the old one.
 *   <li>{@code AUTH} failure of a refresh (revoked, {@code invalid_grant}): the stored token is
 *       dropped and a full login follows when {@link #canLogin()}; otherwise the caller gets the
 *       {@code AUTH} failure (the socket goes {@code auth_failed}). Never retried blindly.
 *   <li>{@code TRANSIENT} and {@code RATE_LIMITED} failures are returned to the caller, which
 *       retries with its own backoff; the current token is kept.
 *   <li>Proactive refresh: a timer refreshes {@link AuthOptions#refreshMarginMs()} before expiry; a
 *       failed timer refresh (not {@code AUTH}) is retried after a short delay. A token whose
 *       expiry is unknown counts as due on every {@link #validToken()}.
 * </ul>
 *
 * <p>Threading: every public method may be called from any thread; the state lives on the Vert.x
 * context captured at construction and every call hops onto it, so the hooks run there too.
 * Returned futures complete on that context. Nothing here logs a token value.
 */
public abstract class AbstractAuthHandler implements AuthHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AbstractAuthHandler.class);

  protected final Vertx vertx;
  private final AuthOptions options;
  private final Context context;
  private final TimerScheduler timers;
  private final CopyOnWriteArrayList<Handler<AccessToken>> listeners = new CopyOnWriteArrayList<>();

  private final java.util.concurrent.atomic.AtomicLong logins =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong refreshes =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong failures =
      new java.util.concurrent.atomic.AtomicLong();

  private AccessToken current;
  private Future<AccessToken> inFlight;
  private Future<Void> loaded;
  private boolean storedTokenPending;
  private long refreshTimer = -1;
  private boolean closed;
  // made at the first failed login, dropped at the next success
  private RepeatedFailures loginFailures;

  protected AbstractAuthHandler(Vertx vertx, AuthOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.context = vertx.getOrCreateContext();
    this.timers = options.timers() != null ? options.timers() : TimerScheduler.of(vertx);
  }

  // ---------------------------------------------------------------- vendor hooks

  /**
   * A full login with the configured credentials. Fails with a {@link CloudbusException}: {@code
   * AUTH} for refused credentials, {@code TRANSIENT} or {@code RATE_LIMITED} otherwise.
   */
  protected abstract Future<AccessToken> doLogin();

  /**
   * Refreshes {@code current} (whose refresh token is non-null). The result may lack a refresh
   * token; the base then keeps the old one.
   */
  protected abstract Future<AccessToken> doRefresh(AccessToken current);

  /**
   * Whether {@link #doLogin()} can run unattended (default true). SimpliSafe returns false: its
   * login is a browser flow, so a revoked refresh token means {@code auth_failed}.
   */
  protected boolean canLogin() {
    return true;
  }

  /** A label for logs, by default the store key (e.g. {@code simplisafe/home}). */
  protected String logLabel() {
    return options.storeKey();
  }

  // ---------------------------------------------------------------- AuthHandler

  public AuthOptions options() {
    return options;
  }

  @Override
  public Future<AccessToken> login() {
    return onContext(
        () ->
            ensureLoaded()
                .compose(
                    v -> {
                      if (storedTokenPending && current != null) {
                        // First login after a restart: the stored token saves a full login.
                        storedTokenPending = false;
                        return isFresh(current) ? Future.succeededFuture(current) : renew(false);
                      }
                      return singleFlight("login", this::fullLogin);
                    }));
  }

  @Override
  public Future<AccessToken> refresh() {
    return onContext(() -> ensureLoaded().compose(v -> renew(false)));
  }

  @Override
  public Future<AccessToken> validToken() {
    return onContext(
        () ->
            ensureLoaded()
                .compose(v -> isFresh(current) ? Future.succeededFuture(current) : renew(false)));
  }

  @Override
  public Future<AccessToken> tokenRejected(AccessToken rejected) {
    return onContext(
        () ->
            ensureLoaded()
                .compose(
                    v -> {
                      if (inFlight != null) {
                        return inFlight;
                      }
                      if (current != null
                          && rejected != null
                          && !current.accessToken().equals(rejected.accessToken())) {
                        return Future.succeededFuture(current);
                      }
                      LOG.info("[{}] access token rejected by the vendor; refreshing", logLabel());
                      return renew(true);
                    }));
  }

  @Override
  public AccessToken currentToken() {
    return current;
  }

  @Override
  public Registration onTokenChanged(Handler<AccessToken> handler) {
    Objects.requireNonNull(handler, "handler");
    listeners.add(handler);
    return () -> listeners.remove(handler);
  }

  /**
   * Installs a token obtained elsewhere (e.g. by the {@code cloudbus login} PKCE helper or from the
   * account configuration), stores it and notifies listeners as after a login.
   */
  public Future<AccessToken> useToken(AccessToken token) {
    Objects.requireNonNull(token, "token");
    return onContext(
        () ->
            ensureLoaded()
                .map(
                    v -> {
                      storedTokenPending = false;
                      accept(token, "installed");
                      return current;
                    }));
  }

  /**
   * Counters since construction, for metrics: {@code logins} and {@code refreshes} (successful),
   * {@code failures} (failed logins and refreshes). Any thread.
   */
  public io.vertx.core.json.JsonObject stats() {
    return new io.vertx.core.json.JsonObject()
        .put("logins", logins.get())
        .put("refreshes", refreshes.get())
        .put("failures", failures.get());
  }

  @Override
  public void close() {
    context.runOnContext(
        v -> {
          closed = true;
          cancelTimer();
          listeners.clear();
        });
  }

  // ---------------------------------------------------------------- internals (on context)

  private boolean isFresh(AccessToken token) {
    return token != null
        && !token.expiresWithin(Duration.ofMillis(options.refreshMarginMs()), now());
  }

  private Instant now() {
    return options.clock().instant();
  }

  private Future<Void> ensureLoaded() {
    if (closed) {
      return Future.failedFuture(CloudbusException.configuration("auth handler is closed"));
    }
    if (loaded == null) {
      TokenStore store = options.tokenStore();
      loaded =
          Futures.safe(() -> store.load(options.storeKey()))
              .transform(
                  ar -> {
                    if (ar.failed()) {
                      LOG.warn(
                          "[{}] cannot read the token store ({}); continuing without",
                          logLabel(),
                          ar.cause().getMessage());
                    } else if (ar.result() != null && current == null) {
                      current = ar.result();
                      storedTokenPending = true;
                      LOG.info("[{}] using the stored token ({})", logLabel(), current);
                      scheduleProactiveRefresh();
                    }
                    return Future.<Void>succeededFuture();
                  });
    }
    return loaded;
  }

  /** Refresh (or login when there is no refresh token), single flight. */
  private Future<AccessToken> renew(boolean rejected) {
    return singleFlight(rejected ? "refresh after rejection" : "refresh", this::refreshOrLogin);
  }

  private Future<AccessToken> singleFlight(String what, Supplier<Future<AccessToken>> action) {
    if (inFlight != null) {
      return inFlight;
    }
    LOG.debug("[{}] {} started", logLabel(), what);
    Future<AccessToken> f = Futures.safe(action);
    inFlight = f;
    f.onComplete(
        ar -> {
          if (inFlight == f) {
            inFlight = null;
          }
        });
    return f;
  }

  private Future<AccessToken> refreshOrLogin() {
    AccessToken token = current;
    storedTokenPending = false;
    if (token == null || token.refreshToken() == null) {
      return fullLogin();
    }
    return Futures.safe(() -> doRefresh(token))
        .map(
            fresh -> {
              refreshes.incrementAndGet();
              return accept(
                  fresh.refreshToken() == null
                      ? fresh.withRefreshToken(token.refreshToken())
                      : fresh,
                  "refreshed");
            })
        .recover(
            err -> {
              failures.incrementAndGet();
              FailureClass fc = CloudbusException.classify(err);
              if (fc != FailureClass.AUTH) {
                LOG.warn("[{}] token refresh failed ({}): {}", logLabel(), fc, err.getMessage());
                return Future.failedFuture(err);
              }
              LOG.warn("[{}] refresh token refused: {}", logLabel(), err.getMessage());
              forget();
              return canLogin() ? fullLogin() : Future.failedFuture(err);
            });
  }

  private Future<AccessToken> fullLogin() {
    storedTokenPending = false;
    if (!canLogin()) {
      return Future.failedFuture(
          CloudbusException.auth(
              logLabel()
                  + ": no usable refresh token and login needs a human (run cloudbus login)"));
    }
    LOG.info("[{}] full login", logLabel());
    return Futures.safe(this::doLogin)
        .map(
            token -> {
              logins.incrementAndGet();
              loginFailures = null;
              return accept(token, "logged in");
            })
        .onFailure(
            err -> {
              failures.incrementAndGet();
              logLoginFailure(err);
            });
  }

  /** Warns of a failed login, but of the same failure again only once a minute. */
  private void logLoginFailure(Throwable err) {
    FailureClass fc = CloudbusException.classify(err);
    String message = String.valueOf(err.getMessage());
    if (loginFailures == null) {
      loginFailures = new RepeatedFailures(System::nanoTime);
    }
    loginFailures.log(
        LOG, fc + " " + message, "[" + logLabel() + "] login failed (" + fc + "): " + message);
  }

  private void forget() {
    current = null;
    cancelTimer();
    options
        .tokenStore()
        .remove(options.storeKey())
        .onFailure(
            e -> LOG.warn("[{}] cannot clear the stored token: {}", logLabel(), e.getMessage()));
  }

  private AccessToken accept(AccessToken token, String how) {
    if (closed) {
      throw CloudbusException.configuration("auth handler is closed");
    }
    AccessToken previous = current;
    AccessToken fresh =
        token.refreshToken() == null && previous != null && previous.refreshToken() != null
            ? token.withRefreshToken(previous.refreshToken())
            : token;
    current = fresh;
    LOG.info("[{}] token {} ({})", logLabel(), how, fresh);
    options
        .tokenStore()
        .save(options.storeKey(), fresh)
        .onFailure(e -> LOG.warn("[{}] cannot store the token: {}", logLabel(), e.getMessage()));
    scheduleProactiveRefresh();
    for (Handler<AccessToken> listener : listeners) {
      try {
        listener.handle(fresh);
      } catch (RuntimeException e) {
        LOG.warn("[{}] token listener failed: {}", logLabel(), e.toString());
      }
    }
    return fresh;
  }

  private void scheduleProactiveRefresh() {
    cancelTimer();
    AccessToken token = current;
    if (!options.proactiveRefresh() || token == null || token.expiresAt() == null) {
      return;
    }
    long untilExpiry = Duration.between(now(), token.expiresAt()).toMillis();
    long delay = untilExpiry - options.refreshMarginMs();
    if (delay <= 0) {
      // Lifetime shorter than the margin: refresh halfway instead of in a tight loop.
      delay = Math.max(1_000, untilExpiry / 2);
    }
    scheduleRefreshIn(delay);
  }

  private void scheduleRefreshIn(long delayMs) {
    refreshTimer =
        timers.schedule(
            TimerScheduler.TOKEN_REFRESH,
            delayMs,
            () -> context.runOnContext(v -> proactiveRefresh()));
    LOG.debug("[{}] proactive refresh in {} ms", logLabel(), delayMs);
  }

  private void proactiveRefresh() {
    refreshTimer = -1;
    if (closed) {
      return;
    }
    renew(false)
        .onFailure(
            err -> {
              if (closed || CloudbusException.classify(err) == FailureClass.AUTH) {
                return;
              }
              AccessToken token = current;
              long left =
                  token == null || token.expiresAt() == null
                      ? AuthOptions.DEFAULT_RETRY_MAX_MS
                      : Duration.between(now(), token.expiresAt()).toMillis();
              if (refreshTimer < 0) {
                scheduleRefreshIn(
                    Math.max(1_000, Math.min(AuthOptions.DEFAULT_RETRY_MAX_MS, left / 4)));
              }
            });
  }

  private void cancelTimer() {
    if (refreshTimer >= 0) {
      timers.cancel(refreshTimer);
      refreshTimer = -1;
    }
  }

  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    return Futures.onContext(context, action);
  }
}

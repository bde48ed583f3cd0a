package io.cloudbus.core;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * Logs in to a vendor cloud and keeps a valid access token. Implementations extend {@link
 * io.cloudbus.core.auth.AbstractAuthHandler} (single-flight, proactive refresh, token store) and
 * supply the vendor's grants only.
 *
 * <p>Threading: every method may be called from any thread; futures complete on the handler's
 * context. Failures are {@link CloudbusException}s classified by {@link FailureClass}: {@code AUTH}
 * means the credentials or grant were refused and only a new login helps.
 */
public interface AuthHandler {

  /** A full login with the configured credentials (or a stored refresh token). */
  Future<AccessToken> login();

  /** Refreshes now with the refresh token; concurrent callers share one request. */
  Future<AccessToken> refresh();

  /**
   * A token valid for at least the configured margin: the current one, or a fresh one from a
   * (shared) refresh or login. Never hits the vendor when the current token is still good.
   */
  Future<AccessToken> validToken();

  /**
   * Reports that the vendor rejected {@code rejected} (e.g. HTTP 401). Refreshes once, single
   * flight, unless the current token already differs from the rejected one.
   */
  Future<AccessToken> tokenRejected(AccessToken rejected);

  /** The current token, or null before the first login. */
  AccessToken currentToken();

  /** Called after every successful login or refresh, with the new token. */
  Registration onTokenChanged(Handler<AccessToken> handler);

  /** Stops timers; the handler must not be used afterwards. */
  void close();
}

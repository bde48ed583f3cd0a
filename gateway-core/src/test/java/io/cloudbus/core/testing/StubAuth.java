package io.cloudbus.core.testing;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.auth.AbstractAuthHandler;
import io.cloudbus.core.auth.AuthOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An auth handler without HTTP: tokens {@code login-N} and {@code refresh-N}, switchable faults.
 */
public final class StubAuth extends AbstractAuthHandler {

  public final AtomicInteger logins = new AtomicInteger();
  public final AtomicInteger refreshes = new AtomicInteger();
  public volatile boolean loginRefused;
  public volatile boolean refreshRefused;
  public volatile boolean loginAllowed = true;
  public volatile long lifetimeSeconds = 3600;

  public StubAuth(Vertx vertx, AuthOptions options) {
    super(vertx, options);
  }

  @Override
  protected Future<AccessToken> doLogin() {
    int n = logins.incrementAndGet();
    if (loginRefused) {
      return Future.failedFuture(CloudbusException.auth("login refused (test)"));
    }
    return Future.succeededFuture(
        new AccessToken("login-" + n, "rt-" + n, Instant.now().plusSeconds(lifetimeSeconds)));
  }

  @Override
  protected Future<AccessToken> doRefresh(AccessToken current) {
    int n = refreshes.incrementAndGet();
    if (refreshRefused) {
      return Future.failedFuture(CloudbusException.auth("refresh refused (test)"));
    }
    return Future.succeededFuture(
        new AccessToken("refresh-" + n, null, Instant.now().plusSeconds(lifetimeSeconds)));
  }

  @Override
  protected boolean canLogin() {
    return loginAllowed;
  }
}

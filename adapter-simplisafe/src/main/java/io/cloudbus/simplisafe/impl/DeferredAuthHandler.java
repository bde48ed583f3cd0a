package io.cloudbus.simplisafe.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.Registration;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link AuthHandler} that creates its delegate on first use, so the delegate is bound to the
 * Vert.x context of its first user. {@link io.cloudbus.core.impl.AbstractAuthHandler} runs its
 * timers and completes its futures on the context it was constructed on; an auth handler built by
 * an {@code AdapterProvider} (on the caller's thread) would live on another event loop, and every
 * token call would cross threads (the socket hops back to its own context, so this is about cost,
 * not correctness). The socket's {@code start()} is the first user (it registers a token listener),
 * so the delegate shares the socket's context.
 *
 * <p>Thread-safe. {@link #currentToken()} is null and {@link #close()} a no-op before first use.
 */
public final class DeferredAuthHandler implements AuthHandler {

  private final Supplier<? extends AuthHandler> factory;
  private volatile AuthHandler delegate;

  public DeferredAuthHandler(Supplier<? extends AuthHandler> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The delegate, created now when this is the first use. */
  public AuthHandler delegate() {
    AuthHandler d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          d = Objects.requireNonNull(factory.get(), "factory returned null");
          delegate = d;
        }
      }
    }
    return d;
  }

  @Override
  public Future<AccessToken> login() {
    return delegate().login();
  }

  @Override
  public Future<AccessToken> refresh() {
    return delegate().refresh();
  }

  @Override
  public Future<AccessToken> validToken() {
    return delegate().validToken();
  }

  @Override
  public Future<AccessToken> tokenRejected(AccessToken rejected) {
    return delegate().tokenRejected(rejected);
  }

  @Override
  public AccessToken currentToken() {
    AuthHandler d = delegate;
    return d == null ? null : d.currentToken();
  }

  @Override
  public Registration onTokenChanged(Handler<AccessToken> handler) {
    return delegate().onTokenChanged(handler);
  }

  @Override
  public void close() {
    AuthHandler d = delegate;
    if (d != null) {
      d.close();
    }
  }
}

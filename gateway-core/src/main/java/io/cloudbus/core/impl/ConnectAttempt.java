package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusTimeoutException;
import io.cloudbus.core.util.Futures;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O of one connection attempt: a valid token, the vendor's connect options, the WebSocket
 * open (a refusal classified by {@link ConnectFailures}) and the vendor's handshake, all bounded by
 * {@code handshakeTimeoutMs} (then it fails with a {@link CloudbusTimeoutException}). The {@link
 * SocketSupervisor} owns the attempt and decides, once it completed, what the outcome means for the
 * socket (connected, retry, stop).
 *
 * <p>Confined to the socket's event-loop context, like its supervisor. Not thread-safe.
 */
final class ConnectAttempt {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  /** What every attempt of one socket works with; all owned by the supervisor. */
  record Env(
      CloudSocketOptions options,
      AuthHandler auth,
      SocketHooks hooks,
      SafeHooks safeHooks,
      TimerScheduler timers,
      Clock clock,
      SharedWebSocketClients.Lease client,
      Context context) {}

  private final Env env;
  private final String ctx;
  private final Promise<Void> promise = Promise.promise();
  private AccessToken token;
  private SocketConnection opened;

  /**
   * @param ctx the attempt's log context, e.g. {@code vendor/account#3}
   */
  ConnectAttempt(Env env, String ctx) {
    this.env = env;
    this.ctx = ctx;
  }

  /**
   * Runs the attempt, once.
   *
   * @param start turns the opened WebSocket into the connection the supervisor tracks (before the
   *     handshake, so that a close during the handshake reaches the supervisor)
   * @return completes when the handshake succeeded; fails with the classified cause, or with the
   *     cause given to {@link #fail}; the timeout timer is cancelled before it completes
   */
  Future<Void> run(Function<WebSocket, SocketConnection> start) {
    long timeoutMs = env.options().handshakeTimeoutMs();
    long timeout =
        env.timers()
            .schedule(
                TimerScheduler.TIMEOUT,
                timeoutMs,
                () ->
                    promise.tryFail(
                        new CloudbusTimeoutException(
                            "["
                                + ctx
                                + "] connect and handshake did not complete within "
                                + timeoutMs
                                + " ms",
                            timeoutMs)));
    Future<AccessToken> tokenFuture =
        env.auth() == null
            ? Future.succeededFuture()
            : Futures.continueOn(env.context(), env.auth().validToken());
    tokenFuture
        .compose(
            t -> {
              token = t;
              return safe(() -> env.hooks().connectOptions(t));
            })
        .compose(this::open)
        .compose(
            ws -> {
              if (promise.future().isComplete()) {
                ws.close();
                return Future.failedFuture(promise.future().cause());
              }
              opened = start.apply(ws);
              return safe(() -> env.hooks().handshake(opened, token));
            })
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                promise.tryComplete();
              } else {
                promise.tryFail(ar.cause());
              }
            });
    return promise.future().andThen(ar -> env.timers().cancel(timeout));
  }

  /** Ends the attempt with {@code cause} unless it already completed. */
  void fail(Throwable cause) {
    promise.tryFail(cause);
  }

  /** The attempt's outcome (without waiting for the timeout timer's cancellation). */
  Future<Void> future() {
    return promise.future();
  }

  /** The token the attempt connected with; null before it was obtained and without auth. */
  AccessToken token() {
    return token;
  }

  /** The connection the attempt opened; null when it did not get that far. */
  SocketConnection opened() {
    return opened;
  }

  String logContext() {
    return ctx;
  }

  private Future<WebSocket> open(WebSocketConnectOptions o) {
    if (env.options().tls() != null) {
      o.setSslOptions(env.options().tls().sslOptions());
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("[{}] opening {}", ctx, env.safeHooks().redactUri(o.getURI()));
    }
    return env.client()
        .connect(o)
        .recover(
            err ->
                Future.failedFuture(
                    ConnectFailures.classify(
                        err, ctx, env.hooks()::classifyUpgradeStatus, env.clock())));
  }

  private <T> Future<T> safe(Supplier<Future<T>> action) {
    return Futures.continueOn(env.context(), Futures.safe(action));
  }
}

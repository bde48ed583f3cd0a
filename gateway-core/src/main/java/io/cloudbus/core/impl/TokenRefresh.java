package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.util.Futures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-authentication of an open connection after the auth handler produced a fresh token: asks the
 * vendor's {@link SocketHooks#refreshOnSocket} hook; the {@link SocketSupervisor} reconnects with
 * the fresh token when the hook declines or fails. Counts {@code tokenRefreshes}.
 *
 * <p>Confined to the socket's event-loop context, like its supervisor.
 */
final class TokenRefresh {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  private final SocketHooks hooks;
  private final SocketStats stats;
  private final Context context;

  TokenRefresh(SocketHooks hooks, SocketStats stats, Context context) {
    this.hooks = hooks;
    this.stats = stats;
    this.context = context;
  }

  /**
   * @return {@code true} when the hook re-authenticated on the open connection, {@code false} when
   *     the connection must be replaced (the hook declined, or failed: logged); never fails
   */
  Future<Boolean> onSocket(SocketConnection c, AccessToken fresh) {
    stats.tokenRefreshes.incrementAndGet();
    return Futures.continueOn(context, Futures.safe(() -> hooks.refreshOnSocket(c, fresh)))
        .transform(
            ar -> {
              if (ar.failed()) {
                LOG.warn(
                    "[{}] re-authentication on the socket failed: {}",
                    c.logContext(),
                    ar.cause().getMessage());
              }
              return Future.succeededFuture(ar.succeeded() && Boolean.TRUE.equals(ar.result()));
            });
  }
}

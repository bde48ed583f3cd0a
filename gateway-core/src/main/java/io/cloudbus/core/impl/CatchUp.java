package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.util.Futures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up after every (re)connect: the vendor's recent events ({@link
 * SocketHooks#recentEvents}) go oldest first through the same pipeline (dedup, pause) as pushes. A
 * failed fetch is logged and does not drop the connection.
 *
 * <p>Confined to the socket's event-loop context, like its supervisor.
 */
final class CatchUp {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  private final SocketHooks hooks;
  private final SocketStats stats;
  private final EventPipeline pipeline;
  private final Context context;

  CatchUp(SocketHooks hooks, SocketStats stats, EventPipeline pipeline, Context context) {
    this.hooks = hooks;
    this.stats = stats;
    this.pipeline = pipeline;
    this.context = context;
  }

  /**
   * @param ctx the connection's log context
   * @param token the token the connection was opened with, null without auth
   * @return completes when the recent events were published (never fails)
   */
  Future<Void> run(String ctx, AccessToken token) {
    return Futures.continueOn(context, Futures.safe(() -> hooks.recentEvents(token)))
        .transform(
            ar -> {
              if (ar.failed()) {
                LOG.warn("[{}] catch-up failed: {}", ctx, ar.cause().getMessage());
                return Future.succeededFuture();
              }
              List<CloudbusEvent> recent =
                  new ArrayList<>(ar.result() == null ? List.of() : ar.result());
              recent.sort(Comparator.comparing(CloudbusEvent::time));
              stats.catchUpEvents.addAndGet(recent.size());
              LOG.debug("[{}] catch-up: {} recent events", ctx, recent.size());
              recent.forEach(pipeline::deliver);
              return pipeline.drained();
            });
  }
}

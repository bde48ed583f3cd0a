package io.cloudbus.cluster;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.service.GatewayService;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The statuses of a cluster node's accounts: every {@code cloudbus.status} this node sends names it
 * (header {@link GatewayService#NODE_HEADER}), so every node's service shows who owns each account;
 * and the owner repeats its accounts' statuses every {@link #REPEAT_MS}, so that a node that joins
 * (or whose service starts) later learns the accounts it does not own.
 */
final class ClusterStatuses {

  /** How often the owner repeats the status of its accounts, in ms. */
  static final long REPEAT_MS = 5000;

  private final Vertx vertx;
  private final String node;
  private final Supplier<List<CloudSocket>> running;
  private Handler<DeliveryContext<Object>> tagger;
  private long timer = -1;

  /**
   * @param running the sockets this node runs now (called from a timer, any thread)
   */
  ClusterStatuses(Vertx vertx, String node, Supplier<List<CloudSocket>> running) {
    this.vertx = vertx;
    this.node = node;
    this.running = running;
  }

  /** Starts tagging and repeating. */
  void start() {
    tagger =
        ctx -> {
          if (CloudbusAddresses.STATUS.equals(ctx.message().address())
              && ctx.message().headers().get(GatewayService.NODE_HEADER) == null) {
            ctx.message().headers().set(GatewayService.NODE_HEADER, node);
          }
          ctx.next();
        };
    vertx.eventBus().addOutboundInterceptor(tagger);
    timer = vertx.setPeriodic(REPEAT_MS, t -> repeat());
  }

  /** Stops repeating (the statuses of stopping sockets are still tagged). */
  void stopRepeating() {
    vertx.cancelTimer(timer);
  }

  /** Stops tagging. */
  void stopTagging() {
    if (tagger != null) {
      vertx.eventBus().removeOutboundInterceptor(tagger);
    }
  }

  private void repeat() {
    for (CloudSocket socket : running.get()) {
      JsonObject status = socket.status();
      if (status != null && status.getString("state") != null) {
        vertx
            .eventBus()
            .publish(
                CloudbusAddresses.STATUS,
                status.copy().put("vendor", socket.vendor()).put("account", socket.account()));
      }
    }
  }
}

package io.cloudbus.service.impl;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One flush, one system call, for all the frames written to one connection ({@code /ws}, SSE, TCP
 * bridge) in the same turn of its event loop. Vert.x flushes every write made outside the
 * connection's own read, so a burst of events written to one {@code /ws} client cost a {@code
 * write(2)} per frame (17 % of the event loop's CPU in the run path's {@code /ws} row,
 * docs/benchmarks.md). Netty's {@link FlushConsolidationHandler}, placed before Vert.x's handler of
 * the connection, defers each flush to a task behind those already queued on the event loop (at
 * most {@value #MAX_MERGED} merged), and flushes at once when the connection closes. Writes still
 * count against the connection's write queue when they are made, so a slow client is cut as before.
 *
 * <p>Uses Vert.x internals ({@code ConnectionBase}, and the name {@value #VERTX_HANDLER} of
 * Vert.x's handler in the pipeline); on a connection without them it does nothing and every write
 * flushes as before.
 */
final class FlushBatching {

  /** The pipeline name of Vert.x's handler of the connection (Vert.x 5). */
  static final String VERTX_HANDLER = "handler";

  static final String NAME = "cloudbus-flush-batching";

  /** Flushes merged at most into one. */
  static final int MAX_MERGED = 256;

  private FlushBatching() {}

  /**
   * Installs the batching on the channel under {@code connection} (an HTTP connection, before or
   * after its WebSocket upgrade, or a {@code NetSocket}); false when it could not (see the class
   * comment).
   */
  static boolean install(Object connection) {
    if (!(connection instanceof ConnectionBase base)) {
      return false;
    }
    Channel channel = base.channel();
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get(NAME) != null) {
      return true;
    }
    if (pipeline.get(VERTX_HANDLER) == null) {
      return false;
    }
    pipeline.addBefore(VERTX_HANDLER, NAME, new FlushConsolidationHandler(MAX_MERGED, true));
    return true;
  }
}

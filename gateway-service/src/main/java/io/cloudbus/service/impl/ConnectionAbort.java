package io.cloudbus.service.impl;

import io.netty.channel.Channel;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Drops a TCP connection at once, discarding what is still queued for it. A polite close (WebSocket
 * close frame, NetSocket close) waits behind everything a slow client did not read, which can be
 * forever; so after a short grace the service aborts the connection. Uses Vert.x internals ({@code
 * ConnectionBase}, {@code NetSocketInternal}): the close goes through the connection's own channel
 * handler context, below Vert.x's graceful-close handler. For any other type it does nothing and
 * the polite close stays the only one.
 */
final class ConnectionAbort {

  private ConnectionAbort() {}

  /** Closes the channel under {@code connection} (a WebSocket, HttpConnection or NetSocket). */
  static void abort(Object connection) {
    Channel channel = null;
    if (connection instanceof WebSocketInternal ws) {
      channel = ws.channelHandlerContext().channel();
    } else if (connection instanceof ConnectionBase base) {
      channel = base.channel();
    } else if (connection instanceof NetSocketInternal socket) {
      channel = socket.channelHandlerContext().channel();
    }
    if (channel != null) {
      // the unsafe close skips every pipeline handler, Vert.x's graceful close among them
      channel.unsafe().close(channel.voidPromise());
    }
  }
}

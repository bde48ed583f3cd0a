package io.cloudbus.service.impl;

import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP event bus bridge: the wire protocol of {@code vertx-tcp-eventbus-bridge} (4-byte
 * big-endian length + UTF-8 JSON; {@code send}, {@code publish}, {@code register}, {@code
 * unregister}, {@code ping} in; {@code message}, {@code err}, {@code pong} out) served by our own
 * connection handler, because the stock 5.0.8 bridge has no connection hooks, no frame-size limit
 * and writes to slow clients without bound. See {@link TcpBridgeConnection}.
 */
final class TcpBridge {

  private static final Logger LOG = LoggerFactory.getLogger(TcpBridge.class);

  private final Vertx vertx;
  private final ServiceOptions options;
  private final TokenAuth auth;
  private final GatewayMetrics metrics;
  private final Set<TcpBridgeConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private NetServer server;

  TcpBridge(Vertx vertx, ServiceOptions options, TokenAuth auth, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.options = options;
    this.auth = auth;
    this.metrics = metrics;
  }

  /** Listens on the configured host and TCP port; {@code tls} null = plain TCP. */
  Future<NetServer> listen(PemKeyCertOptions tls) {
    NetServerOptions netOptions =
        new NetServerOptions().setHost(options.host()).setPort(options.tcpPort());
    if (tls != null) {
      netOptions.setSsl(true).setKeyCertOptions(tls);
    }
    server = vertx.createNetServer(netOptions).connectHandler(this::accept);
    return server.listen();
  }

  int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  private void accept(NetSocket socket) {
    String id = "tcp#" + ids.incrementAndGet();
    if (metrics.totalClients() >= options.maxClients()) {
      metrics.clientRejected(GatewayMetrics.TCP, "too_many_clients");
      LOG.info("[{}] refused: too many clients ({})", id, options.maxClients());
      TcpBridgeConnection.writeFrame(socket, TcpBridgeConnection.err("too_many_clients"))
          .onComplete(ar -> socket.close());
      return;
    }
    TcpBridgeConnection connection =
        new TcpBridgeConnection(vertx, socket, id, options, auth, metrics);
    connections.add(connection);
    metrics.clientConnected(GatewayMetrics.TCP);
    connection.start(
        () -> {
          connections.remove(connection);
          metrics.clientDisconnected(GatewayMetrics.TCP);
        });
  }

  Future<Void> close() {
    connections.forEach(TcpBridgeConnection::close);
    return server == null ? Future.succeededFuture() : server.close();
  }
}

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
 *
 * <p>Admission: without tokens a connection is a client at once, checked against {@code
 * maxClients}. With tokens a new connection is <em>pending</em> until it authenticates: pending
 * connections do not count toward {@code maxClients} but toward {@code
 * limits().maxPendingClients()} (one over it gets {@code err too_many_pending} and is closed); a
 * connection becomes a client, checked against {@code maxClients}, only when it authenticates. So
 * connections without a token can neither hold client places nor be more than a small fixed number.
 * Refusals are counted in {@code cloudbus_clients_rejected_total} by reason.
 *
 * <p>Threading: the connect handler and every connection run on the service verticle's event loop.
 */
final class TcpBridge {

  private static final Logger LOG = LoggerFactory.getLogger(TcpBridge.class);

  private final Vertx vertx;
  private final ServiceOptions options;
  private final TokenAuth auth;
  private final GatewayMetrics metrics;
  private final Set<TcpBridgeConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private final TcpBridgeConnection.Admission admission =
      new TcpBridgeConnection.Admission() {
        @Override
        public boolean admit() {
          if (clientsFull()) {
            metrics.clientRejected(GatewayMetrics.TCP, "too_many_clients");
            return false;
          }
          metrics.clientPendingDone(GatewayMetrics.TCP);
          metrics.clientConnected(GatewayMetrics.TCP);
          return true;
        }

        @Override
        public void release(TcpBridgeConnection connection, boolean admitted) {
          connections.remove(connection);
          if (admitted) {
            metrics.clientDisconnected(GatewayMetrics.TCP);
          } else {
            metrics.clientPendingDone(GatewayMetrics.TCP);
          }
        }
      };
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
    boolean pending = auth.enabled();
    if (pending && metrics.pendingClients(GatewayMetrics.TCP) >= maxPending()) {
      LOG.debug("[{}] refused: too many pending connections ({})", id, maxPending());
      refuse(socket, "too_many_pending");
      return;
    }
    if (!pending && clientsFull()) {
      LOG.info("[{}] refused: too many clients ({})", id, options.maxClients());
      refuse(socket, "too_many_clients");
      return;
    }
    if (pending) {
      metrics.clientPending(GatewayMetrics.TCP);
    } else {
      metrics.clientConnected(GatewayMetrics.TCP);
    }
    FlushBatching.install(socket);
    TcpBridgeConnection connection =
        new TcpBridgeConnection(vertx, socket, id, options, auth, metrics, admission, !pending);
    connections.add(connection);
    connection.start();
  }

  private int maxPending() {
    return options.limits().maxPendingClients();
  }

  private boolean clientsFull() {
    return metrics.totalClients() >= options.maxClients();
  }

  /** Refuses a connection before reading anything from it: one error frame, then close. */
  private void refuse(NetSocket socket, String reason) {
    metrics.clientRejected(GatewayMetrics.TCP, reason);
    socket.handler(ignored -> {}); // what a refused client sends is dropped, not kept
    socket
        .write(TcpOutbound.encode(TcpBridgeConnection.err(reason)))
        .onComplete(ar -> socket.close());
  }

  Future<Void> close() {
    connections.forEach(TcpBridgeConnection::close);
    return server == null ? Future.succeededFuture() : server.close();
  }
}

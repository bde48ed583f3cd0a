package io.cloudbus.mock.impl;

import io.cloudbus.mock.Faults;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockSocket;
import io.cloudbus.mock.UpgradeCheck;
import io.cloudbus.mock.VendorStats;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push-socket paths of every vendor, matched exactly (no Vert.x Web path patterns, so vendor
 * paths such as {@code /ws/} mean what they say). Applies the upgrade-time faults, then accepts.
 */
final class UpgradeRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(UpgradeRoutes.class);

  private record Route(
      VendorContextImpl vendor, String path, UpgradeCheck check, Handler<MockSocket> handler) {}

  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final AtomicLong socketIds = new AtomicLong();
  private final Vertx vertx;

  UpgradeRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  void register(
      VendorContextImpl vendor, String path, UpgradeCheck check, Handler<MockSocket> handler) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("WebSocket path must start with /: " + path);
    }
    String full = "/" + vendor.vendor() + path;
    if (routes.putIfAbsent(full, new Route(vendor, path, check, handler)) != null) {
      throw new IllegalStateException("WebSocket path already registered: " + full);
    }
  }

  /**
   * The server's WebSocket handshake handler: a registered path gets the vendor's faults and check,
   * anything else a 404. Uses the core handshake rather than a Vert.x Web route so the socket is
   * the core implementation (needed to reset the TCP connection for {@code abort}).
   */
  void handle(ServerWebSocketHandshake handshake) {
    Route route = routes.get(handshake.path());
    if (route == null) {
      handshake.reject(404);
      return;
    }
    VendorContextImpl vendor = route.vendor();
    MockRequest upgrade =
        new MockRequest(
            "GET", route.path(), handshake.headers(), decodedQuery(handshake.query()), "");
    Faults faults = vendor.faults();
    int status = faults.handshakeStatus();
    if (status == 0 && !vendor.admitConnect(System.currentTimeMillis())) {
      status = 429;
    }
    if (status == 0) {
      status = check(route, upgrade);
    }
    if (status != 0) {
      vendor.stats().increment(VendorStats.REJECTED_UPGRADES);
      LOG.debug("[{}] upgrade rejected with {}", vendor.vendor(), status);
      handshake.reject(status);
      return;
    }
    if (faults.latencyMs() > 0) {
      vertx.setTimer(faults.latencyMs(), t -> accept(route, handshake, upgrade));
    } else {
      accept(route, handshake, upgrade);
    }
  }

  private void accept(Route route, ServerWebSocketHandshake handshake, MockRequest upgrade) {
    VendorContextImpl vendor = route.vendor();
    handshake
        .accept()
        .onFailure(e -> LOG.debug("[{}] upgrade failed: {}", vendor.vendor(), e.toString()))
        .onSuccess(
            ws -> {
              MockSocketImpl socket =
                  new MockSocketImpl(socketIds.incrementAndGet(), vendor, ws, upgrade);
              vendor.socketRegistry().add(socket);
              vendor.stats().increment(VendorStats.CONNECTIONS);
              socket.applySilence(vendor.faults());
              LOG.debug("[{}] accepted", socket);
              try {
                route.handler().handle(socket);
              } catch (RuntimeException e) {
                LOG.warn("[{}] socket handler failed; closing with 1011", socket, e);
                socket.close(1011, "mock error");
              }
            });
  }

  private static int check(Route route, MockRequest upgrade) {
    try {
      return route.check().check(upgrade);
    } catch (RuntimeException e) {
      LOG.warn("[{}] upgrade check failed", route.vendor().vendor(), e);
      return 500;
    }
  }

  private static MultiMap decodedQuery(String query) {
    return RestDispatcher.parseQuery(query == null ? "" : query);
  }
}

package io.cloudbus.mock;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/**
 * What the machinery offers one {@link VendorEmulation}: live REST routes on WireMock, push
 * WebSocket paths on the Vert.x server, admin routes, a token authority, a socket registry, stats
 * and the current faults. One context per emulation; every path it takes is relative to that
 * vendor's own root, so vendors never collide.
 *
 * <p>Threading: handlers registered here run on the mock cloud's event-loop context (the same one
 * for REST, WebSocket and admin), one at a time; they must not block. Registration methods may be
 * called only during {@link VendorEmulation#install}.
 */
public interface MockCloudContext {

  /** The Vert.x instance of the mock cloud. */
  Vertx vertx();

  /** This vendor's name ({@link VendorEmulation#name()}). */
  String vendor();

  /**
   * This vendor's REST root on WireMock, e.g. {@code http://127.0.0.1:41234/simplisafe} (no
   * trailing slash). A route registered with path {@code /oauth/token} answers at {@code
   * restBaseUrl() + "/oauth/token"}.
   */
  String restBaseUrl();

  /**
   * This vendor's WebSocket root on the Vert.x server, e.g. {@code ws://127.0.0.1:41235/simplisafe}
   * (no trailing slash). A path {@code /socket} registered with {@link #webSocket} answers at
   * {@code wsBaseUrl() + "/socket"}.
   */
  String wsBaseUrl();

  /** The admin root, e.g. {@code http://127.0.0.1:41235/admin}. */
  String adminUrl();

  /**
   * Serves {@code method} on the exact path {@code path} (relative to {@link #restBaseUrl()},
   * starting with {@code /}, query string ignored) with {@code handler}. The machinery applies the
   * {@code latencyMs} and {@code rateLimited} faults before the handler sees the request.
   *
   * @param method an HTTP method, or {@code ANY}
   * @throws IllegalStateException after install, or for a route already registered
   */
  void rest(String method, String path, RestHandler handler);

  /**
   * Like {@link #rest} but {@code pathRegex} is a Java regular expression matched against the whole
   * path relative to {@link #restBaseUrl()} (e.g. {@code /v1/subscriptions/[^/]+/events}). Exact
   * routes win over regex routes.
   */
  void restMatching(String method, String pathRegex, RestHandler handler);

  /**
   * Serves push WebSockets on {@code path} (relative to {@link #wsBaseUrl()}, exact match, query
   * string ignored). The machinery applies {@code handshakeStatus}, {@code maxConnectsPerSec} and
   * {@code latencyMs} before {@code handler} sees the accepted socket, which is already in {@link
   * #sockets()}. Under {@code silent} the handler still runs, but nothing it sends goes out and
   * nothing is read until the fault is cleared. Paths must be unique per vendor ({@link
   * IllegalStateException} otherwise). A handler that throws gets its socket closed with 1011.
   */
  default void webSocket(String path, Handler<MockSocket> handler) {
    webSocket(path, upgrade -> 0, handler);
  }

  /**
   * Like {@link #webSocket(String, Handler)}, with {@code check} deciding on the upgrade request
   * first (e.g. a bearer token in the upgrade header): it returns 0 to accept or the HTTP status to
   * reject it with.
   */
  void webSocket(String path, UpgradeCheck check, Handler<MockSocket> handler);

  /**
   * Mounts {@code handler} at {@code /admin/{vendor}/{subpath}} (and under every {@link
   * VendorEmulation#adminAliases() alias}). {@code subpath} has no leading slash and may hold
   * Vert.x Web path parameters ({@code messages/:profile}). The generic routes ({@code disconnect},
   * {@code faults}, {@code expire-access-tokens}, {@code revoke-refresh-tokens}) are taken.
   */
  void adminRoute(HttpMethod method, String subpath, AdminHandler handler);

  /** This vendor's token authority. */
  TokenAuthority tokens();

  /** This vendor's open push sockets. */
  SocketRegistry sockets();

  /** This vendor's counters. */
  VendorStats stats();

  /** The faults now in force for this vendor (never null; {@link Faults#NONE} when clear). */
  Faults faults();
}

package io.cloudbus.service.impl;

import io.cloudbus.service.BindAddress;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The browser guard of every endpoint but {@code /health} and the static assets: a route handler
 * that refuses, with 403 {@code origin_not_allowed} and before any WebSocket upgrade or
 * authentication,
 *
 * <ul>
 *   <li>a request whose {@code Origin} is neither one of the service's own origins nor in {@link
 *       ServiceOptions#allowedOrigins()} (a request without {@code Origin} comes from no browser
 *       page and passes);
 *   <li>a request whose {@code Host} names neither this service nor an allowed origin's host: after
 *       DNS rebinding a hostile page is same-origin with the service under its own name and sends
 *       no {@code Origin} on a plain GET, so only its {@code Host} betrays it.
 * </ul>
 *
 * <p>The own origins are {@code scheme://h:port} with the service's scheme and actual HTTP port and
 * {@code h} one of {@code localhost}, {@code 127.0.0.1}, {@code [::1]}, the bind host unless a
 * wildcard, and the request's own {@code Host} when that is an IP literal (an IP cannot be rebound
 * to another server, so a page with that origin is this service's own). Accepted {@code Host}
 * names: those, any IP literal, and the hosts of the allowed origins. {@code *} in the allowed
 * origins turns both checks off.
 *
 * <p>It also answers CORS for allowed origins only: preflights ({@code OPTIONS} with {@code
 * Access-Control-Request-Method}) end here with 204 before authentication, and other responses (but
 * those of SockJS, which sets its own CORS headers, echoing an origin this guard let through) carry
 * {@code Access-Control-Allow-Origin} with that origin and {@code Vary: Origin}, never {@code *}
 * and never credentials (the API takes bearer tokens, not cookies).
 *
 * <p>Threading: stateless after construction but for a cache of the own origins, computed on the
 * first request (the HTTP port is known by then); safe on any thread.
 */
final class OriginGuard {

  static final String SOCKJS_PREFIX = "/eventbus/";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%25[0-9a-z]+)?]");
  private static final int MAX_QUOTED = 200;

  private final ServiceOptions options;
  private final IntSupplier httpPort;
  private final boolean anyOrigin;
  private final Set<String> allowedOrigins = new HashSet<>();
  private final Set<String> allowedHosts = new HashSet<>();
  private final String scheme;
  private volatile Set<String> ownOrigins;

  /**
   * @param httpPort the HTTP server's actual port, read on the first request
   */
  OriginGuard(ServiceOptions options, IntSupplier httpPort) {
    this.options = options;
    this.httpPort = httpPort;
    this.scheme = options.tlsEnabled() ? "https" : "http";
    this.anyOrigin = options.allowedOrigins().contains("*");
    for (String origin : options.allowedOrigins()) {
      String normal = normalize(origin);
      if (normal != null) {
        allowedOrigins.add(normal);
        allowedHosts.add(hostOf(URI.create(normal).getRawAuthority()));
      }
    }
    allowedHosts.add("localhost");
    String bind = bindHost(options.host());
    if (bind != null) {
      allowedHosts.add(bind);
    }
  }

  /** The route handler. */
  void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    String origin = request.getHeader("Origin");
    String host = request.getHeader("Host");
    if (!anyOrigin) {
      if (origin != null && !originAllowed(origin, host)) {
        refuse(rc, "origin " + quoted(origin) + " is not allowed (service.allowedOrigins)");
        return;
      }
      if (host != null && !hostAllowed(hostOf(host))) {
        refuse(
            rc,
            "Host "
                + quoted(host)
                + " is not a name of this service; add its origin to service.allowedOrigins");
        return;
      }
    }
    if (origin != null) {
      if (request.method() == HttpMethod.OPTIONS
          && request.getHeader("Access-Control-Request-Method") != null) {
        preflight(rc, origin);
        return;
      }
      if (!rc.normalizedPath().startsWith(SOCKJS_PREFIX)) {
        rc.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
      }
    }
    rc.next();
  }

  private void preflight(RoutingContext rc, String origin) {
    rc.response()
        .setStatusCode(204)
        .putHeader("Access-Control-Allow-Origin", origin)
        .putHeader("Vary", "Origin")
        .putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
        .putHeader("Access-Control-Max-Age", "600")
        .end();
  }

  private static void refuse(RoutingContext rc, String message) {
    HttpErrors.end(rc, 403, "origin_not_allowed", message);
  }

  boolean originAllowed(String origin, String requestHost) {
    String normal = normalize(origin);
    if (normal == null) {
      return false; // "null" (sandboxed frames, file:) or garbage
    }
    if (allowedOrigins.contains(normal) || ownOrigins().contains(normal)) {
      return true;
    }
    // the service reached under one of its IP addresses: a page there is the service's own
    String h = requestHost == null ? null : hostOf(requestHost);
    return h != null && isIpLiteral(h) && normal.equals(scheme + "://" + h + ":" + httpPort());
  }

  boolean hostAllowed(String host) {
    return allowedHosts.contains(host) || isIpLiteral(host);
  }

  private Set<String> ownOrigins() {
    Set<String> own = ownOrigins;
    if (own == null) {
      Set<String> hosts = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
      String bind = bindHost(options.host());
      if (bind != null) {
        hosts.add(bind);
      }
      Set<String> origins = new HashSet<>();
      hosts.forEach(h -> origins.add(scheme + "://" + h + ":" + httpPort()));
      own = Set.copyOf(origins);
      ownOrigins = own;
    }
    return own;
  }

  private int httpPort() {
    return httpPort.getAsInt();
  }

  /** The bind host as it appears in an origin, or null for a wildcard. */
  private static String bindHost(String host) {
    if (BindAddress.isWildcard(host)) {
      return null;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  /**
   * {@code scheme://host:port} in lower case with the port made explicit, or null when {@code
   * origin} is not of that form.
   */
  static String normalize(String origin) {
    if (origin == null || origin.length() > 2_000) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(origin.trim());
    } catch (java.net.URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    if (uri.getHost() == null
        || uri.getRawUserInfo() != null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      return null;
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }

  /** The host part of a {@code Host} header or an authority, lower case, brackets kept. */
  static String hostOf(String authority) {
    String a = authority.trim().toLowerCase(Locale.ROOT);
    int end = a.startsWith("[") ? a.indexOf(']') + 1 : a.lastIndexOf(':');
    String host = end > 0 ? a.substring(0, end) : a;
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
  }

  private static String quoted(String value) {
    String v = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
    return v.replaceAll("[\\p{Cntrl}]", "?");
  }
}

package io.cloudbus.mock;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * One vendor cloud imitated by the {@link MockCloud}: its REST/OAuth endpoints (served by
 * WireMock), its push WebSocket(s) (served by the mock's Vert.x HTTP server) and its
 * vendor-specific admin routes.
 *
 * <p>Implementations are plugged in explicitly ({@link MockCloudOptions#emulations(List)}) or found
 * by {@link java.util.ServiceLoader} (a line in {@code
 * META-INF/services/io.cloudbus.mock.VendorEmulation}); a ServiceLoader-found class needs a public
 * no-argument constructor. One instance serves one {@link MockCloud}.
 *
 * <p>Threading: {@link #install}, {@link #reset}, every REST handler, WebSocket handler and admin
 * handler of one mock cloud run on the same Vert.x event-loop context, one at a time, so an
 * emulation needs no locking for its own state. None of them may block. {@link #endpoints} may be
 * called from any thread after install: build it from the context's URLs only.
 */
public interface VendorEmulation {

  /**
   * The vendor name used in URLs, stats and admin routes: {@code simplisafe}, {@code bticino},
   * {@code home-assistant}, {@code pylight}. Lower case letters, digits and dashes only; unique
   * within a mock cloud.
   */
  String name();

  /**
   * Registers REST routes, WebSocket paths and admin routes on {@code ctx}. Called once, after the
   * servers listen (so URLs in {@code ctx} are final), on the mock cloud's context. Keep {@code
   * ctx} for later use (tokens, sockets, stats). An exception fails {@link MockCloud#start}.
   */
  void install(MockCloudContext ctx);

  /**
   * The URLs an adapter needs to reach this vendor, e.g. {@code
   * {"tokenUrl":...,"apiBaseUrl":...,"socketUrl":...}}. Called after {@link #install}; build it
   * from {@link MockCloudContext#restBaseUrl()} and {@link MockCloudContext#wsBaseUrl()}. Also the
   * vendor's entry in the {@code cloudbus mock-cloud} line. Never null.
   */
  JsonObject endpoints();

  /**
   * Back to the initial state (history, per-socket state, scripted scenarios). The machinery has
   * already closed every socket, cleared faults and stats and reset the token authority.
   */
  void reset();

  /**
   * Extra fault field names this emulation understands in {@code PUT /admin/{vendor}/faults}
   * besides the standard ones of {@link Faults}; read them with {@link Faults#extra()}. Default:
   * none (an unknown field is a 400 naming it).
   */
  default Set<String> extraFaultNames() {
    return Set.of();
  }

  /**
   * Further prefixes under {@code /admin/} at which this emulation's own admin routes are also
   * mounted, e.g. {@code generic/home-assistant} so that {@code POST
   * /admin/generic/home-assistant/messages} reaches the route registered as {@code messages}.
   * Default: none.
   */
  default List<String> adminAliases() {
    return List.of();
  }

  /**
   * The answer to a REST call while the {@code rateLimited} fault is on (SimpliSafe answers 403,
   * BTicino 429 with error code 28). Return {@code null} to serve {@code request} normally (e.g.
   * the token endpoint of a vendor that never throttles it). Default: 429 {@code
   * {"error":"rate_limited"}}.
   */
  default MockResponse rateLimitedResponse(MockRequest request) {
    return MockResponse.json(429, new JsonObject().put("error", "rate_limited"));
  }
}

package io.cloudbus.mock;

import io.cloudbus.mock.impl.MockCloudImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A running mock of every vendor cloud: WireMock serving each vendor's REST/OAuth endpoints (under
 * {@code restBaseUrl()/{vendor}}), and one Vert.x HTTP server serving each vendor's push WebSockets
 * (under {@code wsBaseUrl()/{vendor}}) and the admin API ({@link #adminUrl()}).
 *
 * <p>Threading: every method may be called from any thread; the {@code Future}s complete on the
 * mock cloud's context. Nothing blocks an event loop (WireMock starts and stops on a worker
 * thread).
 */
public interface MockCloud {

  /**
   * Starts a mock cloud with every emulation of {@code options} (or found by {@link
   * java.util.ServiceLoader}) installed.
   *
   * @return fails when a port is taken, an emulation name repeats or an emulation fails to install
   */
  static Future<MockCloud> start(Vertx vertx, MockCloudOptions options) {
    return MockCloudImpl.start(vertx, options);
  }

  /** {@link #start(Vertx, MockCloudOptions)} with default options (ports 0, ServiceLoader). */
  static Future<MockCloud> start(Vertx vertx) {
    return start(vertx, new MockCloudOptions());
  }

  /** The Vert.x instance it runs on. */
  Vertx vertx();

  /** The admin API root, e.g. {@code http://127.0.0.1:9000/admin}. */
  String adminUrl();

  /** WireMock's root, e.g. {@code http://127.0.0.1:41234}; vendor roots are below it. */
  String restBaseUrl();

  /** The WebSocket server's root, e.g. {@code ws://127.0.0.1:9000}; vendor roots are below it. */
  String wsBaseUrl();

  /** The port of the Vert.x server (WebSockets and admin). */
  int port();

  /** The port of WireMock. */
  int restPort();

  /**
   * The TLS identity (certificate file, fingerprint, a trusting client context) when started with
   * {@link MockCloudOptions#tls(boolean)}, else null.
   */
  MockCloudTls tls();

  /** The names of the installed vendors. */
  Set<String> vendors();

  /**
   * {@code vendor}'s endpoints ({@link VendorEmulation#endpoints()}).
   *
   * @throws IllegalArgumentException for an unknown vendor
   */
  JsonObject endpoints(String vendor);

  /**
   * The line {@code cloudbus mock-cloud} prints: {@code
   * {"admin":"http://127.0.0.1:P/admin","vendors":{"<vendor>":{...endpoints...}}}}.
   */
  JsonObject describe();

  /**
   * {@code vendor}'s context: token authority, sockets, stats, faults (for tests that need more
   * than the admin API).
   *
   * @throws IllegalArgumentException for an unknown vendor
   */
  MockCloudContext context(String vendor);

  /** {@code vendor}'s emulation, cast to {@code type}; for tests. */
  <T extends VendorEmulation> T emulation(String vendor, Class<T> type);

  /** Every vendor's counters: {@code {"<vendor>":{"connections":n,...}}}. */
  JsonObject stats();

  /** Back to the initial state, as {@code POST /admin/reset}. */
  Future<Void> reset();

  /** Stops both servers and drops every socket. Idempotent. */
  Future<Void> close();
}

package io.cloudbus.mock;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Options of a {@link MockCloud}: immutable. Each setter-named method validates its value at once
 * and returns a new instance, so {@code new MockCloudOptions().port(9000).tls(true)} reads as a
 * builder and a shared instance can never change under a running mock. Everything but the
 * emulations round-trips through JSON ({@link #toJson()}, {@link #MockCloudOptions(JsonObject)};
 * emulations are objects).
 */
public final class MockCloudOptions {
  /** Default bind host: loopback only, the mock is not meant to be reachable from outside. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port of the Vert.x server (WebSockets and admin API): any free port. */
  public static final int DEFAULT_PORT = 0;

  /** Default port of WireMock (REST/OAuth): any free port. */
  public static final int DEFAULT_REST_PORT = 0;

  /** Plain {@code http://}/{@code ws://} by default. */
  public static final boolean DEFAULT_TLS = false;

  private final String host;
  private final int port;
  private final int restPort;
  private final List<VendorEmulation> emulations;
  private final boolean tls;
  private final String tlsDir;

  /** The defaults: loopback, any free ports, the ServiceLoader's emulations, no TLS. */
  public MockCloudOptions() {
    this(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_REST_PORT, null, DEFAULT_TLS, null);
  }

  /**
   * Reads {@code host}, {@code port}, {@code restPort}, {@code tls}, {@code tlsDir}; absent fields
   * keep their defaults.
   *
   * @throws IllegalArgumentException for a wrong type or an out-of-range value
   */
  public MockCloudOptions(JsonObject json) {
    this(read(json));
  }

  private MockCloudOptions(MockCloudOptions o) {
    this(o.host, o.port, o.restPort, o.emulations, o.tls, o.tlsDir);
  }

  private MockCloudOptions(
      String host,
      int port,
      int restPort,
      List<VendorEmulation> emulations,
      boolean tls,
      String tlsDir) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (tlsDir != null && tlsDir.isBlank()) {
      throw new IllegalArgumentException("tlsDir must not be blank");
    }
    this.host = host;
    this.port = checkPort("port", port);
    this.restPort = checkPort("restPort", restPort);
    this.emulations = emulations;
    this.tls = tls;
    this.tlsDir = tlsDir;
  }

  private static MockCloudOptions read(JsonObject json) {
    try {
      return new MockCloudOptions(
          json.getString("host", DEFAULT_HOST),
          json.getInteger("port", DEFAULT_PORT),
          json.getInteger("restPort", DEFAULT_REST_PORT),
          null,
          json.getBoolean("tls", DEFAULT_TLS),
          json.getString("tlsDir"));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(
          "host and tlsDir must be strings, port and restPort integers, tls a boolean", e);
    }
  }

  /** Bind host and the host in every URL. Default {@value #DEFAULT_HOST}. */
  public String host() {
    return host;
  }

  /** A copy with this bind host (not blank). */
  public MockCloudOptions host(String host) {
    return new MockCloudOptions(host, port, restPort, emulations, tls, tlsDir);
  }

  /** Port of the Vert.x server (push WebSockets and {@code /admin}); 0 = any free port. */
  public int port() {
    return port;
  }

  /** A copy with this port (0..65535). */
  public MockCloudOptions port(int port) {
    return new MockCloudOptions(host, port, restPort, emulations, tls, tlsDir);
  }

  /** Port of WireMock (every vendor's REST/OAuth endpoints); 0 = any free port. */
  public int restPort() {
    return restPort;
  }

  /** A copy with this REST port (0..65535). */
  public MockCloudOptions restPort(int restPort) {
    return new MockCloudOptions(host, port, restPort, emulations, tls, tlsDir);
  }

  /**
   * The emulations to install, or null (the default) for every emulation found by {@link
   * java.util.ServiceLoader} on the class path.
   */
  public List<VendorEmulation> emulations() {
    return emulations;
  }

  /** A copy installing exactly these emulations (names unique) instead of the ServiceLoader's. */
  public MockCloudOptions emulations(List<? extends VendorEmulation> emulations) {
    Objects.requireNonNull(emulations, "emulations");
    return new MockCloudOptions(host, port, restPort, List.copyOf(emulations), tls, tlsDir);
  }

  /**
   * Whether every endpoint (REST, WebSockets, admin) is served over TLS ({@code https://}, {@code
   * wss://}) with a self-signed certificate made at start ({@link MockCloud#tls()}). Default
   * {@value #DEFAULT_TLS}.
   */
  public boolean tls() {
    return tls;
  }

  /** A copy with TLS on or off. */
  public MockCloudOptions tls(boolean tls) {
    return new MockCloudOptions(host, port, restPort, emulations, tls, tlsDir);
  }

  /** Where the TLS certificate is written; null (the default): a new temporary directory. */
  public String tlsDir() {
    return tlsDir;
  }

  /** A copy writing the TLS certificate into {@code tlsDir} (null: a temporary directory). */
  public MockCloudOptions tlsDir(String tlsDir) {
    return new MockCloudOptions(host, port, restPort, emulations, tls, tlsDir);
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("host", host)
            .put("port", port)
            .put("restPort", restPort)
            .put("tls", tls);
    return tlsDir == null ? json : json.put("tlsDir", tlsDir);
  }

  private static int checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 0..65535");
    }
    return port;
  }
}

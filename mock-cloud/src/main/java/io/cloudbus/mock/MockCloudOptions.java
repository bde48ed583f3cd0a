package io.cloudbus.mock;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Options of a {@link MockCloud}. Mutable builder-style setters that validate at once; the
 * host/port part round-trips through JSON ({@link #toJson()}, {@link
 * #MockCloudOptions(JsonObject)}; emulations are objects and are not part of the JSON).
 */
public class MockCloudOptions {
  /** Default bind host: loopback only, the mock is not meant to be reachable from outside. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port of the Vert.x server (WebSockets and admin API): any free port. */
  public static final int DEFAULT_PORT = 0;

  /** Default port of WireMock (REST/OAuth): any free port. */
  public static final int DEFAULT_REST_PORT = 0;

  /** Plain {@code http://}/{@code ws://} by default. */
  public static final boolean DEFAULT_TLS = false;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int restPort = DEFAULT_REST_PORT;
  private List<VendorEmulation> emulations;
  private boolean tls = DEFAULT_TLS;
  private String tlsDir;

  public MockCloudOptions() {}

  /**
   * Reads {@code host}, {@code port}, {@code restPort}; absent fields keep their defaults.
   *
   * @throws IllegalArgumentException for a wrong type or an out-of-range value
   */
  public MockCloudOptions(JsonObject json) {
    try {
      host(json.getString("host", DEFAULT_HOST));
      port(json.getInteger("port", DEFAULT_PORT));
      restPort(json.getInteger("restPort", DEFAULT_REST_PORT));
      tls(json.getBoolean("tls", DEFAULT_TLS));
      tlsDir(json.getString("tlsDir"));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(
          "host and tlsDir must be strings, port and restPort integers, tls a boolean", e);
    }
  }

  /** Bind host and the host in every URL. Default {@value #DEFAULT_HOST}. */
  public String host() {
    return host;
  }

  public MockCloudOptions host(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    this.host = host;
    return this;
  }

  /** Port of the Vert.x server (push WebSockets and {@code /admin}); 0 = any free port. */
  public int port() {
    return port;
  }

  public MockCloudOptions port(int port) {
    this.port = checkPort("port", port);
    return this;
  }

  /** Port of WireMock (every vendor's REST/OAuth endpoints); 0 = any free port. */
  public int restPort() {
    return restPort;
  }

  public MockCloudOptions restPort(int restPort) {
    this.restPort = checkPort("restPort", restPort);
    return this;
  }

  /**
   * The emulations to install, or null (the default) for every emulation found by {@link
   * java.util.ServiceLoader} on the class path.
   */
  public List<VendorEmulation> emulations() {
    return emulations == null ? null : List.copyOf(emulations);
  }

  /** Installs exactly these emulations (names must be unique) instead of the ServiceLoader ones. */
  public MockCloudOptions emulations(List<? extends VendorEmulation> emulations) {
    Objects.requireNonNull(emulations, "emulations");
    this.emulations = new ArrayList<>(emulations);
    return this;
  }

  /**
   * Whether every endpoint (REST, WebSockets, admin) is served over TLS ({@code https://}, {@code
   * wss://}) with a self-signed certificate made at start ({@link MockCloud#tls()}). Default
   * {@value #DEFAULT_TLS}.
   */
  public boolean tls() {
    return tls;
  }

  public MockCloudOptions tls(boolean tls) {
    this.tls = tls;
    return this;
  }

  /** Where the TLS certificate is written; null (the default): a new temporary directory. */
  public String tlsDir() {
    return tlsDir;
  }

  public MockCloudOptions tlsDir(String tlsDir) {
    if (tlsDir != null && tlsDir.isBlank()) {
      throw new IllegalArgumentException("tlsDir must not be blank");
    }
    this.tlsDir = tlsDir;
    return this;
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

package io.cloudbus.service;

import io.cloudbus.core.journal.JournalOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Settings of the bridge service. Immutable, validated at construction (an {@link
 * IllegalArgumentException} names the field), JSON round-trippable ({@link #toJson()} / {@link
 * #fromJson(JsonObject)}; tokens are written as their SHA-256 only). Units are in the names;
 * defaults are the {@code DEFAULT_*} constants. Unknown JSON fields are refused, naming them.
 */
public final class ServiceOptions {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_TCP_PORT = 7000;
  public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;
  public static final int DEFAULT_MAX_CLIENTS = 1_000;
  public static final int DEFAULT_CLIENT_QUEUE_HIGH_WATER_MARK = 1_000;
  public static final int DEFAULT_RECENT_EVENTS_SIZE = 500;
  public static final long DEFAULT_BRIDGE_PING_TIMEOUT_MS = 10_000;

  private final String host;
  private final int httpPort;
  private final int tcpPort;
  private final List<ApiToken> tokens;
  private final String tlsCertPath;
  private final String tlsKeyPath;
  private final int maxFrameBytes;
  private final int maxClients;
  private final int clientQueueHighWaterMark;
  private final int recentEventsSize;
  private final long bridgePingTimeoutMs;
  private final List<String> vendors;
  private final List<String> allowedOrigins;
  private final boolean insecureNoAuth;
  private final boolean openReads;
  private final ServiceLimits limits;
  private final JournalOptions journal;

  private ServiceOptions(Builder b) {
    if (b.host == null || b.host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    this.host = b.host;
    this.httpPort = port(b.httpPort, "httpPort", false);
    this.tcpPort = port(b.tcpPort, "tcpPort", true);
    this.tokens = List.copyOf(b.tokens);
    if ((b.tlsCertPath == null) != (b.tlsKeyPath == null)) {
      throw new IllegalArgumentException("tlsCertPath and tlsKeyPath must be set together");
    }
    this.tlsCertPath = b.tlsCertPath;
    this.tlsKeyPath = b.tlsKeyPath;
    if (b.journal == null) {
      throw new IllegalArgumentException("journal must not be null");
    }
    this.journal = b.journal;
    this.maxFrameBytes = atLeast(b.maxFrameBytes, 256, "maxFrameBytes");
    this.maxClients = atLeast(b.maxClients, 1, "maxClients");
    this.clientQueueHighWaterMark =
        atLeast(b.clientQueueHighWaterMark, 1, "clientQueueHighWaterMark");
    this.recentEventsSize = atLeast(b.recentEventsSize, 1, "recentEventsSize");
    if (b.bridgePingTimeoutMs < 1_000) {
      throw new IllegalArgumentException("bridgePingTimeoutMs must be >= 1000");
    }
    this.bridgePingTimeoutMs = b.bridgePingTimeoutMs;
    for (String v : b.vendors) {
      if (v == null || !v.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("vendors: invalid vendor name " + v);
      }
    }
    this.vendors = List.copyOf(b.vendors);
    for (String origin : b.allowedOrigins) {
      if (!validOrigin(origin)) {
        throw new IllegalArgumentException(
            "allowedOrigins: expected scheme://host[:port] (or *): " + origin);
      }
    }
    this.allowedOrigins = List.copyOf(b.allowedOrigins);
    this.insecureNoAuth = b.insecureNoAuth;
    if (b.openReads && (this.tokens.isEmpty() || !BindAddress.isLoopback(this.host))) {
      throw new IllegalArgumentException(
          "openReads needs at least one token and a loopback host (it is the demo's mode)");
    }
    this.openReads = b.openReads;
    this.limits = b.limits;
  }

  private static boolean validOrigin(String origin) {
    return origin != null
        && (origin.equals("*") || origin.matches("(?i)https?://[^/\\s?#]+(:\\d{1,5})?"));
  }

  private static int port(int value, String field, boolean allowDisabled) {
    if (value < (allowDisabled ? -1 : 0) || value > 65_535) {
      throw new IllegalArgumentException(
          field + " must be 0..65535" + (allowDisabled ? " or -1 (disabled)" : "") + ": " + value);
    }
    return value;
  }

  private static int atLeast(int value, int min, String field) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + ": " + value);
    }
    return value;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * All defaults: loopback only, no tokens (read access for local clients, no commands), no TLS.
   */
  public static ServiceOptions defaults() {
    return builder().build();
  }

  /** A builder holding these settings, to derive a variant. */
  public Builder toBuilder() {
    return builder()
        .host(host)
        .httpPort(httpPort)
        .tcpPort(tcpPort)
        .tokens(tokens)
        .tls(tlsCertPath, tlsKeyPath)
        .maxFrameBytes(maxFrameBytes)
        .maxClients(maxClients)
        .clientQueueHighWaterMark(clientQueueHighWaterMark)
        .recentEventsSize(recentEventsSize)
        .bridgePingTimeoutMs(bridgePingTimeoutMs)
        .vendors(vendors)
        .allowedOrigins(allowedOrigins)
        .insecureNoAuth(insecureNoAuth)
        .openReads(openReads)
        .limits(limits)
        .journal(journal);
  }

  /**
   * The event journal ({@code journal} section): {@link GatewayService#start(io.vertx.core.Vertx,
   * ServiceOptions)} opens the SQLite journal in {@code journal.path} when enabled and a path is
   * set, else an in-memory one. Default: enabled, no path (in memory for a library user; {@code
   * cloudbus run} fills in {@code data/} beside the token store).
   */
  public JournalOptions journal() {
    return journal;
  }

  /** Bind address of both servers; default {@value #DEFAULT_HOST}. */
  public String host() {
    return host;
  }

  /** HTTP port (dashboard, SockJS, /ws, API); 0 = any free port; default 8080. */
  public int httpPort() {
    return httpPort;
  }

  /** TCP event bus bridge port; 0 = any free port; -1 = no TCP bridge; default 7000. */
  public int tcpPort() {
    return tcpPort;
  }

  /**
   * API tokens; empty (the default) = no authentication: every client has the {@code read} role
   * only (no commands), and only a loopback host may be bound (see {@link #insecureNoAuth()}).
   */
  public List<ApiToken> tokens() {
    return tokens;
  }

  /** PEM certificate chain path; with {@link #tlsKeyPath()} turns on TLS for both servers. */
  public String tlsCertPath() {
    return tlsCertPath;
  }

  /** PEM private key path (PKCS#8 or PKCS#1), or null. */
  public String tlsKeyPath() {
    return tlsKeyPath;
  }

  public boolean tlsEnabled() {
    return tlsCertPath != null;
  }

  /** Largest accepted client frame (/ws, SockJS, TCP bridge), in bytes; default 64 KiB. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Most simultaneous clients over /ws, SockJS and TCP together; default 1000. */
  public int maxClients() {
    return maxClients;
  }

  /**
   * Messages that may wait for one client whose connection cannot take more; a client over the mark
   * is disconnected as too slow. Default 1000.
   */
  public int clientQueueHighWaterMark() {
    return clientQueueHighWaterMark;
  }

  /** Size of the recent-events ring buffer behind {@code /api/events}; default 500. */
  public int recentEventsSize() {
    return recentEventsSize;
  }

  /** A bridge client silent (no ping) for this long is closed, in ms; default 10000. */
  public long bridgePingTimeoutMs() {
    return bridgePingTimeoutMs;
  }

  /**
   * Vendor names accepted as {@code /ws/{vendor}} before any of their accounts is seen, besides
   * those the installed adapters declare ({@code AdapterProvider.description().vendors()}, always
   * accepted); default none.
   */
  public List<String> vendors() {
    return vendors;
  }

  /**
   * Origins (as a browser sends them in {@code Origin}: {@code scheme://host[:port]}) allowed to
   * use the browser-facing endpoints besides the service's own; {@code *} allows every origin.
   * Empty (the default): the service's own origins only.
   */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  /**
   * Whether the service may listen on a non-loopback address with no token configured (everyone who
   * can reach it reads every event; commands stay refused). Default false: such a service refuses
   * to start.
   */
  public boolean insecureNoAuth() {
    return insecureNoAuth;
  }

  /**
   * The demo's mode: a caller presenting no token may read (every GET, {@code /ws}, SSE, outbound
   * bridge addresses) although tokens are configured; the tokens only guard commands, and a
   * presented token must still match. Needs at least one token and a loopback host. Internal:
   * {@code cloudbus demo} sets it for its generated command token; a {@code cloudbus run}
   * configuration cannot. Default false.
   */
  public boolean openReads() {
    return openReads;
  }

  /** Connection counts, deadlines and command rates; see {@link ServiceLimits}. */
  public ServiceLimits limits() {
    return limits;
  }

  /** The JSON form; tokens appear as {@code tokenSha256} only. */
  public JsonObject toJson() {
    JsonArray t = new JsonArray();
    tokens.forEach(token -> t.add(token.toJson()));
    JsonObject json =
        new JsonObject()
            .put("host", host)
            .put("httpPort", httpPort)
            .put("tcpPort", tcpPort)
            .put("tokens", t);
    if (tlsCertPath != null) {
      json.put("tlsCertPath", tlsCertPath).put("tlsKeyPath", tlsKeyPath);
    }
    return json.put("maxFrameBytes", maxFrameBytes)
        .put("maxClients", maxClients)
        .put("clientQueueHighWaterMark", clientQueueHighWaterMark)
        .put("recentEventsSize", recentEventsSize)
        .put("bridgePingTimeoutMs", bridgePingTimeoutMs)
        .put("vendors", new JsonArray(new ArrayList<>(vendors)))
        .put("allowedOrigins", new JsonArray(new ArrayList<>(allowedOrigins)))
        .put("insecureNoAuth", insecureNoAuth)
        .put("openReads", openReads)
        .put("journal", journal.toJson())
        .mergeIn(limits.toJson());
  }

  /**
   * Reads the JSON form; missing fields take their defaults. Throws {@link
   * IllegalArgumentException} naming the field for a wrong type, a bad value or an unknown field.
   */
  public static ServiceOptions fromJson(JsonObject json) {
    return ServiceOptionsReader.read(json);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "ServiceOptions" + toJson().encode();
  }

  /** Builds {@link ServiceOptions}; {@link #build()} validates. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int httpPort = DEFAULT_HTTP_PORT;
    private int tcpPort = DEFAULT_TCP_PORT;
    private List<ApiToken> tokens = List.of();
    private String tlsCertPath;
    private String tlsKeyPath;
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private int maxClients = DEFAULT_MAX_CLIENTS;
    private int clientQueueHighWaterMark = DEFAULT_CLIENT_QUEUE_HIGH_WATER_MARK;
    private int recentEventsSize = DEFAULT_RECENT_EVENTS_SIZE;
    private long bridgePingTimeoutMs = DEFAULT_BRIDGE_PING_TIMEOUT_MS;
    private List<String> vendors = List.of();
    private List<String> allowedOrigins = List.of();
    private boolean insecureNoAuth;
    private boolean openReads;
    private ServiceLimits limits = ServiceLimits.defaults();
    private JournalOptions journal = JournalOptions.defaults();

    private Builder() {}

    public Builder journal(JournalOptions journal) {
      this.journal = journal;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder httpPort(int httpPort) {
      this.httpPort = httpPort;
      return this;
    }

    public Builder tcpPort(int tcpPort) {
      this.tcpPort = tcpPort;
      return this;
    }

    public Builder tokens(List<ApiToken> tokens) {
      this.tokens = List.copyOf(tokens);
      return this;
    }

    /** Adds one token given in plain (hashed at once). */
    public Builder addToken(String plainToken, Role... roles) {
      List<ApiToken> list = new ArrayList<>(tokens);
      list.add(ApiToken.ofPlain(null, plainToken, Set.of(roles)));
      this.tokens = list;
      return this;
    }

    /** PEM certificate and key paths; both null = no TLS. */
    public Builder tls(String certPath, String keyPath) {
      this.tlsCertPath = certPath;
      this.tlsKeyPath = keyPath;
      return this;
    }

    public Builder maxFrameBytes(int maxFrameBytes) {
      this.maxFrameBytes = maxFrameBytes;
      return this;
    }

    public Builder maxClients(int maxClients) {
      this.maxClients = maxClients;
      return this;
    }

    public Builder clientQueueHighWaterMark(int clientQueueHighWaterMark) {
      this.clientQueueHighWaterMark = clientQueueHighWaterMark;
      return this;
    }

    public Builder recentEventsSize(int recentEventsSize) {
      this.recentEventsSize = recentEventsSize;
      return this;
    }

    public Builder bridgePingTimeoutMs(long bridgePingTimeoutMs) {
      this.bridgePingTimeoutMs = bridgePingTimeoutMs;
      return this;
    }

    public Builder vendors(List<String> vendors) {
      this.vendors = List.copyOf(vendors);
      return this;
    }

    public Builder allowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = List.copyOf(allowedOrigins);
      return this;
    }

    public Builder insecureNoAuth(boolean insecureNoAuth) {
      this.insecureNoAuth = insecureNoAuth;
      return this;
    }

    /** See {@link ServiceOptions#openReads()}. */
    public Builder openReads(boolean openReads) {
      this.openReads = openReads;
      return this;
    }

    public Builder limits(ServiceLimits limits) {
      this.limits = java.util.Objects.requireNonNull(limits, "limits");
      return this;
    }

    public ServiceOptions build() {
      return new ServiceOptions(this);
    }
  }
}

package io.cloudbus.cluster;

import io.cloudbus.core.config.ConfigReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * How a node joins its cluster. Immutable, built with {@link #builder()}, validated at construction
 * (an invalid value throws {@link IllegalArgumentException} whose message names the field, e.g.
 * {@code cluster.port: must be between 1 and 65535}), JSON round-trippable ({@link #toJson()} /
 * {@link #fromJson(JsonObject)}); defaults are the {@code DEFAULT_*} constants, units are in the
 * names.
 *
 * <ul>
 *   <li>{@code name}: the cluster name; nodes with another name never join (default {@code
 *       cloudbus})
 *   <li>{@code host}: the address Hazelcast and the event bus bind to and advertise (default {@code
 *       127.0.0.1}); must be reachable from the other members
 *   <li>{@code port}: the Hazelcast member port (default 5701); 0 is refused because the other
 *       members need to know it
 *   <li>{@code members}: the other members as {@code host:port} (TCP/IP join, no multicast); may
 *       include this node itself; empty = a cluster of one until someone lists this node
 *   <li>{@code eventBusPort}: the clustered event bus port; 0 = any free port (advertised through
 *       Hazelcast)
 *   <li>{@code heartbeatIntervalSeconds}: Hazelcast heartbeat interval (default 1)
 *   <li>{@code maxNoHeartbeatSeconds}: a member silent this long is declared dead and its accounts
 *       move (default 10; must be greater than the heartbeat interval)
 *   <li>{@code lockRetryMs}: how often a node that does not own an account tries to take it over
 *       (default 2000)
 *   <li>{@code dedupTtlSeconds}: how long the cluster-shared deduplicator remembers an event id
 *       (default 86400)
 *   <li>{@code rebalance}: whether accounts spread out when nodes join (default true; see {@link
 *       AccountOwnership}); false = a node takes every free account and keeps it until it stops
 *   <li>{@code rebalanceIntervalMs}: how often a node above its share hands over one account
 *       (default 5000); also how long a shed account is left to the others before its former owner
 *       tries it again
 * </ul>
 */
public final class ClusterOptions {

  public static final String DEFAULT_NAME = "cloudbus";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_EVENT_BUS_PORT = 0;
  public static final int DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 1;
  public static final int DEFAULT_MAX_NO_HEARTBEAT_SECONDS = 10;
  public static final long DEFAULT_LOCK_RETRY_MS = 2000;
  public static final long DEFAULT_DEDUP_TTL_SECONDS = 86_400;
  public static final boolean DEFAULT_REBALANCE = true;
  public static final long DEFAULT_REBALANCE_INTERVAL_MS = 5000;

  private final String name;
  private final String host;
  private final int port;
  private final List<String> members;
  private final int eventBusPort;
  private final int heartbeatIntervalSeconds;
  private final int maxNoHeartbeatSeconds;
  private final long lockRetryMs;
  private final long dedupTtlSeconds;
  private final boolean rebalance;
  private final long rebalanceIntervalMs;

  private ClusterOptions(Builder b) {
    if (b.name == null || !b.name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("cluster.name: must be letters, digits, '_', '-', '.'");
    }
    if (b.host == null || b.host.isBlank()) {
      throw new IllegalArgumentException("cluster.host: required");
    }
    if (b.port < 1 || b.port > 65535) {
      throw new IllegalArgumentException("cluster.port: must be between 1 and 65535");
    }
    List<String> list = List.copyOf(b.members);
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).matches("[^:\\s]+:\\d{1,5}")) {
        throw new IllegalArgumentException("cluster.members[" + i + "]: expected host:port");
      }
    }
    if (b.eventBusPort < 0 || b.eventBusPort > 65535) {
      throw new IllegalArgumentException("cluster.eventBusPort: must be between 0 and 65535");
    }
    if (b.heartbeatIntervalSeconds < 1 || b.heartbeatIntervalSeconds > 60) {
      throw new IllegalArgumentException(
          "cluster.heartbeatIntervalSeconds: must be between 1 and 60");
    }
    if (b.maxNoHeartbeatSeconds <= b.heartbeatIntervalSeconds || b.maxNoHeartbeatSeconds > 600) {
      throw new IllegalArgumentException(
          "cluster.maxNoHeartbeatSeconds: must be > heartbeatIntervalSeconds and <= 600");
    }
    if (b.lockRetryMs < 100 || b.lockRetryMs > 60_000) {
      throw new IllegalArgumentException("cluster.lockRetryMs: must be between 100 and 60000");
    }
    if (b.dedupTtlSeconds < 1) {
      throw new IllegalArgumentException("cluster.dedupTtlSeconds: must be positive");
    }
    if (b.rebalanceIntervalMs < 100 || b.rebalanceIntervalMs > 600_000) {
      throw new IllegalArgumentException(
          "cluster.rebalanceIntervalMs: must be between 100 and 600000");
    }
    this.name = b.name;
    this.host = b.host;
    this.port = b.port;
    this.members = list;
    this.eventBusPort = b.eventBusPort;
    this.heartbeatIntervalSeconds = b.heartbeatIntervalSeconds;
    this.maxNoHeartbeatSeconds = b.maxNoHeartbeatSeconds;
    this.lockRetryMs = b.lockRetryMs;
    this.dedupTtlSeconds = b.dedupTtlSeconds;
    this.rebalance = b.rebalance;
    this.rebalanceIntervalMs = b.rebalanceIntervalMs;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults with the given members. */
  public static ClusterOptions defaults(List<String> members) {
    return builder().members(members).build();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    return builder()
        .name(name)
        .host(host)
        .port(port)
        .members(members)
        .eventBusPort(eventBusPort)
        .heartbeatIntervalSeconds(heartbeatIntervalSeconds)
        .maxNoHeartbeatSeconds(maxNoHeartbeatSeconds)
        .lockRetryMs(lockRetryMs)
        .dedupTtlSeconds(dedupTtlSeconds)
        .rebalance(rebalance)
        .rebalanceIntervalMs(rebalanceIntervalMs);
  }

  /**
   * Reads the fields of {@link #toJson()}; absent ones keep their defaults, numeric strings are
   * accepted.
   *
   * @throws IllegalArgumentException naming every bad field ({@code cluster.port: ...}), or an
   *     unknown one
   */
  public static ClusterOptions fromJson(JsonObject json) {
    ConfigReader r = ConfigReader.of(json, "cluster");
    Builder b = builder();
    b.name(r.string("name", DEFAULT_NAME)).host(r.string("host", DEFAULT_HOST));
    b.port((int) r.integer("port", DEFAULT_PORT, 1, 65535));
    List<String> members = new ArrayList<>();
    JsonArray list = r.array("members");
    for (int i = 0; i < list.size(); i++) {
      if (list.getValue(i) instanceof String m) {
        members.add(m);
      } else {
        r.error("members[" + i + "]", "expected host:port");
      }
    }
    b.members(members);
    b.eventBusPort((int) r.integer("eventBusPort", DEFAULT_EVENT_BUS_PORT, 0, 65535));
    b.heartbeatIntervalSeconds(
        (int) r.integer("heartbeatIntervalSeconds", DEFAULT_HEARTBEAT_INTERVAL_SECONDS, 1, 60));
    b.maxNoHeartbeatSeconds(
        (int) r.integer("maxNoHeartbeatSeconds", DEFAULT_MAX_NO_HEARTBEAT_SECONDS, 2, 600));
    b.lockRetryMs(r.integer("lockRetryMs", DEFAULT_LOCK_RETRY_MS, 100, 60_000));
    b.dedupTtlSeconds(r.integer("dedupTtlSeconds", DEFAULT_DEDUP_TTL_SECONDS, 1, Long.MAX_VALUE));
    b.rebalance(r.bool("rebalance", DEFAULT_REBALANCE));
    b.rebalanceIntervalMs(
        r.integer("rebalanceIntervalMs", DEFAULT_REBALANCE_INTERVAL_MS, 100, 600_000));
    r.rejectUnknown();
    r.throwIfInvalid();
    return b.build();
  }

  /** Every field, defaults included. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("host", host)
        .put("port", port)
        .put("members", new JsonArray(new ArrayList<>(members)))
        .put("eventBusPort", eventBusPort)
        .put("heartbeatIntervalSeconds", heartbeatIntervalSeconds)
        .put("maxNoHeartbeatSeconds", maxNoHeartbeatSeconds)
        .put("lockRetryMs", lockRetryMs)
        .put("dedupTtlSeconds", dedupTtlSeconds)
        .put("rebalance", rebalance)
        .put("rebalanceIntervalMs", rebalanceIntervalMs);
  }

  public String name() {
    return name;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public List<String> members() {
    return members;
  }

  public int eventBusPort() {
    return eventBusPort;
  }

  public int heartbeatIntervalSeconds() {
    return heartbeatIntervalSeconds;
  }

  public int maxNoHeartbeatSeconds() {
    return maxNoHeartbeatSeconds;
  }

  public long lockRetryMs() {
    return lockRetryMs;
  }

  public long dedupTtlSeconds() {
    return dedupTtlSeconds;
  }

  public boolean rebalance() {
    return rebalance;
  }

  public long rebalanceIntervalMs() {
    return rebalanceIntervalMs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "ClusterOptions" + toJson().encode();
  }

  /** Collects the fields; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private List<String> members = List.of();
    private int eventBusPort = DEFAULT_EVENT_BUS_PORT;
    private int heartbeatIntervalSeconds = DEFAULT_HEARTBEAT_INTERVAL_SECONDS;
    private int maxNoHeartbeatSeconds = DEFAULT_MAX_NO_HEARTBEAT_SECONDS;
    private long lockRetryMs = DEFAULT_LOCK_RETRY_MS;
    private long dedupTtlSeconds = DEFAULT_DEDUP_TTL_SECONDS;
    private boolean rebalance = DEFAULT_REBALANCE;
    private long rebalanceIntervalMs = DEFAULT_REBALANCE_INTERVAL_MS;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Null = none. */
    public Builder members(List<String> members) {
      this.members = members == null ? List.of() : new ArrayList<>(members);
      return this;
    }

    public Builder eventBusPort(int eventBusPort) {
      this.eventBusPort = eventBusPort;
      return this;
    }

    public Builder heartbeatIntervalSeconds(int seconds) {
      this.heartbeatIntervalSeconds = seconds;
      return this;
    }

    public Builder maxNoHeartbeatSeconds(int seconds) {
      this.maxNoHeartbeatSeconds = seconds;
      return this;
    }

    public Builder lockRetryMs(long lockRetryMs) {
      this.lockRetryMs = lockRetryMs;
      return this;
    }

    public Builder dedupTtlSeconds(long dedupTtlSeconds) {
      this.dedupTtlSeconds = dedupTtlSeconds;
      return this;
    }

    public Builder rebalance(boolean rebalance) {
      this.rebalance = rebalance;
      return this;
    }

    public Builder rebalanceIntervalMs(long rebalanceIntervalMs) {
      this.rebalanceIntervalMs = rebalanceIntervalMs;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first invalid field
     */
    public ClusterOptions build() {
      return new ClusterOptions(this);
    }
  }
}

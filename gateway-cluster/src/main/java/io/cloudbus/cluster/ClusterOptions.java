package io.cloudbus.cluster;

import java.util.List;

/**
 * How a node joins its cluster. Immutable; validated at construction: an invalid value throws
 * {@link IllegalArgumentException} whose message names the field (e.g. {@code cluster.port: must be
 * between 0 and 65535}).
 *
 * @param name the cluster name; nodes with another name never join (default {@code cloudbus})
 * @param host the address Hazelcast and the event bus bind to and advertise (default {@code
 *     127.0.0.1}); must be reachable from the other members
 * @param port the Hazelcast member port (default 5701); 0 is refused because the other members need
 *     to know it
 * @param members the other members as {@code host:port} (TCP/IP join, no multicast); may include
 *     this node itself; empty = a cluster of one until someone lists this node
 * @param eventBusPort the clustered event bus port; 0 = any free port (advertised through
 *     Hazelcast)
 * @param heartbeatIntervalSeconds Hazelcast heartbeat interval in seconds (default 1)
 * @param maxNoHeartbeatSeconds a member silent this long is declared dead and its accounts move
 *     (default 10; must be greater than the heartbeat interval)
 * @param lockRetryMs how often a node that does not own an account tries to take it over, in
 *     milliseconds (default 2000)
 * @param dedupTtlSeconds how long the cluster-shared deduplicator remembers an event id (default
 *     86400)
 * @param rebalance whether accounts spread out when nodes join (default true; see {@link
 *     AccountOwnership}); false = a node takes every free account and keeps it until it stops
 * @param rebalanceIntervalMs how often a node above its share hands over one account, in
 *     milliseconds (default 5000); also how long a shed account is left to the others before its
 *     former owner tries it again
 */
public record ClusterOptions(
    String name,
    String host,
    int port,
    List<String> members,
    int eventBusPort,
    int heartbeatIntervalSeconds,
    int maxNoHeartbeatSeconds,
    long lockRetryMs,
    long dedupTtlSeconds,
    boolean rebalance,
    long rebalanceIntervalMs) {

  public static final String DEFAULT_NAME = "cloudbus";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 1;
  public static final int DEFAULT_MAX_NO_HEARTBEAT_SECONDS = 10;
  public static final long DEFAULT_LOCK_RETRY_MS = 2000;
  public static final long DEFAULT_DEDUP_TTL_SECONDS = 86_400;
  public static final boolean DEFAULT_REBALANCE = true;
  public static final long DEFAULT_REBALANCE_INTERVAL_MS = 5000;

  public ClusterOptions {
    if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("cluster.name: must be letters, digits, '_', '-', '.'");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("cluster.host: required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster.port: must be between 1 and 65535");
    }
    members = List.copyOf(members == null ? List.of() : members);
    for (int i = 0; i < members.size(); i++) {
      if (!members.get(i).matches("[^:\\s]+:\\d{1,5}")) {
        throw new IllegalArgumentException("cluster.members[" + i + "]: expected host:port");
      }
    }
    if (eventBusPort < 0 || eventBusPort > 65535) {
      throw new IllegalArgumentException("cluster.eventBusPort: must be between 0 and 65535");
    }
    if (heartbeatIntervalSeconds < 1 || heartbeatIntervalSeconds > 60) {
      throw new IllegalArgumentException(
          "cluster.heartbeatIntervalSeconds: must be between 1 and 60");
    }
    if (maxNoHeartbeatSeconds <= heartbeatIntervalSeconds || maxNoHeartbeatSeconds > 600) {
      throw new IllegalArgumentException(
          "cluster.maxNoHeartbeatSeconds: must be > heartbeatIntervalSeconds and <= 600");
    }
    if (lockRetryMs < 100 || lockRetryMs > 60_000) {
      throw new IllegalArgumentException("cluster.lockRetryMs: must be between 100 and 60000");
    }
    if (dedupTtlSeconds < 1) {
      throw new IllegalArgumentException("cluster.dedupTtlSeconds: must be positive");
    }
    if (rebalanceIntervalMs < 100 || rebalanceIntervalMs > 600_000) {
      throw new IllegalArgumentException(
          "cluster.rebalanceIntervalMs: must be between 100 and 600000");
    }
  }

  /** As the canonical constructor, with rebalancing on at the default interval. */
  public ClusterOptions(
      String name,
      String host,
      int port,
      List<String> members,
      int eventBusPort,
      int heartbeatIntervalSeconds,
      int maxNoHeartbeatSeconds,
      long lockRetryMs,
      long dedupTtlSeconds) {
    this(
        name,
        host,
        port,
        members,
        eventBusPort,
        heartbeatIntervalSeconds,
        maxNoHeartbeatSeconds,
        lockRetryMs,
        dedupTtlSeconds,
        DEFAULT_REBALANCE,
        DEFAULT_REBALANCE_INTERVAL_MS);
  }

  /** A copy with rebalancing on or off, handing over at most one account per {@code intervalMs}. */
  public ClusterOptions withRebalance(boolean on, long intervalMs) {
    return new ClusterOptions(
        name,
        host,
        port,
        members,
        eventBusPort,
        heartbeatIntervalSeconds,
        maxNoHeartbeatSeconds,
        lockRetryMs,
        dedupTtlSeconds,
        on,
        intervalMs);
  }

  /** The defaults with the given members. */
  public static ClusterOptions defaults(List<String> members) {
    return new ClusterOptions(
        DEFAULT_NAME,
        DEFAULT_HOST,
        DEFAULT_PORT,
        members,
        0,
        DEFAULT_HEARTBEAT_INTERVAL_SECONDS,
        DEFAULT_MAX_NO_HEARTBEAT_SECONDS,
        DEFAULT_LOCK_RETRY_MS,
        DEFAULT_DEDUP_TTL_SECONDS,
        DEFAULT_REBALANCE,
        DEFAULT_REBALANCE_INTERVAL_MS);
  }
}

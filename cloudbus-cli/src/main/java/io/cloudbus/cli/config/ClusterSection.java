package io.cloudbus.cli.config;

import io.cloudbus.cluster.ClusterOptions;
import io.cloudbus.core.config.ConfigReader;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cluster} section: name, host, port, members ({@code host:port}), event bus port,
 * heartbeats (the silence limit above the interval), lock retry, dedup TTL and rebalancing, each
 * defaulting to {@link ClusterOptions}' value. Problems are added to the validator's error list.
 */
final class ClusterSection {

  private ClusterSection() {}

  /**
   * @return the options, or null when a problem was found (and added to {@code errors})
   */
  static ClusterOptions parse(ConfigReader s, List<String> errors) {
    String name = s.string("name", false);
    String host = s.string("host", false);
    long port = s.integer("port", ClusterOptions.DEFAULT_PORT, 1, 65535);
    List<String> members = new ArrayList<>();
    JsonArray list = s.array("members");
    for (int i = 0; i < list.size(); i++) {
      Object m = list.getValue(i);
      if (m instanceof String str && str.trim().matches("[^:\\s]+:\\d{1,5}")) {
        members.add(str.trim());
      } else {
        s.error("members[" + i + "]", "expected host:port");
      }
    }
    long eventBusPort = s.integer("eventBusPort", 0, 0, 65535);
    long heartbeat =
        s.integer(
            "heartbeatIntervalSeconds", ClusterOptions.DEFAULT_HEARTBEAT_INTERVAL_SECONDS, 1, 60);
    long maxNoHeartbeat =
        s.integer("maxNoHeartbeatSeconds", ClusterOptions.DEFAULT_MAX_NO_HEARTBEAT_SECONDS, 2, 600);
    long retry = s.integer("lockRetryMs", ClusterOptions.DEFAULT_LOCK_RETRY_MS, 100, 60_000);
    long ttl =
        s.integer("dedupTtlSeconds", ClusterOptions.DEFAULT_DEDUP_TTL_SECONDS, 1, 30L * 86_400);
    boolean rebalance = s.bool("rebalance", ClusterOptions.DEFAULT_REBALANCE);
    long rebalanceInterval =
        s.integer(
            "rebalanceIntervalMs", ClusterOptions.DEFAULT_REBALANCE_INTERVAL_MS, 100, 600_000);
    s.rejectUnknown();
    if (maxNoHeartbeat <= heartbeat) {
      s.error("maxNoHeartbeatSeconds", "must be > heartbeatIntervalSeconds");
      return null;
    }
    try {
      return ClusterOptions.builder()
          .name(name == null || name.isBlank() ? ClusterOptions.DEFAULT_NAME : name)
          .host(host == null || host.isBlank() ? ClusterOptions.DEFAULT_HOST : host)
          .port((int) port)
          .members(members)
          .eventBusPort((int) eventBusPort)
          .heartbeatIntervalSeconds((int) heartbeat)
          .maxNoHeartbeatSeconds((int) maxNoHeartbeat)
          .lockRetryMs(retry)
          .dedupTtlSeconds(ttl)
          .rebalance(rebalance)
          .rebalanceIntervalMs(rebalanceInterval)
          .build();
    } catch (IllegalArgumentException e) {
      errors.add(e.getMessage());
      return null;
    }
  }
}

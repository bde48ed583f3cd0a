package io.cloudbus.cli.config;

import io.cloudbus.cluster.ClusterOptions;
import io.cloudbus.service.ServiceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The listening ports of a configuration must differ: two servers on one port would each get half
 * of the connections (the kernel shares a port between Vert.x servers of one process) or fail at
 * start. {@code 0} (any free port) and {@code -1} (off) never clash.
 */
final class Ports {

  private Ports() {}

  /**
   * Adds an error naming both fields for every port used twice.
   *
   * @param cluster the cluster section, or null when there is none
   */
  static void checkDistinct(ServiceOptions service, ClusterOptions cluster, List<String> errors) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("service.httpPort", service.httpPort());
    ports.put("service.tcpPort", service.tcpPort());
    if (cluster != null) {
      ports.put("cluster.port", cluster.port());
      ports.put("cluster.eventBusPort", cluster.eventBusPort());
    }
    Map<Integer, String> seen = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : ports.entrySet()) {
      int port = e.getValue();
      if (port <= 0) {
        continue;
      }
      String first = seen.putIfAbsent(port, e.getKey());
      if (first != null) {
        errors.add(
            e.getKey()
                + ": "
                + port
                + " is also "
                + first
                + "; every listening port must be different");
      }
    }
  }
}

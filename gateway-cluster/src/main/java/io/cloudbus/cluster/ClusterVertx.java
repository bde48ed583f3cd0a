package io.cloudbus.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.cloudbus.service.ServiceVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Builds a clustered Vert.x on Hazelcast from {@link ClusterOptions}: TCP/IP join with the listed
 * members only (multicast and auto-detection off), phone-home off, the cluster name, bind
 * host/port, and failure detection in seconds (heartbeat interval, max no-heartbeat). Vert.x's own
 * maps ({@code __vertx.subs}, ...) keep the settings of vertx-hazelcast's {@code
 * default-cluster.xml}.
 *
 * <p>Threading: {@link #create} may be called from any thread; the future completes once the node
 * has joined (or failed to: e.g. the port is taken).
 */
public final class ClusterVertx {

  private ClusterVertx() {}

  /** A clustered Vertx with Prometheus metrics (as {@link ServiceVertx#create()}). */
  public static Future<Vertx> create(ClusterOptions options) {
    return create(options, new VertxOptions());
  }

  /** A clustered Vertx with {@code vertxOptions} (its event bus host/port are replaced). */
  public static Future<Vertx> create(ClusterOptions options, VertxOptions vertxOptions) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(options));
    VertxOptions vo = new VertxOptions(vertxOptions);
    vo.setEventBusOptions(
        new EventBusOptions(vo.getEventBusOptions())
            .setHost(options.host())
            .setPort(options.eventBusPort()));
    return ServiceVertx.createClustered(vo, manager);
  }

  /** The Hazelcast configuration for {@code options} (exposed for tests and docs). */
  public static Config hazelcastConfig(ClusterOptions options) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(options.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty(
        "hazelcast.heartbeat.interval.seconds", "" + options.heartbeatIntervalSeconds());
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "" + options.maxNoHeartbeatSeconds());
    // Without a local address Hazelcast picks an interface by itself (possibly not loopback).
    config.setProperty("hazelcast.local.localAddress", options.host());
    // A member that lost contact merges back quickly once it can reach the others again.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(options.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(options.members());
    if (options.members().isEmpty()) {
      join.getTcpIpConfig().addMember(options.host() + ":" + options.port());
    }
    return config;
  }
}

package io.cloudbus.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import io.cloudbus.cluster.ClusterOptions;
import io.cloudbus.cluster.ClusterVertx;
import io.cloudbus.core.AdapterProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cluster} section of the configuration and the Hazelcast settings it gives. */
class ClusterConfigTest {

  private final ConfigLoader loader =
      new ConfigLoader(Map.<String, String>of()::get, AdapterProvider.installed(), account -> {});

  @TempDir Path dir;

  @Test
  void aFullClusterSectionLoads() throws Exception {
    GatewayConfig config =
        loader.parse(
            """
            cluster:
              name: prod
              host: 10.0.0.5
              port: 5702
              members: ["10.0.0.5:5702", "10.0.0.6:5702"]
              eventBusPort: 6000
              heartbeatIntervalSeconds: 2
              maxNoHeartbeatSeconds: 8
              lockRetryMs: 1000
              dedupTtlSeconds: 600
              rebalance: false
              rebalanceIntervalMs: 2500
            """,
            false,
            dir);
    assertThat(config.cluster())
        .isEqualTo(
            ClusterOptions.builder()
                .name("prod")
                .host("10.0.0.5")
                .port(5702)
                .members(List.of("10.0.0.5:5702", "10.0.0.6:5702"))
                .eventBusPort(6000)
                .heartbeatIntervalSeconds(2)
                .maxNoHeartbeatSeconds(8)
                .lockRetryMs(1000)
                .dedupTtlSeconds(600)
                .rebalance(false)
                .rebalanceIntervalMs(2500)
                .build());
  }

  @Test
  void rebalanceIsOnByDefaultAndAcceptsEnvironmentStrings() throws Exception {
    ClusterOptions defaults = loader.parse("cluster: {}", false, dir).cluster();
    assertThat(defaults.rebalance()).isTrue();
    assertThat(defaults.rebalanceIntervalMs())
        .isEqualTo(ClusterOptions.DEFAULT_REBALANCE_INTERVAL_MS);
    ClusterOptions off =
        loader
            .parse("cluster: {rebalance: \"FALSE\", rebalanceIntervalMs: \"700\"}", false, dir)
            .cluster();
    assertThat(off.rebalance()).isFalse();
    assertThat(off.rebalanceIntervalMs()).isEqualTo(700);
  }

  @Test
  void absentSectionIsNullAndEmptySectionGivesDefaults() throws Exception {
    assertThat(loader.parse("accounts: []", false, dir).cluster()).isNull();
    assertThat(loader.parse("cluster: {}", false, dir).cluster())
        .isEqualTo(ClusterOptions.defaults(List.of()));
  }

  @Test
  void everyBadFieldIsNamed() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
                    cluster:
                      port: 0
                      members: ["nohost", 5]
                      heartbeatIntervalSeconds: 0
                      lockRetryMs: 5
                      rebalance: maybe
                      rebalanceIntervalMs: 5
                      multicast: true
                    """,
                    false,
                    dir))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .contains(
                        "cluster.port: must be between 1 and 65535",
                        "cluster.members[0]: expected host:port",
                        "cluster.members[1]: expected host:port",
                        "cluster.heartbeatIntervalSeconds: must be between 1 and 60",
                        "cluster.lockRetryMs: must be between 100 and 60000",
                        "cluster.rebalance: expected true or false",
                        "cluster.rebalanceIntervalMs: must be between 100 and 600000",
                        "cluster.multicast: unknown field"));
  }

  @Test
  void failureDetectionMustExceedTheHeartbeat() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "cluster: {heartbeatIntervalSeconds: 5, maxNoHeartbeatSeconds: 5}", false, dir))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "cluster.maxNoHeartbeatSeconds: must be > heartbeatIntervalSeconds"));
  }

  @Test
  void hazelcastJoinsByTcpIpOnlyWithoutPhoneHome() {
    ClusterOptions options =
        ClusterOptions.builder()
            .name("c")
            .port(5801)
            .members(List.of("127.0.0.1:5802"))
            .maxNoHeartbeatSeconds(5)
            .lockRetryMs(500)
            .dedupTtlSeconds(60)
            .build();
    Config config = ClusterVertx.hazelcastConfig(options);
    assertThat(config.getClusterName()).isEqualTo("c");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
    var join = config.getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5802");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    // Vert.x's own maps keep their backups (from vertx-hazelcast's default-cluster.xml)
    assertThat(config.getMultiMapConfig("__vertx.subs").getBackupCount()).isEqualTo(1);
  }

  @Test
  void optionsRefuseBadValuesNamingTheField() {
    assertThatThrownBy(() -> ClusterOptions.builder().name("a b").host("h").port(1).build())
        .hasMessageStartingWith("cluster.name:");
    assertThatThrownBy(
            () ->
                ClusterOptions.builder()
                    .name("a")
                    .host("h")
                    .port(1)
                    .heartbeatIntervalSeconds(3)
                    .maxNoHeartbeatSeconds(2)
                    .build())
        .hasMessageStartingWith("cluster.maxNoHeartbeatSeconds:");
  }
}

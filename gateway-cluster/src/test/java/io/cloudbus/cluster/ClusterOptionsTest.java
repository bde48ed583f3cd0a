package io.cloudbus.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {

  @Test
  void jsonRoundTripKeepsEveryFieldAndDefaultsAreTheConstants() {
    ClusterOptions options =
        ClusterOptions.builder()
            .name("prod")
            .host("10.0.0.5")
            .port(5702)
            .members(List.of("10.0.0.6:5702"))
            .eventBusPort(6000)
            .heartbeatIntervalSeconds(2)
            .maxNoHeartbeatSeconds(8)
            .lockRetryMs(1000)
            .dedupTtlSeconds(600)
            .rebalance(false)
            .rebalanceIntervalMs(2500)
            .build();
    assertThat(ClusterOptions.fromJson(options.toJson())).isEqualTo(options);
    assertThat(ClusterOptions.fromJson(new JsonObject()))
        .isEqualTo(ClusterOptions.defaults(List.of()));
    ClusterOptions defaults = ClusterOptions.builder().build();
    assertThat(defaults.port()).isEqualTo(ClusterOptions.DEFAULT_PORT);
    assertThat(defaults.lockRetryMs()).isEqualTo(ClusterOptions.DEFAULT_LOCK_RETRY_MS);
    assertThat(options.toBuilder().rebalance(true).build().rebalance()).isTrue();
  }

  @Test
  void errorsNameTheField() {
    assertThatThrownBy(() -> ClusterOptions.fromJson(new JsonObject().put("port", 0).put("x", 1)))
        .hasMessage("cluster.port: must be between 1 and 65535; cluster.x: unknown field");
    assertThatThrownBy(() -> ClusterOptions.builder().members(List.of("nohost")).build())
        .hasMessage("cluster.members[0]: expected host:port");
  }
}

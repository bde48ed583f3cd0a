package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void fullRunHasTheIssuesSizes() {
    BenchOptions full = BenchOptions.full();

    assertThat(full.throughputSockets()).containsExactly(1, 100, 1_000);
    assertThat(full.idleSockets()).containsExactly(1_000, 10_000);
    assertThat(full.fanoutClients()).containsExactly(1_000, 10_000);
    assertThat(full.latencyEventsPerSec()).isEqualTo(10_000);
    assertThat(full.latencySockets()).isEqualTo(100);
    assertThat(full.latencyWsClients()).isEqualTo(100);
  }

  @Test
  void idleCountsAreSortedAndTheStormDelaySpreadsTheLargestOverTheLimit() {
    // GIVEN 10,000 sockets at 1,000 connects/s
    BenchOptions o =
        BenchOptions.full().toBuilder().idleSockets(List.of(10_000, 1_000, 1_000)).build();

    // THEN the fleet grows 1,000 → 10,000, reconnects spread over 15 s (mean 667/s)
    assertThat(o.idleSockets()).containsExactly(1_000, 10_000);
    assertThat(o.stormReconnectDelayMs()).isEqualTo(15_000);
    // a small fleet keeps the demo's 500 ms bound
    assertThat(o.toBuilder().idleSockets(List.of(20)).build().stormReconnectDelayMs())
        .isEqualTo(500);
  }

  @Test
  void countsMustBePositive() {
    assertThatThrownBy(() -> BenchOptions.quick().toBuilder().idleSockets(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleSockets");
    assertThatThrownBy(() -> BenchOptions.quick().toBuilder().fanoutClients(List.of(5, 0)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fanoutClients");
    assertThatThrownBy(() -> BenchOptions.quick().toBuilder().throughputWsClients(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("throughputWsClients");
    assertThatThrownBy(() -> BenchOptions.quick().toBuilder().connectRate(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectRate");
  }

  @Test
  void jsonRoundTripKeepsEveryField() {
    BenchOptions quick = BenchOptions.quick();
    assertThat(BenchOptions.fromJson(quick.toJson())).isEqualTo(quick);
    assertThat(BenchOptions.fromJson(new io.vertx.core.json.JsonObject()))
        .isEqualTo(BenchOptions.full());
  }
}

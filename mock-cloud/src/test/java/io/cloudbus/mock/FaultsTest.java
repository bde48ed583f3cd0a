package io.cloudbus.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultsTest {
  @Test
  void mergeSetsClearsAndKeeps() {
    Faults faults =
        Faults.NONE.merge(
            new JsonObject()
                .put("handshakeStatus", 503)
                .put("silent", true)
                .put("malformedEvery", 3),
            Set.of());
    assertThat(faults.handshakeStatus()).isEqualTo(503);
    assertThat(faults.any()).isTrue();
    Faults next = faults.merge(new JsonObject().putNull("silent").put("latencyMs", 250), Set.of());
    assertThat(next.silent()).isFalse();
    assertThat(next.handshakeStatus()).isEqualTo(503);
    assertThat(next.latencyMs()).isEqualTo(250);
    assertThat(next.toJson())
        .isEqualTo(
            new JsonObject()
                .put("handshakeStatus", 503)
                .put("malformedEvery", 3)
                .put("latencyMs", 250L));
  }

  @Test
  void roundTripsThroughJson() {
    Faults faults =
        Faults.NONE.merge(
            new JsonObject()
                .put("acceptThenClose", true)
                .put("rateLimited", true)
                .put("maxConnectsPerSec", 2)
                .put("retransmit", 3),
            Set.of("retransmit"));
    assertThat(Faults.NONE.merge(faults.toJson(), Set.of("retransmit"))).isEqualTo(faults);
    assertThat(faults.extra("retransmit")).isEqualTo(3);
  }

  @Test
  void rejectsUnknownFieldsWrongTypesAndRanges() {
    assertThatThrownBy(() -> Faults.NONE.merge(new JsonObject().put("retransmit", 1), Set.of()))
        .hasMessage("unknown fault field: retransmit");
    assertThatThrownBy(() -> Faults.NONE.merge(new JsonObject().put("latencyMs", "slow"), Set.of()))
        .hasMessage("latencyMs must be an integer");
    assertThatThrownBy(() -> Faults.NONE.merge(new JsonObject().put("latencyMs", 1.5), Set.of()))
        .hasMessage("latencyMs must be an integer");
    assertThatThrownBy(() -> Faults.NONE.merge(new JsonObject().put("latencyMs", 60_001), Set.of()))
        .hasMessageContaining("latencyMs must be 0..60000");
    assertThatThrownBy(
            () -> Faults.NONE.merge(new JsonObject().put("handshakeStatus", 200), Set.of()))
        .hasMessageContaining("handshakeStatus");
    assertThatThrownBy(
            () -> Faults.NONE.merge(new JsonObject().put("malformedEvery", 1L << 40), Set.of()))
        .hasMessage("malformedEvery is out of range");
    assertThatThrownBy(
            () -> Faults.NONE.merge(new JsonObject().put("maxConnectsPerSec", -1), Set.of()))
        .hasMessageContaining("maxConnectsPerSec");
  }
}

package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOnUnsortedSamples() {
    // GIVEN 1..100 in reverse order
    long[] samples = new long[100];
    for (int i = 0; i < 100; i++) {
      samples[i] = 100 - i;
    }

    // WHEN
    Percentiles p = Percentiles.of(samples, 100);

    // THEN
    assertThat(p.percentile(50)).isEqualTo(50);
    assertThat(p.percentile(99)).isEqualTo(99);
    assertThat(p.percentile(99.9)).isEqualTo(100);
    assertThat(p.max()).isEqualTo(100);
    assertThat(p.percentile(0.5)).isEqualTo(1);
  }

  @Test
  void usesOnlyTheFirstCountSamplesAndLeavesTheInputAlone() {
    long[] samples = {5, 1, 9, 1_000};

    Percentiles p = Percentiles.of(samples, 3);

    assertThat(p.count()).isEqualTo(3);
    assertThat(p.max()).isEqualTo(9);
    assertThat(p.percentile(50)).isEqualTo(5);
    assertThat(samples).containsExactly(5, 1, 9, 1_000);
  }

  @Test
  void singleSampleIsEveryPercentile() {
    Percentiles p = Percentiles.of(new long[] {42}, 1);

    assertThat(p.percentile(1)).isEqualTo(42);
    assertThat(p.percentile(99.9)).isEqualTo(42);
  }

  @Test
  void refusesBadArguments() {
    Percentiles empty = Percentiles.of(new long[0], 0);
    assertThatThrownBy(() -> empty.percentile(50)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}, 1).percentile(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsSentNanosFromFrameText() {
    assertThat(LatencyRecorder.sentNanos("{\"data\":{\"id\":1,\"sentNanos\":123456789}}"))
        .isEqualTo(123_456_789L);
    assertThat(LatencyRecorder.sentNanos("{\"data\":{}}")).isEqualTo(-1);
    assertThat(LatencyRecorder.sentNanos("{\"sentNanos\":\"x\"}")).isEqualTo(-1);
  }
}

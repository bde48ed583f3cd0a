package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  @Test
  void boundsDoublePerAttemptUpToTheCap() {
    ExponentialBackoff b = new ExponentialBackoff(0, 1_000, 30_000, () -> 0.5);
    assertThat(b.upperBoundMs(1)).isEqualTo(1_000);
    assertThat(b.upperBoundMs(2)).isEqualTo(2_000);
    assertThat(b.upperBoundMs(5)).isEqualTo(16_000);
    assertThat(b.upperBoundMs(6)).isEqualTo(30_000);
    assertThat(b.upperBoundMs(10_000)).isEqualTo(30_000);
    assertThat(b.upperBoundMs(0)).isEqualTo(1_000);
  }

  @Test
  void fullJitterCoversZeroToTheBound() {
    assertThat(new ExponentialBackoff(0, 1_000, 30_000, () -> 0.0).delayMs(3)).isZero();
    assertThat(new ExponentialBackoff(0, 1_000, 30_000, () -> 0.999_999_9).delayMs(3))
        .isEqualTo(4_000);
    Random random = new Random(42);
    ExponentialBackoff b = new ExponentialBackoff(0, 1_000, 30_000, random::nextDouble);
    for (int n = 1; n < 40; n++) {
      assertThat(b.delayMs(n)).isBetween(0L, b.upperBoundMs(n));
    }
  }

  @Test
  void floorKeepsDelaysLong() {
    ExponentialBackoff b = new ExponentialBackoff(300_000, 300_000, 7_200_000, () -> 0.0);
    assertThat(b.delayMs(1)).isEqualTo(300_000);
    assertThat(b.delayMs(3)).isEqualTo(300_000);
    assertThat(new ExponentialBackoff(300_000, 300_000, 7_200_000, () -> 0.999_999_99).delayMs(3))
        .isEqualTo(1_200_000);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new ExponentialBackoff(0, 0, 10, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExponentialBackoff(0, 100, 10, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

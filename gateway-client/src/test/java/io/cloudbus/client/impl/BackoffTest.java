package io.cloudbus.client.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void theCeilingDoublesFromMinUpToMax() {
    Backoff b = new Backoff(100, 1_000);
    assertThat(b.ceilingMs(1)).isEqualTo(100);
    assertThat(b.ceilingMs(2)).isEqualTo(200);
    assertThat(b.ceilingMs(3)).isEqualTo(400);
    assertThat(b.ceilingMs(4)).isEqualTo(800);
    assertThat(b.ceilingMs(5)).isEqualTo(1_000);
    assertThat(b.ceilingMs(64)).isEqualTo(1_000);
    assertThat(b.ceilingMs(Integer.MAX_VALUE)).isEqualTo(1_000);
    assertThat(b.ceilingMs(0)).isEqualTo(100);
  }

  @Test
  void delaysAreFullJitterBetweenMinAndTheCeiling() {
    // GIVEN a random source that records its bounds and answers the largest value
    List<Long> bounds = new ArrayList<>();
    Backoff top =
        new Backoff(
            100,
            1_000,
            bound -> {
              bounds.add(bound);
              return bound - 1;
            });
    Backoff bottom = new Backoff(100, 1_000, bound -> 0);
    // THEN the delay spans [min, ceiling] inclusive
    assertThat(top.delayMs(1)).isEqualTo(100);
    assertThat(top.delayMs(3)).isEqualTo(400);
    assertThat(top.delayMs(10)).isEqualTo(1_000);
    assertThat(bounds).containsExactly(1L, 301L, 901L);
    assertThat(bottom.delayMs(10)).isEqualTo(100);
    Backoff real = new Backoff(100, 1_000);
    for (int i = 0; i < 1_000; i++) {
      assertThat(real.delayMs(4)).isBetween(100L, 800L);
    }
  }

  @Test
  void invalidBoundsAreRefused() {
    assertThatThrownBy(() -> new Backoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(10, 5)).isInstanceOf(IllegalArgumentException.class);
  }
}

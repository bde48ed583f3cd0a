package io.cloudbus.client.impl;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Reconnect delays with exponential growth and full jitter: attempt {@code n} (from 1) waits a
 * random time in {@code [min, min(max, min * 2^(n-1))]} milliseconds. Thread-safe if the random
 * source is.
 */
public final class Backoff {

  private final long minMs;
  private final long maxMs;
  private final LongUnaryOperator random;

  /** With {@link ThreadLocalRandom}. */
  public Backoff(long minMs, long maxMs) {
    this(minMs, maxMs, bound -> ThreadLocalRandom.current().nextLong(bound));
  }

  /**
   * @param random given an exclusive bound {@code b > 0}, returns a value in {@code [0, b)}
   * @throws IllegalArgumentException unless {@code 0 < minMs <= maxMs}
   */
  public Backoff(long minMs, long maxMs, LongUnaryOperator random) {
    if (minMs <= 0 || maxMs < minMs) {
      throw new IllegalArgumentException(
          "need 0 < minMs <= maxMs, got min " + minMs + " max " + maxMs);
    }
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /** The upper bound of attempt {@code n}'s delay. */
  public long ceilingMs(int attempt) {
    int n = Math.max(1, attempt);
    // Shifting by 62 or more would overflow; by then the ceiling is max anyway.
    long grown = n - 1 >= 62 ? Long.MAX_VALUE : minMs << (n - 1);
    if (grown < minMs) {
      grown = Long.MAX_VALUE;
    }
    return Math.min(maxMs, grown);
  }

  /** The delay before attempt {@code n} (1 = the first reconnect), in milliseconds. */
  public long delayMs(int attempt) {
    long ceiling = ceilingMs(attempt);
    return minMs + random.applyAsLong(ceiling - minMs + 1);
  }
}

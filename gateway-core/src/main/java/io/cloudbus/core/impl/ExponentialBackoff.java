package io.cloudbus.core.impl;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (the Hono formula): the delay of attempt {@code n} (1-based)
 * is uniformly random in {@code [min(floorMs, bound), bound]} where {@code bound = min(maxMs,
 * 2^(n-1) * incrementMs)}. With {@code floorMs = 0} this is AWS-style "full jitter", which spreads
 * a fleet of clients that all lost the same server.
 *
 * <p>Immutable and thread-safe (the random source is only read).
 */
public final class ExponentialBackoff {

  /** The default random source: shared, no per-instance {@code Random} (and its seed). */
  private static final DoubleSupplier THREAD_LOCAL_RANDOM =
      () -> ThreadLocalRandom.current().nextDouble();

  private final long floorMs;
  private final long incrementMs;
  private final long maxMs;
  private final DoubleSupplier random;

  /**
   * @param floorMs lower bound of every delay (0 = full jitter), clamped to the attempt's bound
   * @param incrementMs delay bound of the first attempt, doubled per attempt; > 0
   * @param maxMs cap of every delay; >= incrementMs
   * @param random uniform source in [0, 1); null = the calling thread's {@link ThreadLocalRandom}
   */
  public ExponentialBackoff(long floorMs, long incrementMs, long maxMs, DoubleSupplier random) {
    if (incrementMs <= 0 || maxMs < incrementMs || floorMs < 0) {
      throw new IllegalArgumentException(
          "need 0 <= floorMs, 0 < incrementMs <= maxMs; was "
              + floorMs
              + ", "
              + incrementMs
              + ", "
              + maxMs);
    }
    this.floorMs = floorMs;
    this.incrementMs = incrementMs;
    this.maxMs = maxMs;
    this.random = random != null ? random : THREAD_LOCAL_RANDOM;
  }

  /** The upper bound of attempt {@code attempt} (1-based; values below 1 count as 1). */
  public long upperBoundMs(int attempt) {
    int n = Math.max(1, attempt);
    // 2^(n-1) * increment without overflow: stop doubling once past the cap.
    long bound = incrementMs;
    for (int i = 1; i < n && bound < maxMs; i++) {
      bound = bound > maxMs / 2 ? maxMs : bound * 2;
    }
    return Math.min(maxMs, bound);
  }

  /** The lower bound of attempt {@code attempt}. */
  public long lowerBoundMs(int attempt) {
    return Math.min(floorMs, upperBoundMs(attempt));
  }

  /** A random delay for attempt {@code attempt}, in milliseconds, within the bounds above. */
  public long delayMs(int attempt) {
    long upper = upperBoundMs(attempt);
    long lower = lowerBoundMs(attempt);
    double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
    return Math.min(upper, lower + (long) Math.floor(r * (upper - lower + 1)));
  }
}

package io.cloudbus.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of samples by the nearest-rank method on a sorted copy: the p-th percentile
 * is the smallest sample such that at least p percent of the samples are at or below it. Exact, no
 * histogram buckets; fine for the at most a few million samples one bench run collects.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class Percentiles {

  private final long[] sorted;

  private Percentiles(long[] sorted) {
    this.sorted = sorted;
  }

  /**
   * The percentiles of the first {@code count} entries of {@code samples} (copied, then sorted).
   */
  public static Percentiles of(long[] samples, int count) {
    if (count < 0 || count > samples.length) {
      throw new IllegalArgumentException("count out of range: " + count);
    }
    long[] copy = Arrays.copyOf(samples, count);
    Arrays.sort(copy);
    return new Percentiles(copy);
  }

  /** The number of samples. */
  public int count() {
    return sorted.length;
  }

  /**
   * The {@code p}-th percentile (0 &lt; p &le; 100) by nearest rank.
   *
   * @throws IllegalStateException when there are no samples
   */
  public long percentile(double p) {
    if (p <= 0 || p > 100 || Double.isNaN(p)) {
      throw new IllegalArgumentException("p must be in (0, 100], was " + p);
    }
    if (sorted.length == 0) {
      throw new IllegalStateException("no samples");
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** The largest sample. */
  public long max() {
    return percentile(100);
  }
}

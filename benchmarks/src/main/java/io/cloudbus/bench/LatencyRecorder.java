package io.cloudbus.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Collects latency samples (nanoseconds) into a fixed array; samples beyond its capacity are
 * counted but not kept, so memory stays bounded. Thread-safe (several event loops record).
 */
final class LatencyRecorder {

  private final AtomicLongArray samples;
  private final AtomicInteger next = new AtomicInteger();

  LatencyRecorder(int capacity) {
    this.samples = new AtomicLongArray(capacity);
  }

  void record(long nanos) {
    int i = next.getAndIncrement();
    if (i < samples.length()) {
      samples.set(i, nanos);
    }
  }

  /** Samples recorded, including those not kept. */
  int recorded() {
    return next.get();
  }

  Percentiles percentiles() {
    int n = Math.min(next.get(), samples.length());
    long[] copy = new long[n];
    for (int i = 0; i < n; i++) {
      copy[i] = samples.get(i);
    }
    return Percentiles.of(copy, n);
  }

  /**
   * The {@code sentNanos} number in a frame's text (the first occurrence), or -1: a string search,
   * so that a receiving client spends no time parsing JSON it does not otherwise need.
   */
  static long sentNanos(String text) {
    int at = text.indexOf("\"sentNanos\":");
    if (at < 0) {
      return -1;
    }
    int i = at + "\"sentNanos\":".length();
    long v = 0;
    boolean neg = false;
    if (i < text.length() && text.charAt(i) == '-') {
      neg = true;
      i++;
    }
    int start = i;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      v = v * 10 + (text.charAt(i) - '0');
      i++;
    }
    return i == start ? -1 : (neg ? -v : v);
  }
}

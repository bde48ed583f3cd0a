package io.cloudbus.bench;

import java.util.function.LongSupplier;

/**
 * Pushes a fixed number of frames through the mock's admin API as fast as the receiving side takes
 * them, and measures delivered events per second. Flow control: a new admin batch is posted only
 * while fewer than {@code window} events are in flight (pushed, not yet delivered), so the figure
 * is a sustained rate and not the speed of filling socket write queues.
 */
final class ThroughputRun {

  /** The outcome; {@code complete} false when the time limit cut the run short. */
  record Result(long events, long expected, long nanos, boolean complete) {
    double eventsPerSec() {
      return nanos == 0 ? 0 : events * 1e9 / nanos;
    }
  }

  private ThroughputRun() {}

  /**
   * @param delivered running count of delivered events (gateway: bus consumer; raw: client frames)
   * @param sockets how many sockets each pushed frame reaches
   * @param messages frames to push in total
   */
  static Result run(
      MockAdmin admin, LongSupplier delivered, int sockets, int messages, long timeoutMs) {
    // about 10,000 events per admin call (500 frames to 1 socket, 100 to 100, 10 to 1,000)
    int batch = Math.max(1, Math.min(messages, Math.min(500, 10_000 / sockets)));
    long window = Math.max(20_000L, 3L * batch * sockets);
    long expected = (long) messages * sockets;
    long base = delivered.getAsLong();
    long start = System.nanoTime();
    long deadline = start + timeoutMs * 1_000_000L;
    long sent = 0;
    while (sent < messages && System.nanoTime() < deadline) {
      long inFlight = sent * sockets - (delivered.getAsLong() - base);
      if (inFlight > window) {
        // parkNanos(0) returns at once: the driver spun on one of the two cores the gateway needs
        Waits.parkMicros(200);
        continue;
      }
      int n = (int) Math.min(batch, messages - sent);
      admin.push(n);
      sent += n;
    }
    long total = sent * sockets;
    long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
    boolean complete =
        sent == messages && Waits.until(() -> delivered.getAsLong() - base >= total, left, 200);
    long nanos = System.nanoTime() - start;
    return new Result(delivered.getAsLong() - base, expected, nanos, complete);
  }
}

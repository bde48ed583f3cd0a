package io.cloudbus.bench;

import java.util.function.LongSupplier;

/**
 * Pushes frames at a fixed rate of delivered events (frames per second times sockets) for a fixed
 * time, then waits for the stragglers. The receiver records {@code now - sentNanos} of each event
 * into the {@link LatencyRecorder}; the harness builds the frame (and takes {@code sentNanos}) just
 * before the admin request, so the figure includes the admin HTTP hop on loopback.
 */
final class LatencyRun {

  private static final long TICK_MS = 5;

  /** Events delivered during the run, and events pushed (frames × sockets). */
  record Result(long delivered, long pushed) {}

  private LatencyRun() {}

  static Result run(
      MockAdmin admin,
      LongSupplier delivered,
      int sockets,
      int eventsPerSec,
      long durationMs,
      long timeoutMs) {
    double framesPerSec = Math.max(1.0, (double) eventsPerSec / sockets);
    long base = delivered.getAsLong();
    long start = System.nanoTime();
    long sent = 0;
    while (true) {
      long elapsedNanos = System.nanoTime() - start;
      if (elapsedNanos >= durationMs * 1_000_000L) {
        break;
      }
      long due = (long) (elapsedNanos / 1e9 * framesPerSec) - sent;
      if (due > 0) {
        int n = (int) Math.min(due, 1_000);
        admin.push(n);
        sent += n;
      } else {
        Waits.pause(TICK_MS);
      }
    }
    long total = sent * sockets;
    Waits.until(() -> delivered.getAsLong() - base >= total, timeoutMs, 500);
    return new Result(delivered.getAsLong() - base, total);
  }
}

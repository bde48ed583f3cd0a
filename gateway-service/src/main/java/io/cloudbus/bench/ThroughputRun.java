package io.cloudbus.bench;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Pushes a fixed number of frames through the mock's admin API as fast as the receiving side takes
 * them, and measures delivered events per second. Flow control: a new admin batch is posted only
 * while fewer than {@code window} events are in flight (pushed, not yet delivered), so the figure
 * is a sustained rate and not the speed of filling socket write queues.
 */
final class ThroughputRun {

  /**
   * The outcome; {@code complete} false when the time limit cut the run short. {@code cpuNanos} is
   * this process's CPU time over the run (all threads: mock, driver and receivers), -1 when the JVM
   * does not report it; unlike events/s it hardly depends on what else runs on the machine.
   */
  record Result(long events, long expected, long nanos, boolean complete, long cpuNanos) {
    double eventsPerSec() {
      return nanos == 0 ? 0 : events * 1e9 / nanos;
    }

    /** Process CPU microseconds per delivered event, or -1 when unknown. */
    double cpuMicrosPerEvent() {
      return cpuNanos < 0 || events == 0 ? -1 : cpuNanos / 1e3 / events;
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
    int batch = Math.max(1, Math.min(messages, sockets == 1 ? 500 : 100));
    long window = Math.max(20_000L, 3L * batch * sockets);
    long expected = (long) messages * sockets;
    long base = delivered.getAsLong();
    long cpuStart = processCpuNanos();
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
    long cpuEnd = processCpuNanos();
    long cpu = cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart;
    return new Result(delivered.getAsLong() - base, expected, nanos, complete, cpu);
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }
}

package io.cloudbus.bench;

import io.cloudbus.mock.MockCloudAdminClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run-path scenario's raw column: the same frames into one bare Vert.x WebSocket client ({@link
 * RawFleet} in a {@link BenchChild} {@code raw} child, same java, class path and JVM options as the
 * gateway child) that only counts text frames. Per vendor row: its process CPU for start plus the
 * first N frames, and CPU µs per frame for the next N. Only for vendors whose mock socket pushes
 * without a login handshake (Pylight); the other vendors' raw cells say {@value #NOT_MEASURED}.
 * Threading: blocking, driver thread only.
 */
final class RunPathRaw {

  /** The cells of a vendor without a raw client. */
  static final String NOT_MEASURED = "n/a";

  private RunPathRaw() {}

  /** Whether {@code vendor} has a raw client here. */
  static boolean supports(String vendor) {
    return "pylight".equals(vendor);
  }

  /**
   * Runs the raw client on {@code vendor}'s frames.
   *
   * @return the two cells: {@code "CPU s | µs/frame"}
   */
  static String cells(
      String vendor,
      JsonObject account,
      long coldEvents,
      long steadyEvents,
      ChildLauncher launcher,
      MockCloudAdminClient admin,
      long timeoutMs) {
    if (!supports(vendor)) {
      return NOT_MEASURED + " | " + NOT_MEASURED;
    }
    admin.reset();
    AtomicLong frames = new AtomicLong();
    try (ChildProcess raw =
        new ChildProcess(
            "raw client",
            launcher.command("raw", socketUrl(account), Long.toString(timeoutMs)),
            e -> {
              if ("counts".equals(e.getString("event"))) {
                frames.set(e.getLong("frames", frames.get()));
              }
            },
            timeoutMs)) {
      ProcessHandle handle =
          ProcessHandle.of(raw.pid())
              .orElseThrow(() -> new IllegalStateException("the raw client exited"));
      long seq = 1;
      seq = push(vendor, admin, frames, seq, coldEvents, timeoutMs);
      long cold = cpuNanos(handle);
      long f0 = frames.get();
      push(vendor, admin, frames, seq, steadyEvents, timeoutMs);
      long steady = cpuNanos(handle) - cold;
      long n = frames.get() - f0;
      return String.format(
          Locale.ROOT, "%.2f | %.1f", cold / 1e9, n <= 0 ? -1.0 : steady / 1e3 / n);
    }
  }

  private static long push(
      String vendor,
      MockCloudAdminClient admin,
      AtomicLong frames,
      long seq,
      long count,
      long timeoutMs) {
    long target = frames.get() + count;
    long end = seq + count;
    while (seq < end) {
      int n = (int) Math.min(RunPathScenario.BATCH, end - seq);
      RunPathFrames.push(admin, vendor, seq, n);
      seq += n;
    }
    if (!Waits.until(() -> frames.get() >= target, timeoutMs, RunPathScenario.POLL_MICROS)) {
      throw new IllegalStateException(
          "the raw client received " + frames.get() + " of " + target + " frames in time");
    }
    return seq;
  }

  /** The Pylight table socket of the run-path account (its {@code url} and {@code table}). */
  static String socketUrl(JsonObject account) {
    return account.getString("url") + "/ws/" + account.getString("table");
  }

  private static long cpuNanos(ProcessHandle handle) {
    return handle.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }
}

package io.cloudbus.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Many idle sockets. Memory: the gateway process's used heap after full collections and its direct
 * memory, before any and after each count of {@link BenchOptions#idleSockets} (the fleet grows),
 * divided by the count; then the same for raw Vert.x clients in the same process. Reconnect storm
 * with the largest fleet: the mock's connect limit ({@code maxConnectsPerSec} fault, {@link
 * BenchOptions#connectRate}) is set, the mock resets every socket, and the driver samples the
 * mock's counters every 100 ms until every socket is {@code connected} again: time to all back, the
 * peak accepted handshakes in any one second, the upgrades the mock refused with 429.
 */
final class IdleScenario {

  private static final String PREFIX = "idle-";
  private static final long SAMPLE_MS = 100;

  /** The storm's outcome. */
  record Storm(boolean allBack, long backMs, long peakPerSec, long rejected) {}

  private IdleScenario() {}

  static int run(BenchContext ctx) {
    BenchOptions o = ctx.options();
    List<Integer> counts = o.idleSockets();
    long delay = o.stormReconnectDelayMs();
    BenchTable memory =
        new BenchTable(
            "sockets",
            "kind",
            "connect added (ms)",
            "heap B/socket",
            "direct B/socket",
            "direct total: JDK pool / Netty counter",
            "process");
    BenchTable storm =
        new BenchTable(
            "sockets",
            "connect limit /s",
            "reconnect delay (ms)",
            "all back",
            "time to all back (ms)",
            "peak accepted /s (any 1 s)",
            "refused with 429");
    int failures = 0;
    int largest = counts.get(counts.size() - 1);
    try {
      MemorySnapshot base = ctx.gateway().memory();
      int have = 0;
      for (int n : counts) {
        long ms = ctx.gateway().deploy(PREFIX, n - have, delay, Math.max(delay, 5_000));
        have = n;
        memoryRow(memory, n, "gateway socket", ms, base, ctx.gateway());
      }
      Storm s = storm(ctx, largest);
      storm.row(
          largest,
          BenchTable.count(o.connectRate()),
          "0-" + delay,
          s.allBack() ? "yes" : "NO (time limit)",
          s.backMs(),
          BenchTable.count(s.peakPerSec()),
          BenchTable.count(s.rejected()));
    } catch (RuntimeException e) {
      failures++;
      memory.row(largest, "gateway socket", "failed: " + e.getMessage(), "", "", "", "");
    } finally {
      ctx.admin().clearFaults();
      ctx.gateway().undeploy(PREFIX);
      ctx.mockOpen(0);
    }
    try {
      MemorySnapshot base = ctx.gateway().memory();
      int have = 0;
      for (int n : counts) {
        long t0 = System.nanoTime();
        ctx.gateway().rawConnect(n - have);
        have = n;
        if (!ctx.mockOpen(n)) {
          throw new IllegalStateException("the mock did not see " + n + " raw clients");
        }
        memoryRow(
            memory,
            n,
            "raw Vert.x client",
            (System.nanoTime() - t0) / 1_000_000,
            base,
            ctx.gateway());
      }
    } catch (RuntimeException e) {
      failures++;
      memory.row(largest, "raw Vert.x client", "failed: " + e.getMessage(), "", "", "", "");
    } finally {
      ctx.gateway().rawClose();
      ctx.mockOpen(0);
    }
    ctx.section("Memory per idle connected socket (gateway process only)", memory);
    ctx.section("Reconnect storm (mock resets every socket, connect limit set)", storm);
    return failures;
  }

  private static void memoryRow(
      BenchTable table, int n, String kind, long ms, MemorySnapshot base, GatewaySide side) {
    MemorySnapshot now = side.memory();
    table.row(
        n,
        kind,
        ms,
        BenchTable.count((double) (now.heapUsed() - base.heapUsed()) / n),
        BenchTable.count((double) (now.direct() - base.direct()) / n),
        mib(now.jdkDirect()) + " / " + (now.nettyDirect() < 0 ? "off" : mib(now.nettyDirect())),
        side.describe());
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private static Storm storm(BenchContext ctx, int n) {
    ctx.admin().connectLimit(ctx.options().connectRate());
    JsonObject s0 = ctx.admin().stats();
    long h0 = s0.getLong("handshakes", 0L);
    long r0 = s0.getLong("rejectedUpgrades", 0L);
    ctx.admin().abortAll();
    long start = System.nanoTime();
    long deadline = start + ctx.timeout() * 1_000_000L;
    // (time, handshakes) of the last second, for the peak over any one-second window
    Deque<long[]> window = new ArrayDeque<>();
    window.add(new long[] {start, h0});
    long peak = 0;
    long rejected = 0;
    while (System.nanoTime() < deadline) {
      Waits.pause(SAMPLE_MS);
      JsonObject s = ctx.admin().stats();
      long h = s.getLong("handshakes", 0L);
      rejected = s.getLong("rejectedUpgrades", 0L) - r0;
      long now = System.nanoTime();
      while (window.size() > 1 && now - window.peekFirst()[0] > 1_000_000_000L) {
        window.removeFirst();
      }
      peak = Math.max(peak, h - window.peekFirst()[1]);
      window.addLast(new long[] {now, h});
      if (h - h0 >= n && ctx.gateway().connected(PREFIX) == n) {
        return new Storm(true, (now - start) / 1_000_000, peak, rejected);
      }
    }
    return new Storm(false, (System.nanoTime() - start) / 1_000_000, peak, rejected);
  }
}

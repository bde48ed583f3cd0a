package io.cloudbus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Throughput for each socket count of {@link BenchOptions#throughputSockets}: gateway sockets → bus
 * consumer, then raw counting clients, both hosted by the gateway side, fed by the same mock
 * through its admin API; a warm-up run of a third of the events precedes each measured run (with 10
 * %, the first rows still included the JIT compilation of their path: about 1 s of pushes on two
 * cores is not enough for C2). CPU per event of each process over the measured run.
 */
final class ThroughputScenario {

  static final String GATEWAY = "gateway → bus consumer";
  static final String WS = "gateway → service → %d /ws client%s";
  static final String RAW = "raw Vert.x client (counts frames)";

  /** The warm-up run pushes the measured run's messages divided by this. */
  private static final int WARMUP_DIVISOR = 3;

  private ThroughputScenario() {}

  /** Runs and prints; returns the number of failed rows. */
  static int run(BenchContext ctx) {
    BenchTable table =
        new BenchTable(
            "receiver",
            "sockets",
            "events",
            "seconds",
            "events/s",
            "gateway proc CPU µs/event",
            "mock proc CPU µs/event",
            "driver CPU µs/event",
            "complete");
    List<String> lines = new ArrayList<>();
    int failures = 0;
    for (int n : ctx.options().throughputSockets()) {
      int messages = (int) Math.max(1, ctx.options().throughputEvents() / n);
      double gw = -1;
      double ws = -1;
      double raw = -1;
      String prefix = "tp" + n + "-";
      try {
        ctx.gateway()
            .deploy(
                prefix,
                n,
                GatewayFleet.RECONNECT_INITIAL_DELAY_MS,
                GatewayFleet.RECONNECT_MAX_DELAY_MS);
        gw = measure(ctx, table, GATEWAY, n, messages, ctx.gateway()::delivered);
        ws = measureWs(ctx, table, lines, n);
        failures += ws < 0 ? 1 : 0;
      } catch (RuntimeException e) {
        failures++;
        fail(table, GATEWAY, n, e);
      } finally {
        ctx.gateway().undeploy(prefix);
        ctx.mockOpen(0);
      }
      try {
        ctx.gateway().rawConnect(n);
        if (!ctx.mockOpen(n)) {
          throw new IllegalStateException("the mock did not see " + n + " raw clients");
        }
        raw = measure(ctx, table, RAW, n, messages, ctx.gateway()::rawFrames);
      } catch (RuntimeException e) {
        failures++;
        fail(table, RAW, n, e);
      } finally {
        ctx.gateway().rawClose();
        ctx.mockOpen(0);
      }
      if (gw > 0 && raw > 0) {
        lines.add(
            String.format(
                Locale.ROOT, "- gateway/raw with %d socket(s): %.0f%%", n, 100 * gw / raw));
      }
      if (ws > 0 && raw > 0) {
        lines.add(
            String.format(
                Locale.ROOT,
                "- gateway to /ws / raw with %d socket(s): %.0f%%",
                n,
                100 * ws / raw));
      }
    }
    ctx.section(
        "Throughput (mock push via admin API → delivered)", table, lines.toArray(String[]::new));
    return failures;
  }

  /**
   * The same fleet, now with the bridge service and {@link BenchOptions#throughputWsClients} {@code
   * /ws/events} clients in the driver, each subscribed to everything: events/s delivered to every
   * one of them (frames counted over all clients, divided by their number). Returns -1 after
   * printing a failed row.
   */
  private static double measureWs(BenchContext ctx, BenchTable table, List<String> lines, int n) {
    int clients = ctx.options().throughputWsClients();
    String label = String.format(Locale.ROOT, WS, clients, clients == 1 ? "" : "s");
    int messages = (int) Math.max(1, ctx.options().throughputEvents() / clients / n);
    WsClients client = null;
    try {
      int port = ctx.gateway().startService(clients + 16);
      client = new WsClients(ctx.driver(), port, clients);
      client.connect(clients, null, ctx.timeout());
      WsClients all = client;
      double perClient = measure(ctx, table, label, n, messages, () -> all.frames() / clients);
      if (all.cuts() != null) {
        lines.add("- " + n + " socket(s): " + all.cuts());
      }
      if (clients > 1 && perClient > 0) {
        lines.add(
            String.format(
                Locale.ROOT,
                "- /ws frames written per second with %d socket(s), %d clients: %s",
                n,
                clients,
                BenchTable.count(perClient * clients)));
      }
      return perClient;
    } catch (RuntimeException e) {
      fail(table, label, n, e);
      return -1;
    } finally {
      if (client != null) {
        client.close(ctx.timeout());
      }
      ctx.gateway().stopService();
    }
  }

  private static double measure(
      BenchContext ctx,
      BenchTable table,
      String receiver,
      int n,
      int messages,
      LongSupplier delivered) {
    GatewaySide side = ctx.gateway();
    ThroughputRun.run(
        ctx.admin(), delivered, n, Math.max(1, messages / WARMUP_DIVISOR), ctx.timeout());
    CpuSample before = CpuSample.take(side, ctx.mock());
    ThroughputRun.Result r = ThroughputRun.run(ctx.admin(), delivered, n, messages, ctx.timeout());
    double[] cpu = before.microsPerEvent(CpuSample.take(side, ctx.mock()), r.events());
    table.row(
        receiver,
        n,
        BenchTable.count(r.events()),
        String.format(Locale.ROOT, "%.2f", r.nanos() / 1e9),
        BenchTable.count(r.eventsPerSec()),
        CpuSample.cell(cpu[1]),
        CpuSample.cell(cpu[2]),
        CpuSample.cell(cpu[0]),
        r.complete() ? "yes" : "NO (" + r.events() + " of " + r.expected() + ")");
    return r.eventsPerSec();
  }

  private static void fail(BenchTable table, String receiver, int n, RuntimeException e) {
    table.row(receiver, n, "failed: " + e.getMessage(), "", "", "", "", "", "");
  }
}

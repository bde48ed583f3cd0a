package io.cloudbus.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end latency at a fixed rate: {@link BenchOptions#latencySockets} gateway sockets, the
 * bridge service with {@link BenchOptions#latencyWsClients} {@code /ws} clients connected (in the
 * driver), client {@code i} subscribed to the events of account {@code i mod sockets} — so the
 * service writes as many frames as events come in, the shape of one dashboard per account. Two
 * figures from the same events: built → bus consumer receipt (gateway process) and built → {@code
 * /ws} client receipt (driver). Then the floor of this shape: the same pushes at the same rate to
 * as many raw Vert.x clients (in the gateway process, counting frames), built → raw receipt. Each
 * run follows a warm-up at the same rate, not recorded ({@link BenchOptions#latencyWarmupMs}: 10 s
 * in the full run, 3 s before the fifth session, when the JIT was still compiling the journal and
 * {@code /ws} path through the measured run and the backlog that left set its p99).
 */
final class LatencyScenario {

  private static final String PREFIX = "lat-";

  private LatencyScenario() {}

  static int run(BenchContext ctx) {
    BenchOptions o = ctx.options();
    int n = o.latencySockets();
    int clients = o.latencyWsClients();
    BenchTable table =
        new BenchTable(
            "receiver",
            "sockets",
            "/ws clients",
            "events/s",
            "events",
            "p50 ms",
            "p99 ms",
            "p99.9 ms",
            "max ms");
    List<String> lines = new ArrayList<>();
    int failures = 0;
    WsClients ws = null;
    try {
      ctx.gateway()
          .deploy(
              PREFIX,
              n,
              GatewayFleet.RECONNECT_INITIAL_DELAY_MS,
              GatewayFleet.RECONNECT_MAX_DELAY_MS);
      int port = ctx.gateway().startService(clients + 16);
      ws = new WsClients(ctx.driver(), port, clients);
      ws.connect(clients, i -> new JsonObject().put("account", PREFIX + (i % n)), ctx.timeout());
      int rate = o.latencyEventsPerSec();
      long warmBase = ws.frames();
      LatencyRun.Result warm =
          LatencyRun.run(
              ctx.admin(), ctx.gateway()::delivered, n, rate, o.latencyWarmupMs(), ctx.timeout());
      // the warm-up's /ws stragglers must not count (or be timed) in the measured run
      long warmExpected = warm.pushed() / n * clients;
      WsClients warmWs = ws;
      Waits.until(() -> warmWs.frames() - warmBase >= warmExpected, ctx.timeout(), 5_000);
      int capacity = capacity(o);
      LatencyRecorder wsLatency = new LatencyRecorder(capacity);
      long wsBase = ws.frames();
      CpuSample before = CpuSample.take(ctx.gateway(), ctx.mock());
      ctx.gateway().latencyStart(capacity);
      ws.record(wsLatency);
      LatencyRun.Result r =
          LatencyRun.run(
              ctx.admin(), ctx.gateway()::delivered, n, rate, o.latencyDurationMs(), ctx.timeout());
      // every client sees its account's events: the service writes one frame per event per
      // client whose account matches (clients / sockets of them when clients > sockets)
      long wsExpected = r.pushed() / n * clients;
      WsClients w = ws;
      Waits.until(() -> w.frames() - wsBase >= wsExpected, ctx.timeout(), 5_000);
      ws.record(null);
      LatencySummary bus = ctx.gateway().latencyStop();
      double[] cpu =
          before.microsPerEvent(CpuSample.take(ctx.gateway(), ctx.mock()), r.delivered());
      row(table, "bus consumer (gateway process)", n, clients, rate, r.delivered(), bus);
      row(
          table,
          "/ws client, one account each (driver)",
          n,
          clients,
          rate,
          ws.frames() - wsBase,
          LatencySummary.of(wsLatency.percentiles()));
      lines.add(BenchContext.cpuLine("latency run", cpu));
      lines.add("- /ws frames expected " + BenchTable.count(wsExpected));
      if (ws.cuts() != null) {
        lines.add("- " + ws.cuts());
      }
    } catch (RuntimeException e) {
      failures++;
      table.row("failed: " + e.getMessage(), n, clients, "", "", "", "", "", "");
    } finally {
      if (ws != null) {
        ws.close(ctx.timeout());
      }
      ctx.gateway().stopService();
      ctx.gateway().undeploy(PREFIX);
      ctx.mockOpen(0);
    }
    try {
      lines.add(raw(ctx, table));
    } catch (RuntimeException e) {
      failures++;
      table.row("raw clients failed: " + e.getMessage(), n, 0, "", "", "", "", "", "");
    } finally {
      ctx.gateway().rawClose();
      ctx.mockOpen(0);
    }
    ctx.section(
        "End-to-end latency (admin push built → receipt) at a fixed rate",
        table,
        lines.toArray(String[]::new));
    return failures;
  }

  /** The same pushes to raw clients: what the mock, the admin hop and loopback alone cost. */
  private static String raw(BenchContext ctx, BenchTable table) {
    BenchOptions o = ctx.options();
    int n = o.latencySockets();
    int rate = o.latencyEventsPerSec();
    ctx.gateway().rawConnect(n);
    LatencyRun.run(
        ctx.admin(), ctx.gateway()::rawFrames, n, rate, o.latencyWarmupMs(), ctx.timeout());
    int capacity = capacity(o);
    CpuSample before = CpuSample.take(ctx.gateway(), ctx.mock());
    ctx.gateway().latencyStart(capacity);
    LatencyRun.Result r =
        LatencyRun.run(
            ctx.admin(), ctx.gateway()::rawFrames, n, rate, o.latencyDurationMs(), ctx.timeout());
    LatencySummary s = ctx.gateway().latencyStop();
    double[] cpu = before.microsPerEvent(CpuSample.take(ctx.gateway(), ctx.mock()), r.delivered());
    row(table, "raw Vert.x client, same pushes (gateway process)", n, 0, rate, r.delivered(), s);
    return BenchContext.cpuLine("raw latency run", cpu);
  }

  /** Samples kept per latency run: twice the expected events, at most 4 million. */
  private static int capacity(BenchOptions o) {
    return (int) Math.min(4_000_000L, o.latencyEventsPerSec() * o.latencyDurationMs() / 1000 * 2);
  }

  static void row(
      BenchTable table,
      String receiver,
      int sockets,
      int clients,
      int rate,
      long events,
      LatencySummary s) {
    table.row(
        receiver,
        sockets,
        clients,
        BenchTable.count(rate),
        BenchTable.count(events),
        BenchTable.millis(s.p50()),
        BenchTable.millis(s.p99()),
        BenchTable.millis(s.p999()),
        BenchTable.millis(s.max()));
  }
}

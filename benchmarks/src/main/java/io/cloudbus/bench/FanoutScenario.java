package io.cloudbus.bench;

/**
 * Fan-out for each count of {@link BenchOptions#fanoutClients}: the bridge service (the real {@code
 * GatewayService}, in the gateway process) with that many {@code /ws/events} clients in the driver,
 * each subscribed with no filter; one gateway socket receives frames from the mock at {@link
 * BenchOptions#fanoutEventsPerSec}, and every client records, per event frame, the time since the
 * driver built the vendor frame. So the figure is mock push → adapter → bus → service → every
 * {@code /ws} client. Each run follows a warm-up at the same rate for half its time, recorded apart
 * (its max is the first, cold events: before the eighth session the table had no warm-up, and the
 * 1,000-client p99 was the JIT's first pass over the fan-out, 400-500 ms against 50 ms after).
 */
final class FanoutScenario {

  private FanoutScenario() {}

  static int run(BenchContext ctx) {
    BenchOptions o = ctx.options();
    BenchTable table =
        new BenchTable(
            "/ws clients",
            "events/s in",
            "frames out",
            "expected",
            "p50 ms",
            "p99 ms",
            "p99.9 ms",
            "max ms",
            "warm-up max ms",
            "gateway proc CPU µs/frame",
            "driver CPU µs/frame");
    int failures = 0;
    for (int clients : o.fanoutClients()) {
      String prefix = "fan" + clients + "-";
      WsClients ws = null;
      try {
        int port = ctx.gateway().startService(clients + 16);
        ctx.gateway()
            .deploy(
                prefix,
                1,
                GatewayFleet.RECONNECT_INITIAL_DELAY_MS,
                GatewayFleet.RECONNECT_MAX_DELAY_MS);
        ws = new WsClients(ctx.driver(), port, clients);
        ws.connect(clients, null, ctx.timeout());
        long warmupMs = Math.max(1, o.fanoutDurationMs() / 2);
        LatencyRecorder cold =
            new LatencyRecorder(
                (int)
                    Math.min(4_000_000L, (o.fanoutEventsPerSec() * warmupMs / 1000 + 2) * clients));
        WsClients warmWs = ws;
        long warmBase = ws.frames();
        ws.record(cold);
        LatencyRun.run(
            ctx.admin(),
            () -> (warmWs.frames() - warmBase) / clients,
            1,
            o.fanoutEventsPerSec(),
            warmupMs,
            ctx.timeout());
        ws.record(null);
        long expectedFrames = (long) o.fanoutEventsPerSec() * o.fanoutDurationMs() / 1000 * clients;
        LatencyRecorder latency =
            new LatencyRecorder((int) Math.min(4_000_000L, expectedFrames + clients));
        long base = ws.frames();
        WsClients w = ws;
        CpuSample before = CpuSample.take(ctx.gateway(), ctx.mock());
        ws.record(latency);
        LatencyRun.Result r =
            LatencyRun.run(
                ctx.admin(),
                () -> (w.frames() - base) / clients,
                1,
                o.fanoutEventsPerSec(),
                o.fanoutDurationMs(),
                ctx.timeout());
        ws.record(null);
        long out = ws.frames() - base;
        double[] cpu = before.microsPerEvent(CpuSample.take(ctx.gateway(), ctx.mock()), out);
        LatencySummary s = LatencySummary.of(latency.percentiles());
        table.row(
            clients,
            o.fanoutEventsPerSec(),
            BenchTable.count(out) + (ws.cuts() == null ? "" : " (" + ws.cuts() + ")"),
            BenchTable.count(r.pushed() * clients),
            BenchTable.millis(s.p50()),
            BenchTable.millis(s.p99()),
            BenchTable.millis(s.p999()),
            BenchTable.millis(s.max()),
            BenchTable.millis(LatencySummary.of(cold.percentiles()).max()),
            CpuSample.cell(cpu[1]),
            CpuSample.cell(cpu[0]));
      } catch (RuntimeException e) {
        failures++;
        table.row(clients, "failed: " + e.getMessage(), "", "", "", "", "", "", "", "", "");
      } finally {
        if (ws != null) {
          ws.close(ctx.timeout());
        }
        ctx.gateway().stopService();
        ctx.gateway().undeploy(prefix);
        ctx.mockOpen(0);
      }
    }
    ctx.section("Fan-out (mock push → gateway socket → service → every /ws client)", table);
    return failures;
  }
}

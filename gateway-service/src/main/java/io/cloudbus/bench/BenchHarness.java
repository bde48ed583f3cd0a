package io.cloudbus.bench;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.service.ServiceVertx;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load harness behind {@code cloudbus bench}: starts the mock cloud and real gateway sockets
 * (generic adapter, shipped {@code pylight} profile) in this JVM, on loopback only, runs each
 * measurement in turn and prints Markdown tables (see docs/benchmarks.md for what each figure means
 * and what limits it).
 *
 * <p>Two Vert.x instances: the mock's (plain) and the gateway's (with the service's Micrometer
 * metrics, as {@code cloudbus run} has). Every scenario is bounded in count and time; a failing
 * scenario prints its reason in its row and the run goes on. Threading: {@link #run} blocks the
 * calling thread, which must not be an event loop.
 */
public final class BenchHarness {

  private static final long WARMUP_MS = 3_000;

  private final BenchOptions options;
  private final PrintWriter out;
  private final AtomicLong delivered = new AtomicLong();
  private volatile LatencyRecorder latency;
  private int failures;

  /** The scenario names, in the order they run. */
  public static final List<String> SCENARIOS = List.of("throughput", "latency", "idle", "fanout");

  private final Set<String> only;

  /**
   * @param only the scenarios to run (names of {@link #SCENARIOS}); empty = all
   */
  public BenchHarness(BenchOptions options, PrintWriter out, Set<String> only) {
    for (String name : only) {
      if (!SCENARIOS.contains(name)) {
        throw new IllegalArgumentException("unknown scenario " + name + "; known: " + SCENARIOS);
      }
    }
    this.options = options;
    this.out = out;
    this.only = Set.copyOf(only);
  }

  private boolean selected(String scenario) {
    return only.isEmpty() || only.contains(scenario);
  }

  /**
   * Runs every scenario and prints the tables.
   *
   * @return the number of scenarios that failed (0 when all produced figures)
   */
  public int run() {
    Vertx mockVertx = Vertx.vertx();
    Vertx gateway = ServiceVertx.create();
    long timeout = options.scenarioTimeoutMs();
    try {
      MockCloud mock =
          Waits.await(MockCloud.start(mockVertx, new MockCloudOptions()), 60_000, "mock");
      MockAdmin admin = new MockAdmin(mock.adminUrl());
      String url = mock.endpoints(MockAdmin.VENDOR).getString("url");
      MessageConsumer<JsonObject> consumer =
          gateway.eventBus().localConsumer(CloudbusAddresses.EVENTS, m -> onEvent(m.body()));
      Waits.await(consumer.completion(), timeout, "bus consumer");
      header();
      if (selected("throughput")) {
        throughput(admin, gateway, mock, url, timeout);
      }
      if (selected("latency")) {
        latency(admin, gateway, mock, url, timeout);
      }
      if (selected("idle")) {
        idle(gateway, mock, admin, url, timeout);
      }
      if (selected("fanout")) {
        fanout(gateway, admin, url, timeout);
      }
      Waits.await(mock.close(), timeout, "closing the mock");
    } finally {
      Waits.await(gateway.close(), 30_000, "closing");
      Waits.await(mockVertx.close(), 30_000, "closing");
    }
    out.flush();
    return failures;
  }

  private void onEvent(JsonObject event) {
    delivered.incrementAndGet();
    LatencyRecorder r = latency;
    if (r != null) {
      JsonObject data = event.getJsonObject("data");
      JsonObject raw = data == null ? null : data.getJsonObject("raw");
      JsonObject row = raw == null ? null : raw.getJsonObject("data");
      Long sent = row == null ? null : row.getLong("sentNanos");
      if (sent != null) {
        r.record(System.nanoTime() - sent);
      }
    }
  }

  private void header() {
    Runtime rt = Runtime.getRuntime();
    out.printf(
        "cloudbus bench, %s, %d cores, max heap %d MiB, Java %s, load average %.2f%n%n",
        Instant.now(),
        rt.availableProcessors(),
        rt.maxMemory() >> 20,
        System.getProperty("java.version"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.flush();
  }

  private void throughput(
      MockAdmin admin, Vertx gateway, MockCloud mock, String url, long timeout) {
    BenchTable table =
        new BenchTable(
            "receiver", "sockets", "events", "seconds", "events/s", "CPU µs/event", "complete");
    double[] gw = new double[2];
    double[] raw = new double[2];
    double[] gwCpu = {-1, -1};
    double[] rawCpu = {-1, -1};
    int[] sockets = {1, options.manySockets()};
    int[] messages = {
      options.throughputMessagesOneSocket(), options.throughputMessagesManySockets()
    };
    BenchTable latencyTable =
        new BenchTable(
            "path", "sockets", "events/s", "events", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
    for (int i = 0; i < 2; i++) {
      int n = sockets[i];
      GatewayFleet fleet = new GatewayFleet(gateway, url, "tp" + n + "-");
      try {
        Waits.await(fleet.deploy(n), timeout, "deploying");
        if (!Waits.until(() -> fleet.connected() == n, timeout, 5_000)) {
          throw new IllegalStateException(fleet.connected() + " of " + n + " connected");
        }
        ThroughputRun.run(admin, delivered::get, n, Math.max(1, messages[i] / 10), timeout);
        ThroughputRun.Result r = ThroughputRun.run(admin, delivered::get, n, messages[i], timeout);
        gw[i] = r.eventsPerSec();
        gwCpu[i] = r.cpuMicrosPerEvent();
        row(table, "gateway → bus consumer", n, r);
      } catch (RuntimeException e) {
        fail(table, "gateway → bus consumer", n, e);
      } finally {
        Waits.await(fleet.close(), timeout, "closing sockets");
        Waits.until(() -> IdleRun.openMockSockets(mock) == 0, timeout, 10_000);
      }
      RawFleet rawFleet = new RawFleet(gateway, url + "/ws/" + MockAdmin.TABLE, n);
      try {
        Waits.await(rawFleet.connect(n), timeout, "connecting raw clients");
        Waits.until(() -> IdleRun.openMockSockets(mock) == n, timeout, 10_000);
        ThroughputRun.run(admin, rawFleet::frames, n, Math.max(1, messages[i] / 10), timeout);
        ThroughputRun.Result r =
            ThroughputRun.run(admin, rawFleet::frames, n, messages[i], timeout);
        raw[i] = r.eventsPerSec();
        rawCpu[i] = r.cpuMicrosPerEvent();
        row(table, "raw Vert.x client (counts frames)", n, r);
      } catch (RuntimeException e) {
        fail(table, "raw Vert.x client (counts frames)", n, e);
      } finally {
        Waits.await(rawFleet.close(), timeout, "closing raw clients");
        Waits.until(() -> IdleRun.openMockSockets(mock) == 0, timeout, 10_000);
      }
    }
    out.println("## Throughput (mock push via admin API → delivered)");
    out.println();
    out.print(table.render());
    out.println();
    for (int i = 0; i < 2; i++) {
      if (raw[i] > 0 && gw[i] > 0) {
        out.printf("- gateway/raw with %d socket(s): %.0f%%%n", sockets[i], 100 * gw[i] / raw[i]);
      }
      if (gwCpu[i] > 0 && rawCpu[i] > 0) {
        // CPU per event barely depends on the other tenants of the machine, events/s does.
        out.printf(
            java.util.Locale.ROOT,
            "- CPU per event with %d socket(s): gateway %.1f µs, raw %.1f µs (raw/gateway %.0f%%)%n",
            sockets[i],
            gwCpu[i],
            rawCpu[i],
            100 * rawCpu[i] / gwCpu[i]);
      }
    }
    out.println();
    out.flush();
  }

  private void latency(MockAdmin admin, Vertx gateway, MockCloud mock, String url, long timeout) {
    int n = options.manySockets();
    BenchTable table =
        new BenchTable(
            "path", "sockets", "events/s", "events", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
    GatewayFleet fleet = new GatewayFleet(gateway, url, "lat-");
    try {
      Waits.await(fleet.deploy(n), timeout, "deploying");
      if (!Waits.until(() -> fleet.connected() == n, timeout, 5_000)) {
        throw new IllegalStateException(fleet.connected() + " of " + n + " connected");
      }
      table.row(latencyRow(admin, n, timeout));
    } catch (RuntimeException e) {
      failures++;
      table.row("failed: " + e.getMessage(), n, "", "", "", "", "", "");
    } finally {
      Waits.await(fleet.close(), timeout, "closing sockets");
      Waits.until(() -> IdleRun.openMockSockets(mock) == 0, timeout, 10_000);
    }
    out.println("## End-to-end latency (admin push built → bus consumer receipt)");
    out.println();
    out.print(table.render());
    out.println();
    out.flush();
  }

  private Object[] latencyRow(MockAdmin admin, int n, long timeout) {
    int rate = options.latencyEventsPerSec();
    LatencyRecorder r =
        new LatencyRecorder(
            (int) Math.min(4_000_000L, rate * options.latencyDurationMs() / 1000 * 2));
    // Warm-up at the same rate first, unrecorded: JIT compilation would otherwise be the tail.
    LatencyRun.run(admin, delivered::get, n, rate, WARMUP_MS, timeout);
    latency = r;
    long events;
    try {
      events =
          LatencyRun.run(admin, delivered::get, n, rate, options.latencyDurationMs(), timeout)
              .delivered();
    } finally {
      latency = null;
    }
    Percentiles p = r.percentiles();
    return new Object[] {
      "mock → gateway socket → bus consumer",
      n,
      BenchTable.count(rate),
      BenchTable.count(events),
      BenchTable.millis(p.percentile(50)),
      BenchTable.millis(p.percentile(99)),
      BenchTable.millis(p.percentile(99.9)),
      BenchTable.millis(p.max())
    };
  }

  private void idle(Vertx gateway, MockCloud mock, MockAdmin admin, String url, long timeout) {
    int n = options.idleSockets();
    BenchTable heap =
        new BenchTable("sockets", "connect all (ms)", "gateway B/socket", "raw client B/socket");
    BenchTable storm =
        new BenchTable(
            "sockets", "all back", "time to all back (ms)", "peak connects/s", "reconnect delay");
    try {
      IdleRun.Result r = IdleRun.run(gateway, mock, admin, url, n, timeout);
      heap.row(
          n,
          r.connectMs(),
          BenchTable.count(r.gatewayBytesPerSocket()),
          BenchTable.count(r.rawBytesPerSocket()));
      storm.row(
          n,
          r.allBack() ? "yes" : "NO (time limit)",
          r.backMs(),
          BenchTable.count(r.peakConnectsPerSec()),
          GatewayFleet.RECONNECT_INITIAL_DELAY_MS
              + "-"
              + GatewayFleet.RECONNECT_MAX_DELAY_MS
              + " ms");
    } catch (RuntimeException e) {
      failures++;
      heap.row(n, "failed: " + e.getMessage(), "", "");
    }
    out.println("## Heap per idle connected socket (same JVM: includes the mock's server side)");
    out.println();
    out.print(heap.render());
    out.println();
    out.println("## Reconnect storm (mock resets every socket)");
    out.println();
    out.print(storm.render());
    out.println();
    out.flush();
  }

  private void fanout(Vertx gateway, MockAdmin admin, String url, long timeout) {
    BenchTable table =
        new BenchTable(
            "/ws clients",
            "events/s in",
            "frames out",
            "expected",
            "p50 ms",
            "p99 ms",
            "p99.9 ms",
            "max ms");
    int n = options.fanoutClients();
    try {
      FanoutRun.Result r =
          FanoutRun.run(
              gateway,
              admin,
              url,
              n,
              options.fanoutEventsPerSec(),
              options.fanoutDurationMs(),
              timeout);
      Percentiles p = r.latency();
      table.row(
          n,
          options.fanoutEventsPerSec(),
          BenchTable.count(r.framesOut()),
          BenchTable.count(r.expectedOut()),
          BenchTable.millis(p.percentile(50)),
          BenchTable.millis(p.percentile(99)),
          BenchTable.millis(p.percentile(99.9)),
          BenchTable.millis(p.max()));
    } catch (RuntimeException e) {
      failures++;
      table.row(n, "failed: " + e.getMessage(), "", "", "", "", "", "");
    }
    out.println("## Fan-out (mock push → gateway socket → service → every /ws client)");
    out.println();
    out.print(table.render());
    out.println();
    out.flush();
  }

  private static void row(BenchTable table, String receiver, int n, ThroughputRun.Result r) {
    table.row(
        receiver,
        n,
        BenchTable.count(r.events()),
        String.format(java.util.Locale.ROOT, "%.2f", r.nanos() / 1e9),
        BenchTable.count(r.eventsPerSec()),
        r.cpuMicrosPerEvent() < 0
            ? "n/a"
            : String.format(java.util.Locale.ROOT, "%.1f", r.cpuMicrosPerEvent()),
        r.complete() ? "yes" : "NO (" + r.events() + " of " + r.expected() + ")");
  }

  private void fail(BenchTable table, String receiver, int n, RuntimeException e) {
    failures++;
    table.row(receiver, n, "failed: " + e.getMessage(), "", "", "", "");
  }
}

package io.cloudbus.bench;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The load harness behind {@code cloudbus bench}. By default three processes on loopback: this
 * driver (admin-API driving, {@code /ws} clients, tables), a mock process (the real mock cloud) and
 * a gateway process (gateway sockets with a counting bus consumer, the bridge service, and the raw
 * counting clients), both children started with this JVM's java and class path ({@link
 * ChildLauncher}) and spoken to by {@link ChildProtocol}; with no launcher ({@code --in-process})
 * both sides run in this JVM instead. Runs each scenario in turn and prints Markdown tables (see
 * docs/benchmarks.md for what each figure means and what limits it).
 *
 * <p>Every scenario is bounded in count and time; a failing scenario prints its reason in its row
 * and the run goes on. Threading: {@link #run} blocks the calling thread (never an event loop).
 */
public final class BenchHarness {

  /** The scenario names, in the order they run. */
  public static final List<String> SCENARIOS = List.of("throughput", "latency", "idle", "fanout");

  private final BenchOptions options;
  private final PrintWriter out;
  private final Set<String> only;
  private final ChildLauncher launcher;

  /**
   * @param only the scenarios to run (names of {@link #SCENARIOS}); empty = all
   * @param launcher how to start each child process ({@code -Xmx}, JVM options); null = everything
   *     in this JVM ({@code --in-process})
   * @throws IllegalArgumentException for an unknown scenario or a bad heap size
   */
  public BenchHarness(
      BenchOptions options, PrintWriter out, Set<String> only, ChildLauncher launcher) {
    for (String name : only) {
      if (!SCENARIOS.contains(name)) {
        throw new IllegalArgumentException("unknown scenario " + name + "; known: " + SCENARIOS);
      }
    }
    this.options = options;
    this.out = out;
    this.only = Set.copyOf(only);
    this.launcher = launcher;
  }

  private boolean selected(String scenario) {
    return only.isEmpty() || only.contains(scenario);
  }

  /**
   * Starts the sides, runs every selected scenario and prints the tables.
   *
   * @return the number of failed rows (0 when every scenario produced figures)
   * @throws IllegalStateException when a side cannot be started
   */
  public int run() {
    long timeout = options.scenarioTimeoutMs();
    Vertx driver = Vertx.vertx();
    MockSide mock = null;
    GatewaySide gateway = null;
    int failures = 0;
    try {
      mock =
          launcher == null
              ? new LocalMockSide(timeout, false)
              : new RemoteMockSide(launcher, timeout);
      gateway =
          launcher == null
              ? new LocalGatewaySide(mock.pylightUrl(), timeout, false)
              : new RemoteGatewaySide(launcher, mock.pylightUrl(), timeout);
      BenchContext ctx =
          new BenchContext(options, out, gateway, mock, new MockAdmin(mock.adminUrl()), driver);
      header(gateway, mock);
      if (selected("throughput")) {
        failures += scenario("throughput", () -> ThroughputScenario.run(ctx));
      }
      if (selected("latency")) {
        failures += scenario("latency", () -> LatencyScenario.run(ctx));
      }
      if (selected("idle")) {
        failures += scenario("idle", () -> IdleScenario.run(ctx));
      }
      if (selected("fanout")) {
        failures += scenario("fanout", () -> FanoutScenario.run(ctx));
      }
      out.printf("finished %s, load average %.2f%n", Instant.now(), loadAverage());
    } finally {
      if (gateway != null) {
        gateway.close();
      }
      if (mock != null) {
        mock.close();
      }
      Waits.await(driver.close(), 30_000, "closing");
    }
    out.flush();
    return failures;
  }

  /** Runs one scenario; one that throws counts as one failure and the run goes on. */
  private int scenario(String name, java.util.function.IntSupplier body) {
    try {
      return body.getAsInt();
    } catch (RuntimeException e) {
      out.printf("## %s%n%nfailed: %s%n%n", name, e.getMessage());
      out.flush();
      return 1;
    }
  }

  private void header(GatewaySide gateway, MockSide mock) {
    Runtime rt = Runtime.getRuntime();
    out.printf(
        "cloudbus bench, %s, %d cores, Java %s, load average %.2f%n",
        Instant.now(), rt.availableProcessors(), System.getProperty("java.version"), loadAverage());
    if (launcher == null) {
      out.printf(
          "one process (--in-process): pid %d, max heap %d MiB%n%n",
          ProcessHandle.current().pid(), rt.maxMemory() >> 20);
    } else {
      out.printf(
          "driver pid %d (max heap %d MiB); gateway process %s, mock process %s (-Xmx%s each)%n%n",
          ProcessHandle.current().pid(),
          rt.maxMemory() >> 20,
          gateway.describe(),
          mock.describe(),
          launcher.heap());
    }
    out.flush();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}

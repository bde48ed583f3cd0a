package io.cloudbus.bench;

import io.cloudbus.cli.ExitCodes;
import io.cloudbus.cli.Terminal;
import io.cloudbus.cli.VersionProvider;
import io.cloudbus.cli.spi.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cloudbus bench}: the load harness ({@link BenchHarness}). By default the mock cloud and
 * the gateway run in two child processes (same java and class path, loopback only) so that their
 * CPU is accounted apart; {@code --in-process} runs everything in this JVM. Prints Markdown tables,
 * exits 0 when every scenario produced figures and 1 when one failed (its row says why), 2 for bad
 * options. Added to {@code cloudbus} by {@link BenchCommandProvider}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Measure the gateway against the mock cloud (loopback; mock and gateway in child processes"
          + " by default) and print tables: throughput vs a raw WebSocket client, end-to-end"
          + " latency, heap and direct memory per idle socket, reconnect storm, /ws fan-out. See"
          + " docs/benchmarks.md."
    })
final class BenchCommand implements Callable<Integer> {

  /** Open files per process here (ulimit -n 20,000) bound the sockets one process can hold. */
  static final int MAX_SOCKETS_SEPARATE = 18_000;

  static final int MAX_SOCKETS_IN_PROCESS = 9_000;

  /** The name of the run-path scenario ({@link RunPathScenario}). */
  static final String RUN_PATH = "run-path";

  private final Terminal terminal;

  @Option(names = "--quick", description = "Small counts: finishes in about a minute.")
  boolean quick;

  @Option(
      names = "--in-process",
      description = "Run the mock and the gateway in this JVM instead of two child processes.")
  boolean inProcess;

  @Option(
      names = "--child-heap",
      paramLabel = "SIZE",
      defaultValue = "3g",
      description = "-Xmx of each child process (default: ${DEFAULT-VALUE}).")
  String childHeap;

  @Option(
      names = "--throughput-sockets",
      paramLabel = "N",
      split = ",",
      description = "Socket counts of the throughput runs (default: 1,100 quick; 1,100,1000).")
  List<Integer> throughputSockets;

  @Option(
      names = "--throughput-events",
      paramLabel = "N",
      description = "Delivered events per throughput run (default: 50000 quick, 300000).")
  Long throughputEvents;

  @Option(
      names = "--sockets",
      paramLabel = "N",
      split = ",",
      description =
          "Idle socket counts of the memory figures; the storm uses the largest (default: 200"
              + " quick; 1000,10000).")
  List<Integer> sockets;

  @Option(
      names = "--connect-rate",
      paramLabel = "PER_SEC",
      description =
          "The mock's connect limit during the reconnect storm (default: 500 quick, 1000).")
  Integer connectRate;

  @Option(
      names = "--fanout-clients",
      paramLabel = "N",
      split = ",",
      description = "/ws client counts of the fan-out runs (default: 100 quick; 1000,10000).")
  List<Integer> fanoutClients;

  @Option(
      names = "--fanout-rate",
      paramLabel = "EVENTS_PER_SEC",
      description = "Events per second pushed in a fan-out run (default: 10 quick, 2).")
  Integer fanoutRate;

  @Option(
      names = "--latency-rate",
      paramLabel = "EVENTS_PER_SEC",
      description = "Fixed delivered-event rate of the latency run (default: 10000).")
  Integer latencyRate;

  @Option(
      names = "--throughput-ws-clients",
      paramLabel = "N",
      description =
          "/ws clients of the throughput run through the service, each gets every event (default:"
              + " 1).")
  Integer throughputWsClients;

  @Option(
      names = "--latency-clients",
      paramLabel = "N",
      description = "/ws clients connected during the latency run (default: 100).")
  Integer latencyClients;

  @Option(
      names = "--run-seconds",
      paramLabel = "S",
      description =
          "How long the latency and each fan-out run push (default: 4 and 3 quick, 15 and 10);"
              + " each fan-out run warms up for half as long before.")
  Integer runSeconds;

  @Option(
      names = "--latency-warmup-seconds",
      paramLabel = "S",
      description =
          "How long the latency run pushes at its rate before it records (default: 3 quick, 10).")
  Integer latencyWarmupSeconds;

  @Option(
      names = "--only",
      paramLabel = "SCENARIO",
      split = ",",
      description = "Run only these scenarios: throughput, latency, idle, fanout (default: all).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      split = ",",
      description =
          "Scenarios to run: throughput, latency, idle, fanout (as --only), or run-path: the real"
              + " `cloudbus run` in a child process per vendor, CPU per event (not in the default"
              + " set).")
  List<String> scenarios = new ArrayList<>();

  @Option(
      names = "--run-path-events",
      paramLabel = "N",
      description =
          "run-path: events of the cold start figure and of each steady-state figure (default:"
              + " 2000 quick, 100000).")
  Long runPathEvents;

  @Option(
      names = "--run-path-journal-off",
      description = "run-path: also run every vendor with journal.enabled: false.")
  boolean runPathJournalOff;

  @Option(
      names = "--run-path-vendors",
      paramLabel = "VENDOR",
      split = ",",
      description =
          "run-path: the vendors to run (default: simplisafe, bticino, home-assistant, pylight).")
  List<String> runPathVendors;

  @Option(
      names = "--jfr",
      paramLabel = "DIR",
      description = "run-path: record a JFR profile of each gateway child into DIR.")
  java.nio.file.Path jfrDir;

  @Option(
      names = "--run-path-cds",
      paramLabel = "on|off|both",
      defaultValue = "on",
      description =
          "run-path: class data sharing of the gateway child, as the launchers use it (a training"
              + " run per vendor writes the archive): on, off, or both rows (default:"
              + " ${DEFAULT-VALUE}).")
  String runPathCds;

  @Option(
      names = "--child-jvm-arg",
      paramLabel = "ARG",
      description =
          "A JVM option for every child process (repeatable), e.g. --child-jvm-arg"
              + " -XX:+UseSerialGC.")
  List<String> childJvmArgs = new ArrayList<>();

  BenchCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /**
   * The sizes the options ask for.
   *
   * @throws UsageException for a value out of range
   */
  BenchOptions options() {
    BenchOptions o = quick ? BenchOptions.quick() : BenchOptions.full();
    int maxSockets = inProcess ? MAX_SOCKETS_IN_PROCESS : MAX_SOCKETS_SEPARATE;
    if (throughputSockets != null || throughputEvents != null) {
      o =
          o.toBuilder()
              .throughputSockets(
                  throughputSockets == null
                      ? o.throughputSockets()
                      : counts(throughputSockets, "--throughput-sockets", maxSockets))
              .throughputEvents(
                  throughputEvents == null
                      ? o.throughputEvents()
                      : range(throughputEvents, 1, 100_000_000, "--throughput-events"))
              .build();
    }
    if (throughputWsClients != null) {
      o =
          o.toBuilder()
              .throughputWsClients(
                  (int) range(throughputWsClients, 1, maxSockets, "--throughput-ws-clients"))
              .build();
    }
    if (sockets != null) {
      o = o.toBuilder().idleSockets(counts(sockets, "--sockets", maxSockets)).build();
    }
    if (connectRate != null) {
      o =
          o.toBuilder()
              .connectRate((int) range(connectRate, 1, 1_000_000, "--connect-rate"))
              .build();
    }
    if (fanoutClients != null) {
      o =
          o.toBuilder()
              .fanoutClients(counts(fanoutClients, "--fanout-clients", maxSockets))
              .build();
    }
    if (fanoutRate != null) {
      o =
          o.toBuilder()
              .fanoutEventsPerSec((int) range(fanoutRate, 1, 100_000, "--fanout-rate"))
              .build();
    }
    if (latencyRate != null || latencyClients != null) {
      o =
          o.toBuilder()
              .latencyEventsPerSec(
                  latencyRate == null
                      ? o.latencyEventsPerSec()
                      : (int) range(latencyRate, 1, 1_000_000, "--latency-rate"))
              .latencyWsClients(
                  latencyClients == null
                      ? o.latencyWsClients()
                      : (int) range(latencyClients, 1, maxSockets, "--latency-clients"))
              .build();
    }
    if (runSeconds != null) {
      long ms = range(runSeconds, 1, 600, "--run-seconds") * 1000;
      o = o.toBuilder().latencyDurationMs(ms).fanoutDurationMs(ms).build();
    }
    if (latencyWarmupSeconds != null) {
      long ms = range(latencyWarmupSeconds, 1, 600, "--latency-warmup-seconds") * 1000;
      o = o.toBuilder().latencyWarmupMs(ms).build();
    }
    return o;
  }

  private static List<Integer> counts(List<Integer> values, String option, int max) {
    for (Integer v : values) {
      range(v, 1, max, option);
    }
    return values;
  }

  private static long range(long v, long min, long max, String option) {
    if (v < min || v > max) {
      throw new UsageException(option + " must be between " + min + " and " + max + ", was " + v);
    }
    return v;
  }

  /** The run-path scenario's sizes. */
  RunPathScenario.Sizes runPathSizes() {
    long events =
        runPathEvents == null
            ? (quick ? 2_000 : 100_000)
            : range(runPathEvents, 2, 100_000_000, "--run-path-events");
    List<String> vendors = runPathVendors == null ? RunPathFrames.VENDORS : runPathVendors;
    for (String v : vendors) {
      if (!RunPathFrames.VENDORS.contains(v)) {
        throw new UsageException(
            "--run-path-vendors: unknown vendor " + v + "; known: " + RunPathFrames.VENDORS);
      }
    }
    try {
      return new RunPathScenario.Sizes(
          events, events, runPathJournalOff, vendors, jfrDir, runPathCds);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  @Override
  public Integer call() {
    BenchOptions options = options();
    List<String> others = new ArrayList<>(scenarios);
    boolean runPath = others.remove(RUN_PATH);
    int failed = 0;
    if (runPath) {
      try {
        failed +=
            RunPathHarness.run(
                runPathSizes(),
                terminal.out(),
                ChildLauncher.ofThisJvm(childHeap, childJvmArgs),
                inProcess,
                options.scenarioTimeoutMs());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      if (others.isEmpty() && only.isEmpty()) {
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
      }
    }
    only.addAll(others);
    BenchHarness harness;
    try {
      harness =
          new BenchHarness(
              options,
              terminal.out(),
              new LinkedHashSet<>(only),
              inProcess ? null : ChildLauncher.ofThisJvm(childHeap, childJvmArgs));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    failed += harness.run();
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}

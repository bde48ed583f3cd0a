package io.cloudbus.cli;

import io.cloudbus.bench.BenchHarness;
import io.cloudbus.bench.BenchOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cloudbus bench}: the load harness ({@link BenchHarness}). Runs the mock cloud and real
 * gateway sockets in this process on loopback, prints Markdown tables, exits 0 when every scenario
 * produced figures and 1 when one failed (its row says why).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Measure the gateway against the embedded mock cloud (loopback, one process) and print"
          + " tables: throughput vs a raw WebSocket client, end-to-end latency, heap per idle"
          + " socket, reconnect storm, /ws fan-out. See docs/benchmarks.md."
    })
final class BenchCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(names = "--quick", description = "Small counts: finishes in about a minute.")
  boolean quick;

  @Option(
      names = "--sockets",
      paramLabel = "N",
      description =
          "Idle sockets for the heap and reconnect-storm figures (default: 200 quick, 5000).")
  Integer sockets;

  @Option(
      names = "--fanout-clients",
      paramLabel = "N",
      description = "/ws clients in the fan-out figure (default: 100 quick, 1000).")
  Integer fanoutClients;

  @Option(
      names = "--latency-rate",
      paramLabel = "EVENTS_PER_SEC",
      description = "Fixed delivered-event rate of the latency figure (default: 10000).")
  Integer latencyRate;

  @Option(
      names = "--fanout-rate",
      paramLabel = "EVENTS_PER_SEC",
      description = "Events per second pushed in the fan-out figure (default: 100).")
  Integer fanoutRate;

  @Option(
      names = "--only",
      paramLabel = "SCENARIO",
      split = ",",
      description = "Run only these scenarios: throughput, latency, idle, fanout (default: all).")
  List<String> only = new ArrayList<>();

  BenchCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    BenchOptions options = quick ? BenchOptions.quick() : BenchOptions.full();
    if (sockets != null) {
      if (sockets < 1 || sockets > 9_000) {
        throw new Options.UsageError("--sockets must be between 1 and 9000 (open files: see docs)");
      }
      options = options.withIdleSockets(sockets);
    }
    if (fanoutClients != null) {
      if (fanoutClients < 1 || fanoutClients > 9_000) {
        throw new Options.UsageError("--fanout-clients must be between 1 and 9000");
      }
      options = options.withFanoutClients(fanoutClients);
    }
    if (latencyRate != null) {
      if (latencyRate < 1 || latencyRate > 1_000_000) {
        throw new Options.UsageError("--latency-rate must be between 1 and 1000000");
      }
      options = options.withLatencyEventsPerSec(latencyRate);
    }
    if (fanoutRate != null) {
      if (fanoutRate < 1 || fanoutRate > 100_000) {
        throw new Options.UsageError("--fanout-rate must be between 1 and 100000");
      }
      options = options.withFanoutEventsPerSec(fanoutRate);
    }
    BenchHarness harness;
    try {
      harness = new BenchHarness(options, terminal.out(), new LinkedHashSet<>(only));
    } catch (IllegalArgumentException e) {
      throw new Options.UsageError(e.getMessage());
    }
    int failed = harness.run();
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}

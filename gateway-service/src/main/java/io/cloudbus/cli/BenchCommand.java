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

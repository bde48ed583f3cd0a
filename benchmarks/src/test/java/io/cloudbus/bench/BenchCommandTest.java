package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.cli.ExitCodes;
import io.cloudbus.cli.Terminal;
import io.cloudbus.cli.spi.UsageException;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  private static BenchCommand parse(String... args) {
    Terminal terminal =
        new Terminal(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            new BufferedReader(new StringReader("")),
            name -> null);
    BenchCommand command = new BenchCommand(terminal);
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void defaultsAreTheFullRunInChildProcesses() {
    BenchCommand command = parse();

    assertThat(command.inProcess).isFalse();
    assertThat(command.childHeap).isEqualTo("3g");
    assertThat(command.options()).isEqualTo(BenchOptions.full());
  }

  @Test
  void listsAndRatesOverrideTheQuickSizes() {
    BenchOptions o =
        parse(
                "--quick",
                "--throughput-sockets",
                "1,10",
                "--throughput-events",
                "2000",
                "--throughput-ws-clients",
                "3",
                "--sockets",
                "50,20",
                "--connect-rate",
                "300",
                "--fanout-clients",
                "5",
                "--fanout-rate",
                "4",
                "--latency-rate",
                "500",
                "--latency-clients",
                "7",
                "--run-seconds",
                "2",
                "--latency-warmup-seconds",
                "5",
                "--child-heap",
                "512m")
            .options();

    assertThat(o.throughputSockets()).containsExactly(1, 10);
    assertThat(o.throughputEvents()).isEqualTo(2_000);
    assertThat(o.throughputWsClients()).isEqualTo(3);
    assertThat(o.idleSockets()).containsExactly(20, 50);
    assertThat(o.connectRate()).isEqualTo(300);
    assertThat(o.fanoutClients()).containsExactly(5);
    assertThat(o.fanoutEventsPerSec()).isEqualTo(4);
    assertThat(o.latencyEventsPerSec()).isEqualTo(500);
    assertThat(o.latencyWsClients()).isEqualTo(7);
    assertThat(o.latencyDurationMs()).isEqualTo(2_000);
    assertThat(o.latencyWarmupMs()).isEqualTo(5_000);
    assertThat(o.fanoutDurationMs()).isEqualTo(2_000);
    assertThat(o.scenarioTimeoutMs()).isEqualTo(BenchOptions.quick().scenarioTimeoutMs());
  }

  @Test
  void socketCountsAreBoundedByTheOpenFilesOfOneProcess() {
    assertThat(parse("--sockets", "18000").options().idleSockets()).containsExactly(18_000);
    assertThatThrownBy(() -> parse("--sockets", "18001").options())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--sockets must be between 1 and 18000");
    // in one process each socket pair takes two descriptors of the same table
    assertThatThrownBy(() -> parse("--in-process", "--fanout-clients", "10000").options())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--fanout-clients must be between 1 and 9000");
    assertThatThrownBy(() -> parse("--connect-rate", "0").options())
        .isInstanceOf(UsageException.class);
  }

  @Test
  void badOptionsExitWithUsageError() {
    InProcessCli run = new InProcessCli();
    assertThat(run.execute("bench", "--sockets", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--sockets must be between");
    assertThat(run.execute("bench", "--only", "nonsense")).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("unknown scenario nonsense");
    assertThat(run.execute("bench", "--child-heap", "lots")).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("child heap must be a size");
  }
}

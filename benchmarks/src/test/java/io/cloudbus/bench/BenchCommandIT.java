package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.cli.ExitCodes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cloudbus bench} end to end with its default layout: the mock and the gateway in two child
 * JVMs started from this one's java and class path. Tiny counts; asserts that each table has
 * figures and that the CPU and memory figures come from the child processes. No timing asserted.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BenchCommandIT {

  private static final Pattern DECIMAL = Pattern.compile("\\d[\\d,]*(\\.\\d+)?");

  @Test
  void tinyRunInSeparateProcessesPrintsFiguresOfEachProcess() {
    // GIVEN
    InProcessCli run = new InProcessCli();

    // WHEN
    int exit =
        run.execute(
            "bench",
            "--quick",
            "--only",
            "throughput,latency,idle,fanout",
            "--throughput-sockets",
            "1",
            "--throughput-events",
            "2000",
            "--throughput-ws-clients",
            "2",
            "--latency-rate",
            "500",
            "--latency-clients",
            "2",
            "--sockets",
            "5,10",
            "--fanout-clients",
            "3",
            "--fanout-rate",
            "5",
            "--run-seconds",
            "1",
            "--child-heap",
            "256m");

    // THEN
    String out = run.out();
    assertThat(exit).as(out + run.err()).isEqualTo(ExitCodes.OK);
    Matcher pids =
        Pattern.compile("gateway process pid (\\d+), mock process pid (\\d+)").matcher(out);
    assertThat(pids.find()).as(out).isTrue();
    long gatewayPid = Long.parseLong(pids.group(1));
    long mockPid = Long.parseLong(pids.group(2));
    assertThat(gatewayPid).isNotEqualTo(mockPid).isNotEqualTo(ProcessHandle.current().pid());

    // throughput: events/s and CPU per event of the gateway, mock and driver processes, for the
    // bus consumer, two /ws clients of the service (half the events each: the same frames) and
    // the raw clients
    for (String receiver :
        List.of(
            "gateway → bus consumer",
            "gateway → service → 2 /ws clients",
            "raw Vert.x client (counts frames)")) {
      List<String> cells = row(out, receiver);
      assertThat(cells.get(1)).isEqualTo("1");
      assertThat(cells.get(2)).isEqualTo(receiver.contains("/ws") ? "1,000" : "2,000");
      for (int column : new int[] {4, 5, 6, 7}) {
        assertThat(cells.get(column)).as(receiver + " column " + column).matches(DECIMAL);
      }
      assertThat(cells.get(8)).isEqualTo("yes");
    }
    assertThat(out)
        .containsPattern("/ws frames written per second with 1 socket\\(s\\), 2 clients: \\d");
    // latency: the bus consumer, the /ws clients and the raw clients with the same pushes, each
    // with every pushed event timed
    for (String receiver :
        List.of(
            "bus consumer (gateway process)",
            "/ws client, one account each (driver)",
            "raw Vert.x client, same pushes (gateway process)")) {
      List<String> cells = row(out, receiver);
      assertThat(cells.get(3)).as(receiver).isEqualTo("500");
      assertThat(cells.get(5)).as(receiver).matches(DECIMAL);
      assertThat(cells.get(6)).as(receiver).matches(DECIMAL);
    }
    assertThat(out).containsPattern("CPU µs per event, raw latency run: gateway process \\d");
    // memory, measured in the gateway process
    List<String> memory = row(out, "10", "gateway socket");
    assertThat(memory.get(3)).matches("-?" + DECIMAL.pattern());
    assertThat(memory.get(6)).isEqualTo("pid " + gatewayPid);
    assertThat(row(out, "10", "raw Vert.x client").get(6)).isEqualTo("pid " + gatewayPid);
    // storm: every socket back
    assertThat(row(out, "10", "500").get(3)).isEqualTo("yes");
    // fan-out: 5 events to 3 clients, with percentiles, the warm-up's max and the gateway
    // process's CPU
    List<String> fanout = row(out, "3", "5");
    assertThat(fanout.get(2)).isEqualTo(fanout.get(3));
    assertThat(fanout.get(5)).matches(DECIMAL);
    assertThat(fanout.get(8)).matches(DECIMAL);
    assertThat(fanout.get(9)).matches(DECIMAL);
    // the children are gone once the command returned
    assertThat(ProcessHandle.of(gatewayPid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(ProcessHandle.of(mockPid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
  }

  /** The trimmed cells of the first table row whose first cells are {@code first}. */
  private static List<String> row(String out, String... first) {
    return out.lines()
        .filter(l -> l.startsWith("|"))
        .map(l -> l.split("\\|"))
        .map(parts -> Arrays.stream(parts, 1, parts.length).map(String::trim).toList())
        .filter(cells -> cells.size() >= first.length)
        .filter(cells -> cells.subList(0, first.length).equals(List.of(first)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + List.of(first) + " in\n" + out));
  }
}

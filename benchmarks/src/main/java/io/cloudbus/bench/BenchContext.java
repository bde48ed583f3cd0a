package io.cloudbus.bench;

import io.vertx.core.Vertx;
import java.io.PrintWriter;

/**
 * What every scenario works with: the sizes, the output, both sides, the mock's admin API, and the
 * driver's own Vert.x instance (for {@code /ws} clients). Driver thread only.
 */
record BenchContext(
    BenchOptions options,
    PrintWriter out,
    GatewaySide gateway,
    MockSide mock,
    MockAdmin admin,
    Vertx driver) {

  long timeout() {
    return options.scenarioTimeoutMs();
  }

  /** Waits (bounded) until the mock has exactly {@code n} open Pylight sockets; false if not. */
  boolean mockOpen(int n) {
    return Waits.until(() -> mock.openSockets() == n, timeout(), 20_000);
  }

  /** Prints a section: heading, table, then optional lines. */
  void section(String heading, BenchTable table, String... lines) {
    out.println("## " + heading);
    out.println();
    out.print(table.render());
    out.println();
    for (String line : lines) {
      out.println(line);
    }
    if (lines.length > 0) {
      out.println();
    }
    out.flush();
  }

  /** A one-line CPU summary of a run: per-event CPU of each process. */
  static String cpuLine(String what, double[] micros) {
    return "- CPU µs per event, "
        + what
        + ": gateway process "
        + CpuSample.cell(micros[1])
        + ", mock process "
        + CpuSample.cell(micros[2])
        + ", driver "
        + CpuSample.cell(micros[0]);
  }
}

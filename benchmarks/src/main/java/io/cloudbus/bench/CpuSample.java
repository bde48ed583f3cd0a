package io.cloudbus.bench;

import java.util.Locale;

/**
 * CPU time (ns) of the driver, the gateway process and the mock process at one moment; -1 for a
 * side that shares the driver's JVM ({@code --in-process}: then the driver's figure is the whole
 * process).
 */
record CpuSample(long driver, long gateway, long mock) {

  static CpuSample take(GatewaySide gateway, MockSide mock) {
    return new CpuSample(Cpu.processNanos(), gateway.cpuNanos(), mock.cpuNanos());
  }

  /** Per-event CPU between {@code this} and {@code later}: driver, gateway, mock (µs or -1). */
  double[] microsPerEvent(CpuSample later, long events) {
    return new double[] {
      per(driver, later.driver, events),
      per(gateway, later.gateway, events),
      per(mock, later.mock, events)
    };
  }

  private static double per(long a, long b, long events) {
    return a < 0 || b < 0 || events <= 0 ? -1 : (b - a) / 1e3 / events;
  }

  /** One figure for a table cell: one decimal, or {@code n/a}. */
  static String cell(double micros) {
    return micros < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", micros);
  }
}

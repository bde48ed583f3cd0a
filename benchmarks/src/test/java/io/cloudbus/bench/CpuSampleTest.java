package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuSampleTest {

  @Test
  void perEventMicrosOfEachProcess() {
    CpuSample before = new CpuSample(1_000_000, 2_000_000, 3_000_000);
    CpuSample after = new CpuSample(3_000_000, 42_000_000, 13_000_000);

    double[] micros = before.microsPerEvent(after, 1_000);

    // driver 2 ms, gateway 40 ms, mock 10 ms over 1,000 events
    assertThat(micros).containsExactly(2.0, 40.0, 10.0);
    assertThat(CpuSample.cell(micros[1])).isEqualTo("40.0");
  }

  @Test
  void unknownSidesAndNoEventsAreNotAvailable() {
    CpuSample inProcess = new CpuSample(0, -1, -1);
    double[] micros = inProcess.microsPerEvent(new CpuSample(5_000, -1, -1), 10);

    assertThat(micros[0]).isEqualTo(0.5);
    assertThat(CpuSample.cell(micros[1])).isEqualTo("n/a");
    assertThat(CpuSample.cell(micros[2])).isEqualTo("n/a");
    assertThat(inProcess.microsPerEvent(inProcess, 0)[0]).isEqualTo(-1);
  }
}

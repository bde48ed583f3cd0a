package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the compiler threads' CPU from {@code /proc/PID/task/TID/stat} lines. */
class JitCpuTest {

  @Test
  void countsUserAndSystemTicksOfCompilerThreadsOnly() {
    String c2 =
        "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 1077936192 100 0 0 0 731 42 0 0 20 0 30 0 9"
            + " 0 0";
    String loop =
        "4243 (vert.x-eventloo) S 1 4200 4200 0 -1 1077936192 100 0 0 0 500 20 0 0 20 0 30 0 9"
            + " 0 0";
    String odd = "4244 (a) b (c) S 1 4200 4200 0 -1 1 100 0 0 0 7 3 0 0 20 0 30 0 9 0 0";

    assertThat(JitCpu.compilerTicks(c2)).isEqualTo(773);
    assertThat(JitCpu.compilerTicks(loop)).isZero();
    assertThat(JitCpu.compilerTicks(odd)).isZero();
    assertThat(JitCpu.compilerTicks("garbage")).isZero();
  }

  @Test
  void readsThisJvmsOwnCompilerThreadsOnLinux() {
    long nanos = JitCpu.nanos(ProcessHandle.current().pid());
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertThat(nanos).isGreaterThanOrEqualTo(0);
    } else {
      assertThat(nanos).isEqualTo(-1);
    }
  }
}

package io.cloudbus.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM's process (all threads: event loops, GC, JIT). */
final class Cpu {

  private Cpu() {}

  /** Process CPU nanoseconds so far, or -1 when the JVM does not report it. */
  static long processNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }
}

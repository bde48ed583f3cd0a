package io.cloudbus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process's JIT compiler threads ({@code C1 CompilerThread0}, {@code C2
 * CompilerThread0}, ...), read from Linux's {@code /proc/PID/task/TID/stat}: the part of a
 * gateway's CPU that is the JVM compiling its code, not the code running. Elsewhere: -1.
 */
final class JitCpu {

  /** Linux's clock ticks per second of {@code /proc} times (USER_HZ, 100 on every kernel). */
  private static final long TICKS_PER_SECOND = 100;

  private JitCpu() {}

  /** Nanoseconds of CPU (user + system) of the compiler threads of {@code pid}, or -1. */
  static long nanos(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return -1;
    }
    long ticks = 0;
    try (Stream<Path> all = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) all::iterator) {
        ticks += compilerTicks(task.resolve("stat"));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
    return ticks * (1_000_000_000L / TICKS_PER_SECOND);
  }

  /** utime + stime of one thread when it is a compiler thread, else 0 (also when it ended). */
  static long compilerTicks(Path stat) {
    String line;
    try {
      line = Files.readString(stat, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return 0; // the thread ended meanwhile
    }
    return compilerTicks(line);
  }

  /**
   * The same from the text of a stat file: {@code pid (comm) state ...}, utime and stime being the
   * 14th and 15th fields; the name may hold spaces and parentheses, so fields count from the last
   * {@code ')'}.
   */
  static long compilerTicks(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return 0;
    }
    String comm = stat.substring(open + 1, close);
    if (!comm.matches("C[12] CompilerThre.*")) {
      return 0;
    }
    String[] fields = stat.substring(close + 2).trim().split(" ");
    // fields[0] is the 3rd field (state): utime is the 14th, stime the 15th
    if (fields.length < 13) {
      return 0;
    }
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}

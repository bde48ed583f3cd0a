package io.cloudbus.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * With the system property {@value #PROPERTY}{@code =DIR} (for a child: {@code --child-jvm-arg
 * -Dcloudbus.bench.histogram=DIR}), writes the JVM's class histogram (what {@code jcmd PID
 * GC.class_histogram} prints) at every {@link MemorySnapshot}, right after its heap figure, to
 * {@code DIR/histogram-PID-N.txt} (N counts the snapshots of the process from 1). Two of them,
 * subtracted class by class and divided by the sockets added in between, tell what each socket
 * holds (docs/benchmarks.md, "Heap per idle socket, third round"). Off without the property.
 */
final class HeapHistogram {

  static final String PROPERTY = "cloudbus.bench.histogram";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private HeapHistogram() {}

  /** Writes the histogram when the property is set; a failure is printed, never thrown. */
  static void writeIfAsked() {
    String dir = System.getProperty(PROPERTY);
    if (dir == null || dir.isBlank()) {
      return;
    }
    long pid = ProcessHandle.current().pid();
    Path file = Path.of(dir, "histogram-" + pid + "-" + SEQUENCE.incrementAndGet() + ".txt");
    try {
      Object text =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.valueOf(text));
    } catch (JMException | IOException | RuntimeException e) {
      System.err.println("bench: no class histogram written to " + file + ": " + e);
    }
  }
}

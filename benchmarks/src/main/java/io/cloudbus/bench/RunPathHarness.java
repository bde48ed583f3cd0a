package io.cloudbus.bench;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * Starts the mock cloud (a child process, or this JVM with {@code --in-process}) and runs {@link
 * RunPathScenario} against it. The gateway is always a child: the point is the real {@code cloudbus
 * run} process.
 */
final class RunPathHarness {

  private RunPathHarness() {}

  /** Runs the scenario; returns the number of failed rows. Blocking. */
  static int run(
      RunPathScenario.Sizes sizes,
      PrintWriter out,
      ChildLauncher launcher,
      boolean inProcess,
      long timeoutMs) {
    RunPathCds.requireJarClassPath(sizes.cds(), launcher.classPath());
    Vertx driver = Vertx.vertx();
    MockSide mock = null;
    try {
      mock =
          inProcess ? new LocalMockSide(timeoutMs, false) : new RemoteMockSide(launcher, timeoutMs);
      out.printf(
          "cloudbus bench run-path, %s, %d cores, Java %s, load average %.2f%n%n",
          Instant.now(),
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          loadAverage());
      int failed = RunPathScenario.run(sizes, out, launcher, mock, driver, timeoutMs);
      out.printf("finished %s, load average %.2f%n", Instant.now(), loadAverage());
      out.flush();
      return failed;
    } finally {
      if (mock != null) {
        mock.close();
      }
      Waits.await(driver.close(), 30_000, "closing");
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}

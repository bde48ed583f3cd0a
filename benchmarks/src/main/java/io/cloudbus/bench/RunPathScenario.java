package io.cloudbus.bench;

import io.cloudbus.mock.MockCloudAdminClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code cloudbus bench --scenario run-path}: the real {@code cloudbus run} code path (config
 * loading, adapters, the service, metrics, the journal) in a child process ({@link RunPathGateway})
 * against the mock cloud, one vendor at a time, with the journal on and off. Frames ({@link
 * RunPathFrames}) go through the mock's admin API in batches; the gateway's process CPU time is
 * read at the moments its {@code /metrics} show the event counts. Per row: CPU for start plus the
 * first {@code coldEvents} events; then, in steady state, CPU µs per event with only the service's
 * own bus consumers, and with one {@code /ws/events} client (in the driver) that receives every
 * event. Each steady figure includes the {@code /metrics} scrapes of the flow control (a few per
 * second). With class data sharing ({@link RunPathCds}) each vendor first has a training run that
 * writes its archive. Beside each row, the raw client on the same frames ({@link RunPathRaw}).
 */
final class RunPathScenario {

  /** Frames per admin call: the admin API takes bodies up to 1 MiB. */
  static final int BATCH = 400;

  /** How often the driver reads {@code /metrics} while waiting for a count. */
  static final long POLL_MICROS = 100_000;

  private RunPathScenario() {}

  /** The sizes of one run-path scenario. */
  record Sizes(
      long coldEvents,
      long steadyEvents,
      boolean journalOff,
      java.util.List<String> vendors,
      Path jfrDir,
      String cds) {

    /** Validates {@code cds} ({@link RunPathCds#MODES}). */
    Sizes {
      RunPathCds.settings(cds);
    }

    /** These sizes for a training run: at most {@link RunPathCds#TRAINING_EVENTS}, no JFR. */
    Sizes training() {
      long events = Math.min(RunPathCds.TRAINING_EVENTS, coldEvents);
      return new Sizes(events, events, false, vendors, null, "off");
    }
  }

  /**
   * Runs every vendor and prints one table.
   *
   * @return the number of failed rows
   */
  static int run(
      Sizes sizes,
      PrintWriter out,
      ChildLauncher launcher,
      MockSide mock,
      Vertx driver,
      long timeoutMs) {
    MockCloudAdminClient admin =
        new MockCloudAdminClient(mock.adminUrl(), MockAdmin.REQUEST_TIMEOUT);
    out.printf(
        "## run-path: `cloudbus run` in a child process (-Xmx%s), one account, mock %s%n%n",
        launcher.heap(), mock.describe());
    out.printf(
        "| vendor | journal | gateway CPU s, start + first %,d events | wall s | CPU µs/event,"
            + " steady, bus consumers | events/s | CPU µs/event, steady, + one /ws client |"
            + " events/s | /ws frames | pid | CDS | raw client CPU s, start + first %,d frames"
            + " | raw client CPU µs/frame, steady | gateway CPU s, start to first event |"
            + " of which JIT compiler threads, µs/event: steady, bus consumers / + one /ws client"
            + " | of which JIT compiler threads, CPU s: start + first %,d events |%n",
        sizes.coldEvents(), sizes.coldEvents(), sizes.coldEvents());
    out.println("|" + " --- |".repeat(16));
    out.flush();
    int failures = 0;
    boolean[] cdsSettings = RunPathCds.settings(sizes.cds());
    for (String vendor : sizes.vendors()) {
      Path archive = null;
      if (cdsSettings[cdsSettings.length - 1]) {
        try {
          archive = train(vendor, sizes, launcher, admin, driver, timeoutMs);
        } catch (RuntimeException e) {
          out.printf(
              "| %s | | failed: CDS training run: %s | | | | | | | | on | | | | |%n",
              vendor, e.getMessage());
          failures++;
          continue;
        }
      }
      for (boolean journal :
          sizes.journalOff() ? new boolean[] {true, false} : new boolean[] {true}) {
        for (boolean cds : cdsSettings) {
          ChildLauncher rowLauncher =
              cds ? launcher.withJvmArgs(RunPathCds.use(archive)) : launcher;
          try {
            String row = row(vendor, journal, sizes, rowLauncher, admin, driver, timeoutMs);
            String raw =
                RunPathRaw.cells(
                    vendor,
                    account(vendor, admin),
                    sizes.coldEvents(),
                    sizes.steadyEvents(),
                    rowLauncher,
                    admin,
                    timeoutMs);
            int cut = row.length() - 2; // the row ends with " |"
            for (int cells = 0; cells < 3; cells++) {
              cut = row.lastIndexOf(" |", cut - 1);
            }
            // the row's last three cells (CPU to the first event, the JIT's two) go after the raw
            // client's cells
            out.printf(
                "%s | %s | %s |%s%n",
                row.substring(0, cut), cds ? "on" : "off", raw, row.substring(cut + 2));
          } catch (RuntimeException e) {
            out.printf(
                "| %s | %s | failed: %s | | | | | | | | %s | | | | | |%n",
                vendor, journal ? "on" : "off", e.getMessage(), cds ? "on" : "off");
            failures++;
          }
          out.flush();
        }
      }
      deleteQuietly(archive);
    }
    out.println();
    out.flush();
    return failures;
  }

  /**
   * The first run of {@code vendor} (journal on), which writes the class data sharing archive when
   * it exits, as the launchers' first run does.
   *
   * @return the archive
   */
  private static Path train(
      String vendor,
      Sizes sizes,
      ChildLauncher launcher,
      MockCloudAdminClient admin,
      Vertx driver,
      long timeoutMs) {
    Path archive;
    try {
      archive = Files.createTempFile("cloudbus-run-path-" + vendor + "-", ".jsa");
      Files.delete(archive);
    } catch (IOException e) {
      throw new IllegalStateException("no temporary file: " + e.getMessage(), e);
    }
    row(
        vendor,
        true,
        sizes.training(),
        launcher.withJvmArgs(RunPathCds.dump(archive)),
        admin,
        driver,
        timeoutMs);
    try {
      if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
        throw new IllegalStateException("the first run wrote no archive " + archive);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + archive + ": " + e.getMessage(), e);
    }
    return archive;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      file.toFile().delete();
    }
  }

  private static String row(
      String vendor,
      boolean journal,
      Sizes sizes,
      ChildLauncher launcher,
      MockCloudAdminClient admin,
      Vertx driver,
      long timeoutMs) {
    admin.reset();
    JsonObject account = account(vendor, admin);
    Path dir;
    try {
      dir = Files.createTempDirectory("cloudbus-run-path-");
    } catch (IOException e) {
      throw new IllegalStateException("no temporary directory: " + e.getMessage(), e);
    }
    Path jfr =
        sizes.jfrDir() == null
            ? null
            : sizes.jfrDir().resolve(vendor + (journal ? "-journal" : "-nojournal") + ".jfr");
    // closed in reverse: the gateway exits first, then its directory goes
    try (TempDir cleanup = new TempDir(dir);
        RunPathGateway gateway =
            new RunPathGateway(launcher, dir, account, journal, jfr, timeoutMs)) {
      long seq = firstEvent(vendor, admin, gateway, timeoutMs);
      double firstCpuS = gateway.cpuNanos() / 1e9;
      // cold: start + the first coldEvents events
      seq = pushAndWait(vendor, admin, gateway, seq, sizes.coldEvents() - 1, timeoutMs);
      double coldCpuS = gateway.cpuNanos() / 1e9;
      double coldWallS = gateway.ageNanos() / 1e9;
      long coldJitNanos = gateway.jitNanos();
      // steady, no client but the service's own consumers
      long[] a = sample(gateway);
      seq = pushAndWait(vendor, admin, gateway, seq, sizes.steadyEvents(), timeoutMs);
      long[] b = sample(gateway);
      // steady with one /ws client receiving every event
      WsClients ws = new WsClients(driver, gateway.httpPort(), 1);
      long frames;
      String cuts;
      long[] c;
      long[] d;
      try {
        ws.connect(1, null, timeoutMs);
        c = sample(gateway);
        long framesBefore = ws.frames();
        pushAndWait(vendor, admin, gateway, seq, sizes.steadyEvents(), timeoutMs);
        long target = framesBefore + sizes.steadyEvents();
        Waits.until(() -> ws.frames() >= target, timeoutMs, POLL_MICROS);
        d = sample(gateway);
        frames = ws.frames() - framesBefore;
        cuts = ws.cuts();
      } finally {
        ws.close(timeoutMs);
      }
      return String.format(
          Locale.ROOT,
          "| %s | %s | %.2f | %.1f | %.1f | %,.0f | %.1f | %,.0f | %,d%s | %d | %.2f | %s / %s | %s |",
          vendor,
          journal ? "on" : "off",
          coldCpuS,
          coldWallS,
          perEvent(a, b),
          rate(a, b),
          perEvent(c, d),
          rate(c, d),
          frames,
          cuts == null ? "" : " (" + cuts + ")",
          gateway.pid(),
          firstCpuS,
          jitPerEvent(a, b),
          jitPerEvent(c, d),
          coldJitNanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", coldJitNanos / 1e9));
    }
  }

  /** Deletes the row's directory (config, journal, stderr) once the gateway has exited. */
  private record TempDir(Path dir) implements AutoCloseable {
    @Override
    public void close() {
      try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | java.io.UncheckedIOException e) {
        // best effort: a temporary directory
      }
    }
  }

  /** {events, cpu ns, wall ns, JIT compiler cpu ns} of the gateway now. */
  private static long[] sample(RunPathGateway gateway) {
    long events = gateway.eventsIn();
    return new long[] {events, gateway.cpuNanos(), System.nanoTime(), gateway.jitNanos()};
  }

  /** The compiler threads' µs per event between two samples, or n/a off Linux. */
  private static String jitPerEvent(long[] from, long[] to) {
    long events = to[0] - from[0];
    if (from[3] < 0 || to[3] < 0 || events <= 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f", (to[3] - from[3]) / 1e3 / events);
  }

  private static double perEvent(long[] from, long[] to) {
    long events = to[0] - from[0];
    return events <= 0 ? -1 : (to[1] - from[1]) / 1e3 / events;
  }

  private static double rate(long[] from, long[] to) {
    return (to[0] - from[0]) / ((to[2] - from[2]) / 1e9);
  }

  /**
   * Pushes single frames until the gateway publishes one (its socket is up and subscribed).
   *
   * @return the next frame's sequence number
   */
  private static long firstEvent(
      String vendor, MockCloudAdminClient admin, RunPathGateway gateway, long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    long seq = 1;
    while (System.nanoTime() < deadline) {
      RunPathFrames.push(admin, vendor, seq++, 1);
      if (Waits.until(() -> gateway.eventsIn() > 0, 1_000, POLL_MICROS)) {
        return seq;
      }
    }
    throw new IllegalStateException(
        "no " + vendor + " event reached the gateway within " + timeoutMs + " ms");
  }

  /**
   * Pushes {@code count} frames from {@code seq} in batches and waits until the gateway's event
   * count grew by {@code count}.
   *
   * @return the next frame's sequence number
   */
  private static long pushAndWait(
      String vendor,
      MockCloudAdminClient admin,
      RunPathGateway gateway,
      long seq,
      long count,
      long timeoutMs) {
    long target = gateway.eventsIn() + count;
    long end = seq + count;
    while (seq < end) {
      int n = (int) Math.min(BATCH, end - seq);
      RunPathFrames.push(admin, vendor, seq, n);
      seq += n;
    }
    if (!Waits.until(() -> gateway.eventsIn() >= target, timeoutMs, POLL_MICROS)) {
      throw new IllegalStateException(
          "the gateway published " + gateway.eventsIn() + " of " + target + " events in time");
    }
    return seq;
  }

  /** The {@code accounts} item of the run configuration for {@code vendor} on this mock. */
  static JsonObject account(String vendor, MockCloudAdminClient admin) {
    JsonObject vendors = admin.send("GET", "", null).getJsonObject("vendors");
    JsonObject e = vendors.getJsonObject(vendor);
    return switch (vendor) {
      case "simplisafe" ->
          new JsonObject()
              .put("adapter", "simplisafe")
              .put("account", "home")
              .put(
                  "refreshToken",
                  admin.post("/simplisafe/refresh-token", null).getString("refreshToken"))
              .put(
                  "endpoints",
                  new JsonObject()
                      .put("authBaseUrl", e.getString("authBaseUrl"))
                      .put("apiBaseUrl", e.getString("apiBaseUrl"))
                      .put("socketUrl", e.getString("socketUrl")));
      case "bticino" -> {
        JsonObject demo = e.getJsonObject("demo");
        yield new JsonObject()
            .put("adapter", "bticino")
            .put("account", "home")
            .put("username", demo.getString("username"))
            .put("password", demo.getString("password"))
            .put("clientSecret", demo.getString("clientSecret"))
            .put(
                "endpoints",
                new JsonObject()
                    .put("tokenUrl", e.getString("tokenUrl"))
                    .put("apiBaseUrl", e.getString("apiBaseUrl"))
                    .put("socketUrl", e.getString("socketUrl")));
      }
      case "home-assistant" ->
          new JsonObject()
              .put("adapter", "generic")
              .put("profile", "home-assistant")
              .put("account", "home")
              .put("url", e.getString("url"))
              .put("token", e.getString("token"));
      case "pylight" ->
          new JsonObject()
              .put("adapter", "generic")
              .put("profile", "pylight")
              .put("account", "products")
              .put("url", e.getString("url"))
              .put("table", MockAdmin.TABLE);
      default -> throw new IllegalArgumentException("unknown vendor " + vendor);
    };
  }
}

package io.cloudbus.distribution;

import static io.cloudbus.distribution.Patience.PATIENT;
import static io.cloudbus.distribution.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class data sharing of {@code bin/cloudbus} ({@code bin/cloudbus-cds.sh}, docs/deploy.md): the
 * first {@code demo} writes the archive at its exit, the next launch checks and keeps it and loads
 * the application's classes from it; a broken archive is dropped, never a failure; {@code
 * CLOUDBUS_CDS=off} starts without it. Its own unpacked distribution and archive directory.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ClassDataSharingIT {

  private static final String EVENT_LINE =
      "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} +\\S+\\..*";

  private static final String MAIN_FROM_ARCHIVE =
      "io.cloudbus.cli.CloudbusCli source: shared objects file (top)";

  @TempDir static Path unpackDir;
  @TempDir static Path cdsDir;
  static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    home = Unpacked.into(unpackDir);
  }

  @Test
  void theFirstDemoWritesTheArchiveTheNextStartsUseIt() throws Exception {
    // GIVEN no archive; WHEN the first demo runs up to its URLs and is stopped with SIGTERM
    Process demo =
        cloudbus("demo", "--port", "0", "--tcp-port", "0", "--mock-port", "0")
            .redirectError(unpackDir.resolve("cds-demo.err").toFile())
            .start();
    // its standard output is read to the end: a full pipe would block the demo's shutdown
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture.runAsync(() -> pump(demo, lines));
    long deadline = System.nanoTime() + PATIENT.toNanos();
    // up to its URLs and a first event line: a demo stopped while starting takes long to exit
    String line = "";
    StringBuilder seen = new StringBuilder();
    boolean dashboard = false;
    while (!(dashboard && line.matches(EVENT_LINE)) && System.nanoTime() < deadline) {
      line = Objects.requireNonNullElse(lines.poll(1, TimeUnit.SECONDS), "");
      seen.append(line.isEmpty() ? "" : line + "\n");
      dashboard |= line.startsWith("dashboard");
    }
    demo.destroy();
    assertThat(line)
        .as(
            () -> {
              try {
                return "the demo's first event after its URLs; its output:\n"
                    + seen
                    + Files.readString(unpackDir.resolve("cds-demo.err"));
              } catch (java.io.IOException e) {
                return seen.toString();
              }
            })
        .matches(EVENT_LINE);
    assertThat(demo.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(demo.exitValue()).isEqualTo(143);
    // THEN it wrote the archive under a temporary name
    List<Path> written = files(".tmp");
    assertThat(written).hasSize(1);
    assertThat(Files.size(written.get(0))).isPositive();

    // WHEN the next command starts: THEN it keeps the archive and loads the CLI's classes from it
    String check = check(null, "-Xlog:class+load=info");
    assertThat(check).contains("config OK: 0 accounts").contains(MAIN_FROM_ARCHIVE);
    assertThat(files(".tmp")).isEmpty();
    List<Path> kept = files(".jsa");
    assertThat(kept).hasSize(1);

    // AND with CLOUDBUS_CDS=off it starts without it
    assertThat(check("off", "-Xlog:class+load=info"))
        .contains("config OK: 0 accounts")
        .doesNotContain(MAIN_FROM_ARCHIVE);

    // WHEN a first run's archive is broken (a run killed while writing it)
    Files.delete(kept.get(0));
    Path broken = Path.of(kept.get(0) + ".999999999.tmp");
    Files.write(broken, new byte[4096]);
    // THEN the next start drops it and runs without an archive, leaving no crash report behind
    assertThat(check(null, "-Xmx128m")).contains("config OK: 0 accounts");
    assertThat(files(".tmp")).isEmpty();
    assertThat(files(".jsa")).isEmpty();
    try (Stream<Path> left = Files.list(unpackDir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
    }
  }

  private static void pump(Process process, LinkedBlockingQueue<String> lines) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    } catch (java.io.IOException e) {
      // the process ended
    }
  }

  private static ProcessBuilder cloudbus(String... args) {
    ProcessBuilder pb = Unpacked.cloudbus(home, unpackDir, args);
    pb.environment().put("CLOUDBUS_CDS_DIR", cdsDir.toString());
    pb.environment().remove("CLOUDBUS_CDS");
    return pb;
  }

  /** {@code bin/cloudbus check} on the shipped configuration; its output (exit 0 asserted). */
  private static String check(String cds, String javaOpts) throws Exception {
    ProcessBuilder pb =
        cloudbus("check", "--config", home.resolve("config/gateway.yaml").toString())
            .redirectErrorStream(true);
    pb.environment().put("JAVA_OPTS", javaOpts);
    if (cds != null) {
      pb.environment().put("CLOUDBUS_CDS", cds);
    }
    Process check = pb.start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
    return output;
  }

  private static List<Path> files(String suffix) throws Exception {
    try (Stream<Path> all = Files.list(cdsDir)) {
      return all.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }
}

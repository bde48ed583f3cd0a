package io.cloudbus.distribution;

import static io.cloudbus.distribution.Patience.PATIENT;
import static io.cloudbus.distribution.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball of {@code ./mvnw package}, unpacked into a temporary directory and run as a user
 * would: its layout, {@code bin/cloudbus check} on the shipped configuration, and {@code
 * bin/cloudbus demo} up to its URLs and a first event, then stopped with SIGTERM.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DistributionIT {

  @TempDir static Path unpackDir;
  static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    home = Unpacked.into(unpackDir);
  }

  @Test
  void theLayoutHasLauncherJarsConfigUnitAndReadme() throws Exception {
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/cloudbus")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      String version = System.getProperty("cloudbus.version");
      assertThat(names)
          .contains(
              "cloudbus-cli-" + version + ".jar",
              "gateway-service-" + version + ".jar",
              "adapter-simplisafe-" + version + ".jar",
              "adapter-bticino-" + version + ".jar",
              "adapter-generic-" + version + ".jar")
          .noneMatch(n -> n.startsWith("junit-") || n.startsWith("jmh-"));
    }
    assertThat(Files.readString(home.resolve("README")))
        .contains("cloudbus " + System.getProperty("cloudbus.version"))
        .contains("bin/cloudbus demo");
    assertThat(Files.readString(home.resolve("config/gateway.yaml"))).startsWith("# cloudbus");
    assertThat(Files.readString(home.resolve("systemd/cloudbus.service")))
        .contains(
            "User=cloudbus",
            "StateDirectory=cloudbus",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "ProtectHome=yes",
            "PrivateTmp=yes",
            "CapabilityBoundingSet=\n",
            "ExecStart=/opt/cloudbus/bin/cloudbus run --config /etc/cloudbus/gateway.yaml");
  }

  @Test
  void theSystemdUnitVerifiesAndIsHardened() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
    // GIVEN the unit with /opt/cloudbus pointing at the unpacked distribution
    Path unit = unpackDir.resolve("cloudbus.service");
    Files.writeString(
        unit,
        Files.readString(home.resolve("systemd/cloudbus.service"))
            .replace("/opt/cloudbus/", home.toString() + "/"));

    // WHEN systemd checks it; THEN it has no error, and its exposure score is low
    String verify = run(analyze.toString(), "verify", unit.toString());
    assertThat(verify).as(verify).doesNotContainIgnoringCase("error").doesNotContain("Unknown");
    String security = run(analyze.toString(), "security", "--offline=yes", unit.toString());
    Matcher score =
        Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)").matcher(security);
    assertThat(score.find()).as(security).isTrue();
    assertThat(Double.parseDouble(score.group(1))).as(security).isLessThanOrEqualTo(3.5);
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = readAll(p);
    assertThat(p.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void checkAcceptsTheShippedConfiguration() throws Exception {
    Process check =
        Unpacked.cloudbus(home, unpackDir, "check", "--config", "config/gateway.yaml")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .start();
    String output = readAll(check);
    assertThat(check.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
    assertThat(output).contains("config OK: 0 accounts; service on 127.0.0.1:8080");
  }

  @Test
  void checkRejectsABrokenConfigurationWithTwo() throws Exception {
    Path bad = unpackDir.resolve("bad.yaml");
    Files.writeString(bad, "service:\n  httpPort: ${CLOUDBUS_IT_UNSET_PORT}\naccounts: []\n");
    Process check =
        Unpacked.cloudbus(home, unpackDir, "check", "--config", bad.toString())
            .redirectErrorStream(true)
            .start();
    String output = readAll(check);
    assertThat(check.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isEqualTo(2);
    assertThat(output)
        .contains("service.httpPort: environment variable CLOUDBUS_IT_UNSET_PORT is not set");
  }

  @Test
  void theDemoPrintsItsUrlsAndEventsAndStopsCleanlyOnSigterm() throws Exception {
    // GIVEN the demo of the unpacked distribution on free ports
    Process demo =
        Unpacked.cloudbus(
                home, unpackDir, "demo", "--port", "0", "--tcp-port", "0", "--mock-port", "0")
            .redirectError(unpackDir.resolve("demo.err").toFile())
            .start();
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture.runAsync(() -> pump(demo, lines));
    try {
      // WHEN it runs: its URLs first, then a first event line
      List<String> seen = new ArrayList<>();
      String dashboard = null;
      boolean event = false;
      long deadline = System.nanoTime() + PATIENT.toNanos();
      while ((dashboard == null || !event) && System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line == null) {
          continue;
        }
        seen.add(line);
        if (line.startsWith("dashboard")) {
          dashboard = line;
        }
        if (dashboard != null
            && line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} +\\S+\\..*")) {
          event = true;
        }
      }
      // THEN both came, in that order
      assertThat(dashboard)
          .as(String.join("\n", seen))
          .matches("dashboard +http://127.0.0.1:\\d+/");
      assertThat(event).as(String.join("\n", seen)).isTrue();
    } finally {
      // AND SIGTERM stops it cleanly (143: after the clean shutdown, docs/cli.md)
      demo.destroy();
      assertThat(demo.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(demo.exitValue()).as(Files.readString(unpackDir.resolve("demo.err"))).isEqualTo(143);
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

  private static String readAll(Process process) throws java.io.IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}

package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.cli.ExitCodes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cloudbus bench --scenario run-path} with tiny counts: a real {@code cloudbus run} child
 * per vendor (journal on and off, no class data sharing: these classes come from a directory)
 * against the mock child. Asserts that every row has every figure (the raw client's for Pylight)
 * and that each /ws client got every event; no timing asserted. Class data sharing of the run-path
 * children is measured from {@code cloudbus.jar} (docs/benchmarks.md); here only its refusal.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RunPathScenarioIT {

  private static final String DECIMAL = "\\d[\\d,]*(\\.\\d+)?";

  @Test
  void runPathPrintsEveryFigureForEveryVendor() {
    // GIVEN
    InProcessCli run = new InProcessCli();

    // WHEN
    int exit =
        run.execute(
            "bench",
            "--scenario",
            "run-path",
            "--run-path-events",
            "200",
            "--run-path-journal-off",
            "--run-path-cds",
            "off",
            "--child-heap",
            "256m");

    // THEN
    String out = run.out();
    assertThat(exit).as(out + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(out).contains("start + first 200 events");
    for (String vendor : RunPathFrames.VENDORS) {
      for (String journal : List.of("on", "off")) {
        List<String> cells = row(out, vendor, journal);
        for (int column = 2; column <= 7; column++) {
          assertThat(cells.get(column)).as(vendor + " column " + column).matches(DECIMAL);
        }
        assertThat(cells.get(8)).as(vendor + " /ws frames").isEqualTo("200");
        assertThat(cells.get(10)).as(vendor + " CDS").isEqualTo("off");
        assertRawAndFirstEvent(vendor, cells);
        long pid = Long.parseLong(cells.get(9));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
            .isNotEqualTo(java.util.Optional.of(true));
      }
    }
  }

  @Test
  void classDataSharingIsRefusedByNameWhenTheClassesComeFromADirectory() {
    // GIVEN this test's class path holds target/test-classes, which JDK 17 cannot archive
    InProcessCli run = new InProcessCli();

    // WHEN
    int exit =
        run.execute(
            "bench",
            "--scenario",
            "run-path",
            "--run-path-vendors",
            "pylight",
            "--run-path-cds",
            "on");

    // THEN a usage error that says why and what to do, before any process starts
    assertThat(exit).as(run.out() + run.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("--run-path-cds on needs a class path of jars only")
        .contains("target/")
        .contains("use --run-path-cds off");
  }

  private static void assertRawAndFirstEvent(String vendor, List<String> cells) {
    for (int column = 11; column <= 12; column++) {
      assertThat(cells.get(column))
          .as(vendor + " raw column " + column)
          .matches(RunPathRaw.supports(vendor) ? DECIMAL : RunPathRaw.NOT_MEASURED);
    }
    assertThat(cells.get(13)).as(vendor + " CPU to the first event").matches(DECIMAL);
    // JIT compiler threads: a figure on Linux, n/a elsewhere
    assertThat(cells.get(14))
        .as(vendor + " JIT")
        .matches("(" + DECIMAL + "|n/a) / (" + DECIMAL + "|n/a)");
    assertThat(cells.get(15)).as(vendor + " JIT of the start").matches(DECIMAL + "|n/a");
  }

  private static List<String> row(String out, String... first) {
    return out.lines()
        .filter(l -> l.startsWith("|"))
        .map(l -> l.split("\\|"))
        .map(parts -> Arrays.stream(parts, 1, parts.length).map(String::trim).toList())
        .filter(cells -> cells.size() >= first.length)
        .filter(cells -> cells.subList(0, first.length).equals(List.of(first)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + List.of(first) + " in\n" + out));
  }
}

package io.cloudbus.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.journal.AppendResult;
import io.cloudbus.core.journal.JournalOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed with SIGKILL while it journals: every append it was told was committed is in the
 * journal after a restart (so it is not published again), and positions go on above them.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JournalCrashIT {

  @TempDir Path dir;

  @Test
  void everyCommittedAppendSurvivesAKill9() throws Exception {
    // GIVEN a process appending bursts of events to a journal
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashingWriter.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Map<String, Long> committed = new LinkedHashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      // WHEN it is killed (SIGKILL) in the middle of its traffic
      String line;
      while ((line = out.readLine()) != null) {
        String[] parts = line.split(" ");
        if (parts.length == 3 && parts[0].equals("committed")) {
          committed.put(parts[1], Long.parseLong(parts[2]));
        }
        if (committed.size() == 500) {
          // kill(1), not destroyForcibly(): that would also close our end of its stdout
          new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
        }
      }
    }
    assertThat(p.waitFor(Patience.PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(137); // killed by SIGKILL, not a clean exit

    // THEN after a restart every committed event is there at its position, a repeat of any is a
    // duplicate, and a new event gets a higher position
    SqliteEventJournal j = SqliteEventJournal.open(dir, JournalOptions.defaults());
    try {
      long highest = 0;
      for (Map.Entry<String, Long> e : committed.entrySet()) {
        AppendResult again =
            SqliteEventJournalTest.await(
                j.append(
                    CloudbusEvent.builder("pylight", "crash")
                        .id(e.getKey())
                        .name("x.y")
                        .build()
                        .toJson()));
        assertThat(again).as(e.getKey()).isEqualTo(AppendResult.duplicateOf(e.getValue()));
        highest = Math.max(highest, e.getValue());
      }
      AppendResult fresh =
          SqliteEventJournalTest.await(
              j.append(
                  CloudbusEvent.builder("pylight", "crash")
                      .id("after")
                      .name("x.y")
                      .build()
                      .toJson()));
      assertThat(fresh.duplicate()).isFalse();
      assertThat(fresh.position()).isGreaterThan(highest);
    } finally {
      SqliteEventJournalTest.await(j.close());
    }
  }
}

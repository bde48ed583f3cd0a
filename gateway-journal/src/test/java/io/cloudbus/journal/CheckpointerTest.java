package io.cloudbus.journal;

import static io.cloudbus.journal.SqliteEventJournalTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints on their own connection: the writer's connection never runs one itself. */
class CheckpointerTest {

  @TempDir Path dir;
  private Path file;
  private JournalDb db;
  private Checkpointer checkpointer;

  @BeforeEach
  void open() {
    file = dir.resolve("events.db");
    db = new JournalDb(file, null);
    // no round of its own during the test: only the calls below checkpoint
    checkpointer = Checkpointer.start(file, Duration.ofDays(1));
  }

  @AfterEach
  void close() {
    checkpointer.close();
    db.close();
  }

  @Test
  void theWritersConnectionLeavesTheWalToTheCheckpointer() throws Exception {
    // GIVEN the writer's connection
    try (Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_autocheckpoint")) {
      // THEN it is told never to checkpoint
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isZero();
    }

    // WHEN 600 transactions are written, more WAL frames than SQLite's automatic checkpoint
    // (1,000 pages) would have let grow
    for (int i = 0; i < 600; i++) {
      db.insertAll(List.of(event("a", "e" + i, "alarm.triggered")), 1_000L + i);
    }

    // THEN the WAL still holds all of them, and one checkpoint copies every frame into the file
    Checkpointer.Result r = checkpointer.checkpointQuietly();
    assertThat(r).isNotNull();
    assertThat(r.walFrames()).isGreaterThan(1_000);
    assertThat(r.copiedFrames()).isEqualTo(r.walFrames());
    assertThat(checkpointer.checkpoints()).isEqualTo(1);
  }

  @Test
  void theWriterGoesOnAfterACheckpointAndTheWalStartsOver() {
    // GIVEN events written and checkpointed
    for (int i = 0; i < 50; i++) {
      db.insertAll(List.of(event("a", "e" + i, "alarm.triggered")), 1_000L + i);
    }
    Checkpointer.Result first = checkpointer.checkpointQuietly();

    // WHEN one more transaction is written and checkpointed
    db.insertAll(List.of(event("a", "last", "alarm.triggered")), 2_000L);
    Checkpointer.Result second = checkpointer.checkpointQuietly();

    // THEN the writer started the WAL over (it holds the last transaction only), all copied
    assertThat(second.walFrames()).isPositive().isLessThan(first.walFrames());
    assertThat(second.copiedFrames()).isEqualTo(second.walFrames());
    assertThat(db.latestPosition()).isEqualTo(51L);
  }
}

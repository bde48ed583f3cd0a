package io.cloudbus.journal;

import static io.cloudbus.journal.SqliteEventJournalTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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

  private static final int RESTART_FRAMES = 400;

  @TempDir Path dir;
  private Path file;
  private JournalDb db;
  private Checkpointer checkpointer;

  @BeforeEach
  void open() {
    file = dir.resolve("events.db");
    db = new JournalDb(file, null);
    // no round of its own during the test: only the calls below checkpoint
    checkpointer = Checkpointer.start(file, Duration.ofDays(1), RESTART_FRAMES);
  }

  @AfterEach
  void close() {
    checkpointer.close();
    db.close();
  }

  /** Writes {@code n} events, one transaction each ({@code prefix}0, 1, ...). */
  private void writeEach(String prefix, int n, long journaledFrom) {
    for (int i = 0; i < n; i++) {
      db.insertAll(List.of(event("a", prefix + i, "alarm.triggered")), journaledFrom + i);
    }
  }

  /**
   * Writes {@code before} transactions, then {@code after} more while a reader's snapshot keeps the
   * checkpointer from copying them (as a writer that never pauses does), and runs one round
   * meanwhile.
   */
  private Checkpointer.Result roundBehindAReader(int before, int after) throws Exception {
    writeEach("e", before, 1_000L);
    try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      reader.setAutoCommit(false);
      try (Statement st = reader.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
        assertThat(rs.next()).isTrue();
      }
      writeEach("late", after, 2_000L);
      Checkpointer.Result partial = checkpointer.checkpointQuietly();
      reader.commit();
      return partial;
    }
  }

  /** The writer's own checkpoint after its next transaction; the one after starts the WAL over. */
  private void writerHelpsAndTheWalStartsOver() {
    db.insertAll(List.of(event("a", "x", "alarm.triggered")), 3_000L);
    assertThat(db.checkpointAll()).isTrue();
    checkpointer.restarted();
    db.insertAll(List.of(event("a", "y", "alarm.triggered")), 3_001L);
    Checkpointer.Result after = checkpointer.checkpointQuietly();
    assertThat(after.walFrames()).isPositive().isLessThan(RESTART_FRAMES / 4);
    assertThat(checkpointer.restartWanted()).isFalse();
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
    writeEach("e", 600, 1_000L);

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
    writeEach("e", 50, 1_000L);
    Checkpointer.Result first = checkpointer.checkpointQuietly();

    // WHEN one more transaction is written and checkpointed
    db.insertAll(List.of(event("a", "last", "alarm.triggered")), 2_000L);
    Checkpointer.Result second = checkpointer.checkpointQuietly();

    // THEN the writer started the WAL over (it holds the last transaction only), all copied
    assertThat(second.walFrames()).isPositive().isLessThan(first.walFrames());
    assertThat(second.copiedFrames()).isEqualTo(second.walFrames());
    assertThat(db.latestPosition()).isEqualTo(db.basePosition() + 51L);
  }

  @Test
  void aWalThatAWriterKeepsBusyIsStartedOverWithTheWritersHelp() throws Exception {
    // GIVEN a WAL longer than the restart mark (400 frames here), a reader's snapshot in the way
    // WHEN the checkpointer runs: it cannot copy everything, but nearly (a quarter of the mark is
    // left at most)
    Checkpointer.Result partial = roundBehindAReader(150, 10);
    assertThat(partial.walFrames()).isGreaterThanOrEqualTo(RESTART_FRAMES);
    assertThat(partial.walFrames() - partial.copiedFrames())
        .isPositive()
        .isLessThanOrEqualTo(RESTART_FRAMES / 4);

    // THEN it asks the writer for help, whose checkpoint copies the rest (SQLite does not start the
    // WAL over while frames are not copied) and whose transaction after that starts it over
    assertThat(checkpointer.restartWanted()).isTrue();
    writerHelpsAndTheWalStartsOver();
    assertThat(db.latestPosition()).isEqualTo(db.basePosition() + 162L);
  }

  @Test
  void aWalThatTheRoundsCannotCatchUpWithIsStartedOverPastTheHardMark() throws Exception {
    // GIVEN a WAL past the hard mark (4 x 400 frames), a reader's snapshot keeping the rounds far
    // from its end; WHEN a round copies what it can: more than a quarter of the mark is left
    Checkpointer.Result partial = roundBehindAReader(700, 200);
    assertThat(partial.walFrames())
        .isGreaterThanOrEqualTo((long) Checkpointer.HARD_FACTOR * RESTART_FRAMES);
    assertThat(partial.walFrames() - partial.copiedFrames()).isGreaterThan(RESTART_FRAMES / 4);

    // THEN the writer's help is asked all the same, and with it the WAL starts over
    assertThat(checkpointer.restartWanted()).isTrue();
    writerHelpsAndTheWalStartsOver();
    assertThat(db.latestPosition()).isEqualTo(db.basePosition() + 902L);
  }

  @Test
  void aLongWalThatARoundCopiedWholeStillAsksTheWritersHelp() {
    // GIVEN a WAL longer than the restart mark, no reader in the way
    writeEach("e", 300, 1_000L);

    // WHEN a round copies all of it (as far as it can tell: a writer that never pauses appends
    // behind a passive checkpoint, so only the writer can finish the copy)
    Checkpointer.Result r = checkpointer.checkpointQuietly();
    assertThat(r.walFrames()).isGreaterThanOrEqualTo(RESTART_FRAMES);
    assertThat(r.copiedFrames()).isEqualTo(r.walFrames());

    // THEN the writer's help is asked, until it says it started the WAL over
    assertThat(checkpointer.restartWanted()).isTrue();
    assertThat(db.checkpointAll()).isTrue();
    checkpointer.restarted();
    assertThat(checkpointer.restartWanted()).isFalse();
  }
}

package io.cloudbus.journal;

import static io.cloudbus.journal.SqliteEventJournalTest.await;
import static io.cloudbus.journal.SqliteEventJournalTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.journal.DeliveryCursors;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.core.journal.JournalQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Delivery cursors in the journal's file: reopen, the schema 1 migration, names, reads after. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SqliteDeliveryCursorsTest {

  @TempDir Path dir;

  private SqliteEventJournal open() {
    return SqliteEventJournal.open(dir, JournalOptions.defaults());
  }

  private String metaVersion() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve(SqliteEventJournal.FILE_NAME));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Test
  void aCursorSurvivesAReopenAndTheJournalReadsOnFromIt() throws Exception {
    // GIVEN a journal with five events and a cursor after the second, closed
    SqliteEventJournal first = open();
    long b = first.basePosition();
    for (String id : new String[] {"a", "b", "c", "d", "e"}) {
      await(first.append(event("home", id, "alarm.triggered")));
    }
    await(first.cursors().store("webhook:alarms", b + 2));
    await(first.cursors().store("mqtt", b + 5));
    assertThat(first.cursors()).isSameAs(first.cursors());
    await(first.close());

    // WHEN it is opened again
    SqliteEventJournal again = open();
    try {
      // THEN the cursors are there, an unknown output has none
      DeliveryCursors cursors = again.cursors();
      assertThat(await(cursors.load("webhook:alarms"))).isEqualTo(b + 2);
      assertThat(await(cursors.load("mqtt"))).isEqualTo(b + 5);
      assertThat(await(cursors.load("webhook:other"))).isNull();
      assertThat(await(cursors.all()))
          .containsExactly(Map.entry("mqtt", b + 5), Map.entry("webhook:alarms", b + 2));

      // AND the journal reads on from a cursor, oldest first
      var page =
          await(
              again.read(
                  JournalQuery.builder()
                      .afterPosition(await(cursors.load("webhook:alarms")))
                      .order(JournalQuery.Order.OLDEST_FIRST)
                      .limit(2)
                      .build()));
      assertThat(page.entries().stream().map(JournalEntry::position)).containsExactly(b + 3, b + 4);
      assertThat(page.next()).isNotNull();

      // AND a store replaces, also backwards (a rewind)
      await(cursors.store("mqtt", 1));
      assertThat(await(cursors.load("mqtt"))).isEqualTo(1L);
    } finally {
      await(again.close());
    }
  }

  @Test
  void aSchemaOneFileIsMigratedAndKeepsItsEvents() throws Exception {
    // GIVEN a journal file as schema 1 wrote it: no cursors table, schema_version 1, no base
    SqliteEventJournal first = open();
    String id = first.id();
    long position = await(first.append(event("home", "a", "alarm.triggered"))).position();
    await(first.close());
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve(SqliteEventJournal.FILE_NAME));
        Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE cursors");
      st.executeUpdate("UPDATE meta SET value = '1' WHERE key = 'schema_version'");
      st.executeUpdate("DELETE FROM meta WHERE key = 'position_base'");
    }
    assertThat(metaVersion()).isEqualTo("1");

    // WHEN this version opens it
    SqliteEventJournal again = open();
    try {
      // THEN it is the same journal with its event, now of this schema, with cursors
      assertThat(again.id()).isEqualTo(id);
      assertThat(await(again.latestPosition())).isEqualTo(position);
      // a file that held events before bases existed keeps positions from 1: base 0
      assertThat(again.basePosition()).isZero();
      assertThat(await(again.cursors().load("webhook:x"))).isNull();
      await(again.cursors().store("webhook:x", 1));
      assertThat(await(again.cursors().load("webhook:x"))).isEqualTo(1L);
    } finally {
      await(again.close());
    }
    assertThat(metaVersion()).isEqualTo(Integer.toString(JournalDb.SCHEMA_VERSION)).isEqualTo("3");
  }

  @Test
  void badNamesAndPositionsAreRefusedNamingTheField() throws Exception {
    SqliteEventJournal j = open();
    try {
      assertThatThrownBy(() -> await(j.cursors().store("webhook:a b", 1)))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("output: ")
          .hasMessageContaining("'webhook:a b'");
      assertThatThrownBy(() -> await(j.cursors().store("mqtt", -1)))
          .hasMessageContaining("position: must be >= 0, was -1");
      assertThatThrownBy(() -> await(j.cursors().load(""))).hasMessageContaining("output: ");
      assertThatThrownBy(() -> await(j.cursors().load("x".repeat(201))))
          .hasMessageContaining("output: ");
      assertThat(await(j.cursors().all())).isEmpty();
    } finally {
      await(j.close());
    }
  }

  @Test
  void aClosedJournalFailsCursorCallsNamingTheFile() throws Exception {
    SqliteEventJournal j = open();
    await(j.close());
    assertThatThrownBy(() -> await(j.cursors().store("mqtt", 1)))
        .hasMessageContaining(SqliteEventJournal.FILE_NAME)
        .hasMessageContaining("closed");
  }
}

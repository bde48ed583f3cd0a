package io.cloudbus.journal;

import static io.cloudbus.journal.SqliteEventJournalTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalPage;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write path of the file: multi-row chunks, the one-by-one tail, duplicates inside a chunk. */
class JournalDbTest {

  @TempDir Path dir;
  private JournalDb db;

  @BeforeEach
  void open() {
    db = new JournalDb(dir.resolve("events.db"), null);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static List<JsonObject> events(String prefix, int count) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(event("a", prefix + i, "alarm.triggered"));
    }
    return out;
  }

  private List<JsonObject> bodies() {
    JournalPage page =
        db.read(
            JournalQuery.builder()
                .order(JournalQuery.Order.OLDEST_FIRST)
                .limit(JournalQuery.MAX_LIMIT)
                .build());
    return page.entries().stream().map(JournalEntry::event).toList();
  }

  @Test
  void chunksOfLargeEventsKeepTheirSavepointJournalInMemory() throws Exception {
    // GIVEN the writer's connection: temporary storage (savepoint and statement journals) in
    // memory, not in files under /var/tmp (each chunk of large events spilled there)
    try (Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("PRAGMA temp_store")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2); // MEMORY
    }

    // WHEN chunks of 2 KB events are written, one with an event journaled before (rolled back to
    // its savepoint and written one by one)
    String pad = "x".repeat(2_000);
    List<JsonObject> large = new ArrayList<>();
    for (int i = 0; i < 2 * JournalDb.CHUNK; i++) {
      large.add(
          event("a", "big" + i, "alarm.triggered").put("data", new JsonObject().put("p", pad)));
    }
    db.insertAll(large.subList(JournalDb.CHUNK, JournalDb.CHUNK + 1), 1_000L);
    List<JournalDb.Inserted> inserted = db.insertAll(large, 1_001L);

    // THEN every new one is journaled once, the one from before is not doubled
    assertThat(inserted).filteredOn(JournalDb.Inserted::fresh).hasSize(2 * JournalDb.CHUNK - 1);
    assertThat(bodies()).hasSize(2 * JournalDb.CHUNK);
  }

  @Test
  void chunksAndTheTailGetConsecutivePositionsInOrder() {
    int n = 2 * JournalDb.CHUNK + 7;
    List<JsonObject> events = events("e", n);

    List<JournalDb.Inserted> result = db.insertAll(events, 1_000);

    assertThat(result)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, n)
                .mapToObj(p -> new JournalDb.Inserted(db.basePosition() + p, true))
                .toList());
    assertThat(bodies()).containsExactlyElementsOf(events);
  }

  @Test
  void aDuplicateInsideAChunkKeepsItsFirstPositionAndUsesNoNumber() {
    long b = db.basePosition();
    db.insertAll(events("old", 3), 1_000); // positions b + 1..3
    List<JsonObject> batch = events("new", JournalDb.CHUNK + 5);
    batch.set(10, event("a", "old1", "alarm.triggered")); // journaled before, at b + 2
    batch.set(20, event("a", "new3", "alarm.triggered")); // earlier in this very chunk

    List<JournalDb.Inserted> result = db.insertAll(batch, 2_000);

    assertThat(result.get(10)).isEqualTo(new JournalDb.Inserted(b + 2, false));
    assertThat(result.get(20)).isEqualTo(new JournalDb.Inserted(b + 4 + 3, false));
    List<Long> fresh =
        result.stream()
            .filter(JournalDb.Inserted::fresh)
            .map(JournalDb.Inserted::position)
            .toList();
    assertThat(fresh)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(4, 3 + batch.size() - 2).mapToObj(p -> b + p).toList());
    assertThat(bodies()).hasSize(3 + batch.size() - 2);
  }

  @Test
  void aChunkOfRepeatsIsAllDuplicatesAndTheNextFreshEventContinuesTheNumbers() {
    List<JsonObject> first = events("e", JournalDb.CHUNK);
    db.insertAll(first, 1_000);

    List<JsonObject> again = new ArrayList<>(first);
    again.add(event("a", "later", "alarm.triggered"));
    List<JournalDb.Inserted> result = db.insertAll(again, 2_000);

    assertThat(result.subList(0, JournalDb.CHUNK))
        .allSatisfy(r -> assertThat(r.fresh()).isFalse())
        .extracting(JournalDb.Inserted::position)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, JournalDb.CHUNK)
                .mapToObj(p -> db.basePosition() + p)
                .toList());
    assertThat(result.get(JournalDb.CHUNK))
        .isEqualTo(new JournalDb.Inserted(db.basePosition() + JournalDb.CHUNK + 1, true));
  }

  @Test
  void aNewFileHasLargePagesAndAnOlderFileKeepsItsOwn() throws Exception {
    assertThat(pageSize(db)).isEqualTo(JournalDb.PAGE_SIZE);

    Path older = dir.resolve("older.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + older);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
      st.execute("CREATE TABLE t(x)");
    }
    JournalDb reopened = new JournalDb(older, null);
    try {
      assertThat(pageSize(reopened)).isEqualTo(4_096);
      assertThat(reopened.insertAll(events("e", JournalDb.CHUNK + 1), 1_000))
          .allSatisfy(r -> assertThat(r.fresh()).isTrue());
    } finally {
      reopened.close();
    }
  }

  @Test
  void aNewFileIndexesTheKeyIdFirstAndAnOlderFileKeepsSourceFirst() throws Exception {
    assertThat(uniqueKeyColumns(db)).containsExactly("id", "source");

    // GIVEN a journal file of the earlier layout, UNIQUE(source, id)
    Path older = dir.resolve("older-layout.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + older);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
      st.execute(
          "CREATE TABLE events(position INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL,"
              + " id TEXT NOT NULL, vendor TEXT, account TEXT, type TEXT,"
              + " journaled INTEGER NOT NULL, body TEXT NOT NULL, UNIQUE(source, id))");
    }
    JournalDb reopened = new JournalDb(older, null);
    try {
      // THEN it keeps its index, and a repeat is still a duplicate at its first position
      assertThat(uniqueKeyColumns(reopened)).containsExactly("source", "id");
      reopened.insertAll(events("e", JournalDb.CHUNK + 1), 1_000);
      List<JournalDb.Inserted> again = reopened.insertAll(events("e", 2), 2_000);
      // (its events table was empty: it took a base like a new file)
      long b = reopened.basePosition();
      assertThat(b).isPositive();
      assertThat(again)
          .containsExactly(
              new JournalDb.Inserted(b + 1, false), new JournalDb.Inserted(b + 2, false));
    } finally {
      reopened.close();
    }
  }

  @Test
  void aReadOfOneAccountStartsAtItsNewestEventAndOneWithNoneIsAnsweredAtOnce() {
    // GIVEN events of two accounts, interleaved, and then many of the first alone
    List<JsonObject> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(event("a", "a" + i, "alarm.triggered"));
      events.add(event("b", "b" + i, "alarm.triggered"));
    }
    db.insertAll(events, 1_000);
    db.insertAll(events("later-a", 3 * JournalDb.CHUNK), 2_000);

    // THEN b's newest come first, a's newest too, and an account never seen has none
    assertThat(ids(db.read(account("b", 3)))).containsExactly("b9", "b8", "b7");
    assertThat(ids(db.read(account("a", 1))))
        .containsExactly("later-a" + (3 * JournalDb.CHUNK - 1));
    assertThat(db.read(account("c", 3)).entries()).isEmpty();
    // a cursor below the account's newest event still pages on from there
    JournalPage first = db.read(account("b", 5));
    JournalQuery next =
        JournalQuery.builder()
            .vendor("simplisafe")
            .account("b")
            .order(JournalQuery.Order.NEWEST_FIRST)
            .limit(5)
            .cursor(first.next())
            .build();
    assertThat(ids(db.read(next))).containsExactly("b4", "b3", "b2", "b1", "b0");
  }

  @Test
  void aSchemaTwoFileGetsItsAccountsFromItsEvents() throws Exception {
    // GIVEN a file as schema 2 wrote it: events, no accounts table
    db.insertAll(
        List.of(event("a", "x", "alarm.triggered"), event("b", "y", "alarm.triggered")), 1);
    db.close();
    Path file = dir.resolve("events.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE accounts");
      st.executeUpdate("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
    }

    // WHEN this version opens it, THEN each account's events are found
    db = new JournalDb(file, null);
    assertThat(ids(db.read(account("a", 5)))).containsExactly("x");
    assertThat(ids(db.read(account("b", 5)))).containsExactly("y");
  }

  private static JournalQuery account(String account, int limit) {
    return JournalQuery.builder()
        .vendor("simplisafe")
        .account(account)
        .order(JournalQuery.Order.NEWEST_FIRST)
        .limit(limit)
        .build();
  }

  private static List<String> ids(JournalPage page) {
    return page.entries().stream().map(e -> e.event().getString("id")).toList();
  }

  /** The columns of the events table's unique index, in index order. */
  private static List<String> uniqueKeyColumns(JournalDb db) throws Exception {
    List<String> columns = new ArrayList<>();
    try (Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("PRAGMA index_info('sqlite_autoindex_events_1')")) {
      while (rs.next()) {
        columns.add(rs.getString("name"));
      }
    }
    return columns;
  }

  private static long pageSize(JournalDb db) throws Exception {
    try (Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("PRAGMA page_size")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void retentionByAgeReadsTheTimeIndexNotTheTable() throws Exception {
    // GIVEN the statement retention deletes old events with
    String delete = JournalDb.byAge(1_000L, 2_000);

    // THEN SQLite plans it on the journaled index, not a walk of every event
    List<String> plan = plan(delete);
    assertThat(plan).anyMatch(step -> step.contains("INDEX events_journaled"));
    assertThat(plan).noneMatch(step -> step.equals("SCAN events"));

    // AND the count retention estimates its steps with reads the ends of the table only
    assertThat(plan(JournalDb.SPAN)).noneMatch(step -> step.startsWith("SCAN events"));
  }

  private List<String> plan(String sql) throws Exception {
    List<String> plan = new ArrayList<>();
    try (Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      while (rs.next()) {
        plan.add(rs.getString("detail"));
      }
    }
    db.connection().commit();
    return plan;
  }
}

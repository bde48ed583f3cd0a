package io.cloudbus.journal;

import io.cloudbus.core.impl.EventJson;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalException;
import io.cloudbus.core.journal.JournalPage;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file of a journal: schema, inserts in one transaction, reads, retention. One
 * connection, used by one thread at a time (the journal's own thread); every failure becomes a
 * {@link JournalException} naming the file.
 *
 * <p>The file is opened in WAL mode with {@code synchronous=NORMAL} (a process crash loses no
 * committed transaction; a power loss may lose the last ones). A second gateway opening the same
 * journal fails at once instead of interleaving positions: the process holds a lock on {@code
 * events.db.lock} beside the file while the journal is open ({@link JournalLock}). SQLite's own
 * locking stays the normal one, so that the {@link Checkpointer}'s connection can copy the WAL into
 * the file while this one writes, and an operator's {@code sqlite3} can read the file meanwhile.
 * This connection never checkpoints ({@code wal_autocheckpoint=0}).
 */
final class JournalDb implements AutoCloseable {

  /**
   * The schema this version writes and reads; a file with a higher one is refused, a lower one is
   * migrated at open (1 → 2: the {@code cursors} table of {@link CursorTable}).
   */
  static final int SCHEMA_VERSION = 3;

  /**
   * Events per multi-row insert: one statement for 32 rows costs about two thirds of 32 one-row
   * inserts (benchmarks.md, "Journal writes and flow control").
   */
  static final int CHUNK = 32;

  /**
   * Page size of a new journal file. Every commit writes each page it changed to the WAL, and a
   * unique index whose keys do not grow with time (an older file's {@code UNIQUE(source, id)}, ids
   * such as BTicino's call sessions) changes one page per account in the transaction. 16 KB pages
   * halved the CPU of one account's large bursts against SQLite's default 4 KB, but with 100
   * accounts writing at once they wrote 20-29 KB per event; 8 KB pages cost about the same as 16 KB
   * for one account and less than 4 KB for 100 (benchmarks.md, "Group commit").
   */
  static final int PAGE_SIZE = 8_192;

  /** Events deleted per retention transaction. */
  static final int RETENTION_CHUNK = 2_000;

  /** Bytes a WAL file is cut back to after a checkpoint emptied it. */
  static final long WAL_SIZE_LIMIT = 64L * 1024 * 1024;

  private static final int COLUMNS = 8;
  private static final String INSERT =
      "INSERT INTO events(position, source, id, vendor, account, type, journaled, body) VALUES ";
  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String ON_CONFLICT = " ON CONFLICT(source, id) DO NOTHING";

  private final Path file;
  private final JournalLock lock;
  private final Connection db;
  private final String journalId;
  private final long basePosition;
  private final PreparedStatement insert;
  private final PreparedStatement insertChunk;
  private final PreparedStatement savepoint;
  private final PreparedStatement rollbackToSavepoint;
  private final PreparedStatement releaseSavepoint;
  private final PreparedStatement lookup;
  private final PreparedStatement upsertAccount;
  private final PreparedStatement accountLast;
  // the only writer (exclusive lock): positions are counted here, not asked back per insert
  private long nextPosition;

  /** Result of one insert: the position, and whether the event was new. */
  record Inserted(long position, boolean fresh) {}

  JournalDb(Path file, Integer maxPageCountForTests) {
    this.file = file;
    this.lock = JournalLock.acquire(file);
    Connection c = null;
    try {
      // positions are counted here: without this, the driver prepares and runs a "SELECT
      // last_insert_rowid()" after every INSERT (one per event in a small group)
      SQLiteConfig config = new SQLiteConfig();
      config.setGetGeneratedKeys(false);
      c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
      try (Statement st = c.createStatement()) {
        // before anything writes the header: a no-op for a file that exists (SQLite cannot change
        // the page size of a WAL file), so journals created before keep their 4 KB pages
        st.execute("PRAGMA page_size=" + PAGE_SIZE);
        st.execute("PRAGMA auto_vacuum=INCREMENTAL");
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=NORMAL");
        // checkpoints run on the Checkpointer's connection and thread: run by the committing
        // connection (SQLite's default, every 1,000 pages), each copied the WAL into the file and
        // waited for its fsync, 10-30 ms during which no event was journaled or published
        st.execute("PRAGMA wal_autocheckpoint=0");
        // a WAL that a burst grew is cut back to this size when the writer starts it over
        st.execute("PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT);
        // the savepoint of each chunk insert keeps the pages it changes, to roll them back; from 64
        // KB (a chunk of 1.4 KB Home Assistant events) SQLite wrote them to a temporary file:
        // 11 GB of write(2) per 300,000 events, most of the journal thread's CPU. In memory they
        // are a few pages per chunk (the journal never runs VACUUM, which would copy it all)
        st.execute("PRAGMA temp_store=MEMORY");
        if (maxPageCountForTests != null) {
          st.execute("PRAGMA max_page_count=" + maxPageCountForTests);
        }
        st.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      }
      c.setAutoCommit(false);
      int version = schemaVersion(c);
      if (version > SCHEMA_VERSION) {
        throw new JournalException(
            file
                + ": written by a newer cloudbus (journal schema "
                + version
                + ", this version reads up to "
                + SCHEMA_VERSION
                + "); upgrade cloudbus or point journal.path elsewhere");
      }
      try (Statement st = c.createStatement()) {
        // The unique key is (source, id), indexed id first: ids that grow with time (Home
        // Assistant's ULIDs, SimpliSafe's event numbers, the generic profiles' receive time) then
        // land at the end of the index whatever their account, and a write of 100 accounts'
        // events changes a page or two of it instead of one per account (benchmarks.md, "Group
        // commit"). A file created before keeps UNIQUE(source, id); both answer the same.
        st.execute(
            "CREATE TABLE IF NOT EXISTS events(position INTEGER PRIMARY KEY AUTOINCREMENT,"
                + " source TEXT NOT NULL, id TEXT NOT NULL, vendor TEXT, account TEXT, type TEXT,"
                + " journaled INTEGER NOT NULL, body TEXT NOT NULL, UNIQUE(id, source))");
        st.execute("CREATE INDEX IF NOT EXISTS events_journaled ON events(journaled)");
        // Schema 3: the newest position of each account, kept with every write. A read of one
        // account's newest events (each socket's at its start, /api/events?vendor=&account=)
        // starts there instead of scanning every newer event of the others, and answers at once
        // for an account with none: 1,000 new sockets each scanned a whole journal of 1.5 million
        // events before, one after the other on the journal's thread.
        st.execute(
            "CREATE TABLE IF NOT EXISTS accounts(vendor TEXT NOT NULL, account TEXT NOT NULL,"
                + " position INTEGER NOT NULL, PRIMARY KEY(vendor, account)) WITHOUT ROWID");
        if (version < 3) {
          st.execute(
              "INSERT OR REPLACE INTO accounts(vendor, account, position) SELECT vendor, account,"
                  + " MAX(position) FROM events WHERE vendor IS NOT NULL AND account IS NOT NULL"
                  + " GROUP BY vendor, account");
        }
        CursorTable.create(st);
      }
      String id = meta(c, "journal_id");
      if (id == null) {
        id = UUID.randomUUID().toString();
        setMeta(c, "journal_id", id);
        setMeta(c, "schema_version", Integer.toString(SCHEMA_VERSION));
      }
      if (version < SCHEMA_VERSION) {
        setMeta(c, "schema_version", Integer.toString(SCHEMA_VERSION));
      }
      long base = basePosition(c);
      c.commit();
      this.journalId = id;
      this.basePosition = base;
      this.insert = c.prepareStatement(INSERT + ROW + ON_CONFLICT);
      this.insertChunk =
          c.prepareStatement(
              INSERT + String.join(", ", Collections.nCopies(CHUNK, ROW)) + ON_CONFLICT);
      this.savepoint = c.prepareStatement("SAVEPOINT chunk");
      this.rollbackToSavepoint = c.prepareStatement("ROLLBACK TO chunk");
      this.releaseSavepoint = c.prepareStatement("RELEASE chunk");
      this.lookup = c.prepareStatement("SELECT position FROM events WHERE source = ? AND id = ?");
      this.upsertAccount =
          c.prepareStatement(
              "INSERT INTO accounts(vendor, account, position) VALUES (?, ?, ?)"
                  + " ON CONFLICT(vendor, account) DO UPDATE SET position = excluded.position"
                  + " WHERE excluded.position > accounts.position");
      this.accountLast =
          c.prepareStatement("SELECT position FROM accounts WHERE vendor = ? AND account = ?");
      this.db = c;
      this.nextPosition = latestPosition() + 1;
    } catch (SQLException e) {
      closeQuietly(c);
      lock.close();
      throw failure("cannot open", e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      lock.close();
      throw e;
    }
  }

  String journalId() {
    return journalId;
  }

  long basePosition() {
    return basePosition;
  }

  Path file() {
    return file;
  }

  /** The connection, for {@link CursorTable} (same thread rules as every other use). */
  Connection connection() {
    return db;
  }

  /** A failure naming the file, for {@link CursorTable}. */
  JournalException failed(String what, SQLException e) {
    rollbackQuietly();
    return failure(what, e);
  }

  private static int schemaVersion(Connection c) throws SQLException {
    String v = meta(c, "schema_version");
    return v == null ? 0 : Integer.parseInt(v);
  }

  /**
   * The journal's base position (meta {@code position_base}). A journal made now takes a new one
   * ({@link EventJournal#newBasePosition()}) as the start of its row ids; one that has held events
   * without it (a file of an earlier cloudbus) keeps its positions from 1: base 0.
   */
  private long basePosition(Connection c) throws SQLException {
    String kept = meta(c, "position_base");
    if (kept != null) {
      long base;
      try {
        base = Long.parseLong(kept);
      } catch (NumberFormatException e) {
        base = -1;
      }
      if (base < 0) {
        throw new JournalException(
            file
                + ": meta position_base is not a number of 0 or more (\""
                + kept
                + "\"); the file is damaged");
      }
      return base;
    }
    long base;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_sequence WHERE name = 'events'")) {
      base = rs.next() ? 0 : EventJournal.newBasePosition();
    }
    if (base > 0) {
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO sqlite_sequence(name, seq) VALUES ('events', ?)")) {
        ps.setLong(1, base);
        ps.executeUpdate();
      }
    }
    setMeta(c, "position_base", Long.toString(base));
    return base;
  }

  private static String meta(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static void setMeta(Connection c, String key, String value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  /** Inserts every event in one transaction; all or nothing. */
  List<Inserted> insertAll(List<JsonObject> events, long journaledMillis) {
    List<Inserted> out = new ArrayList<>(events.size());
    long next = nextPosition;
    int n = events.size();
    // the newest position of each account in this write, for the accounts table
    Map<String, Map<String, Long>> newest = new HashMap<>();
    try {
      int i = 0;
      while (i < n) {
        if (n - i >= CHUNK && insertChunk(events, i, next, journaledMillis)) {
          for (int k = 0; k < CHUNK; k++) {
            newest(newest, events.get(i + k), next);
            out.add(new Inserted(next++, true));
          }
          i += CHUNK;
          continue;
        }
        // one by one: the batch's tail, or a chunk with an event journaled before
        for (int end = Math.min(n, i + CHUNK); i < end; i++) {
          JsonObject e = events.get(i);
          bind(insert, 0, e, next, journaledMillis);
          // the position is given, so an insert that did nothing used up no number: a duplicate
          // costs a lookup, a new event (the usual case) none
          if (insert.executeUpdate() == 0) {
            out.add(new Inserted(positionOf(text(e, "source"), text(e, "id"), null), false));
          } else {
            newest(newest, e, next);
            out.add(new Inserted(next++, true));
          }
        }
      }
      for (Map.Entry<String, Map<String, Long>> vendor : newest.entrySet()) {
        for (Map.Entry<String, Long> account : vendor.getValue().entrySet()) {
          upsertAccount.setString(1, vendor.getKey());
          upsertAccount.setString(2, account.getKey());
          upsertAccount.setLong(3, account.getValue());
          upsertAccount.executeUpdate();
        }
      }
      db.commit();
      nextPosition = next;
      return out;
    } catch (SQLException e) {
      rollbackQuietly();
      throw failure("cannot write", e);
    }
  }

  /** Notes {@code position} as the newest of the event's account (positions only grow). */
  private static void newest(Map<String, Map<String, Long>> newest, JsonObject e, long position) {
    String vendor = text(e, "vendor");
    String account = text(e, "account");
    if (vendor != null && account != null) {
      newest.computeIfAbsent(vendor, v -> new HashMap<>()).put(account, position);
    }
  }

  /**
   * Inserts {@link #CHUNK} events from {@code from} in one statement at positions {@code next}...;
   * when one of them was journaled before, inserts none and answers false.
   */
  private boolean insertChunk(List<JsonObject> events, int from, long next, long journaledMillis)
      throws SQLException {
    savepoint.executeUpdate();
    for (int k = 0; k < CHUNK; k++) {
      bind(insertChunk, k * COLUMNS, events.get(from + k), next + k, journaledMillis);
    }
    boolean all = insertChunk.executeUpdate() == CHUNK;
    if (!all) {
      rollbackToSavepoint.executeUpdate();
    }
    releaseSavepoint.executeUpdate();
    return all;
  }

  private static void bind(
      PreparedStatement st, int offset, JsonObject e, long position, long journaledMillis)
      throws SQLException {
    st.setLong(offset + 1, position);
    st.setString(offset + 2, text(e, "source"));
    st.setString(offset + 3, text(e, "id"));
    st.setString(offset + 4, text(e, "vendor"));
    st.setString(offset + 5, text(e, "account"));
    st.setString(offset + 6, text(e, "type"));
    st.setLong(offset + 7, journaledMillis);
    st.setString(offset + 8, EventJson.encode(e));
  }

  private static String text(JsonObject e, String key) {
    return e.getValue(key) instanceof String s ? s : null;
  }

  /** The newest position of an account's events (deleted by retention or not), or null. */
  private Long accountLast(String vendor, String account) {
    try {
      accountLast.setString(1, vendor);
      accountLast.setString(2, account);
      try (ResultSet rs = accountLast.executeQuery()) {
        Long last = rs.next() ? rs.getLong(1) : null;
        db.commit();
        return last;
      }
    } catch (SQLException e) {
      rollbackQuietly();
      throw failure("cannot read", e);
    }
  }

  Long positionOf(String source, String id, Long unknown) throws SQLException {
    lookup.setString(1, source);
    lookup.setString(2, id);
    try (ResultSet rs = lookup.executeQuery()) {
      if (rs.next()) {
        return rs.getLong(1);
      }
      return unknown;
    }
  }

  Long positionOf(String source, String id) {
    try {
      Long p = positionOf(source, id, null);
      db.commit();
      return p;
    } catch (SQLException e) {
      rollbackQuietly();
      throw failure("cannot read", e);
    }
  }

  long latestPosition() {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'events'")) {
      long p = rs.next() ? rs.getLong(1) : 0;
      db.commit();
      return p;
    } catch (SQLException e) {
      rollbackQuietly();
      throw failure("cannot read", e);
    }
  }

  JournalPage read(JournalQuery q) {
    boolean newest = q.order() == JournalQuery.Order.NEWEST_FIRST;
    long upper = q.upperBoundExclusive();
    if (q.vendor() != null && q.account() != null) {
      Long last = accountLast(q.vendor(), q.account());
      if (last == null) {
        return new JournalPage(List.of(), null); // no event of this account, ever
      }
      upper = Math.min(upper, last + 1);
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT position, journaled, body FROM events WHERE position > ? AND position < ?");
    List<Object> args = new ArrayList<>(List.of(q.lowerBoundExclusive(), upper));
    if (q.vendor() != null) {
      sql.append(" AND vendor = ?");
      args.add(q.vendor());
    }
    if (q.account() != null) {
      sql.append(" AND account = ?");
      args.add(q.account());
    }
    if (q.typePrefix() != null) {
      // substr instead of LIKE: no escaping of % and _ in a prefix a client sent
      sql.append(" AND substr(type, 1, ?) = ?");
      args.add((long) q.typePrefix().length());
      args.add(q.typePrefix());
    }
    if (q.since() != null) {
      sql.append(" AND journaled >= ?");
      args.add(q.since().toEpochMilli());
    }
    if (q.until() != null) {
      sql.append(" AND journaled < ?");
      args.add(q.until().toEpochMilli());
    }
    sql.append(newest ? " ORDER BY position DESC" : " ORDER BY position ASC").append(" LIMIT ?");
    args.add((long) q.limit() + 1);
    try (PreparedStatement ps = db.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        if (a instanceof Long l) {
          ps.setLong(i + 1, l);
        } else {
          ps.setString(i + 1, (String) a);
        }
      }
      List<JournalEntry> entries = new ArrayList<>();
      boolean more = false;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (entries.size() == q.limit()) {
            more = true;
            break;
          }
          entries.add(
              new JournalEntry(
                  rs.getLong(1),
                  Instant.ofEpochMilli(rs.getLong(2)),
                  new JsonObject(rs.getString(3))));
        }
      }
      db.commit();
      String next = more ? q.cursorAfter(entries.get(entries.size() - 1).position()) : null;
      return new JournalPage(entries, next);
    } catch (SQLException e) {
      rollbackQuietly();
      throw failure("cannot read", e);
    }
  }

  /**
   * Deletes events journaled before {@code olderThanMillis}, then the oldest while the data is
   * larger than {@code maxBytes}, and gives freed pages back to the file system.
   *
   * @return the number of events deleted
   */
  long retain(long olderThanMillis, long maxBytes) {
    return retain(olderThanMillis, maxBytes, Long.MAX_VALUE, true);
  }

  /**
   * Deletes events journaled before {@code olderThanMillis}, then the oldest while the data is
   * larger than {@code maxBytes}: at most {@code maxRows}, in transactions of {@value
   * #RETENTION_CHUNK} rows. With {@code vacuum}, gives the freed pages back to the file system
   * after (which moves pages: at open only); without, new events reuse them.
   *
   * @return the number of events deleted
   */
  long retain(long olderThanMillis, long maxBytes, long maxRows, boolean vacuum) {
    long deleted = 0;
    try (Statement st = db.createStatement()) {
      while (deleted < maxRows) {
        long chunk = Math.min(RETENTION_CHUNK, maxRows - deleted);
        int n = st.executeUpdate(byAge(olderThanMillis, chunk));
        db.commit();
        deleted += n;
        if (n < chunk) {
          break;
        }
      }
      long used;
      while (deleted < maxRows && (used = usedBytes(st)) > maxBytes) {
        // about as many of the oldest as the excess holds (positions are dense: the span counts
        // the rows without a scan); freed space is per page, so the last steps may be small
        long rows = Math.max(1, span(st));
        long estimate = Math.max(1, (long) Math.ceil((double) (used - maxBytes) * rows / used));
        long chunk = Math.min(Math.min(RETENTION_CHUNK, estimate), maxRows - deleted);
        int n =
            st.executeUpdate(
                "DELETE FROM events WHERE position IN (SELECT position FROM events"
                    + " ORDER BY position LIMIT "
                    + chunk
                    + ")");
        db.commit();
        deleted += n;
        if (n == 0) {
          break;
        }
      }
      if (vacuum && deleted > 0) {
        // the Checkpointer's next round copies the result into the file and shrinks it (this
        // connection never checkpoints)
        db.setAutoCommit(true);
        try {
          st.execute("PRAGMA incremental_vacuum");
        } finally {
          db.setAutoCommit(false);
        }
      }
      return deleted;
    } catch (SQLException e) {
      rollbackQuietly();
      throw failure("cannot apply retention to", e);
    }
  }

  /**
   * A passive checkpoint on this (the writer's) connection, between two transactions: copies what
   * the {@link Checkpointer} has not yet, so that the next transaction starts the WAL over.
   *
   * @return whether it copied the whole WAL (false when the checkpointer's own round is running)
   */
  boolean checkpointAll() {
    try (Statement st = db.createStatement()) {
      db.setAutoCommit(true);
      try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
        return rs.next() && rs.getInt(1) == 0 && rs.getLong(2) == rs.getLong(3);
      } finally {
        db.setAutoCommit(false);
      }
    } catch (SQLException e) {
      throw failure("cannot checkpoint", e);
    }
  }

  /** Bytes in use by data (pages minus free pages). */
  long usedBytes() {
    try (Statement st = db.createStatement()) {
      long used = usedBytes(st);
      db.commit();
      return used;
    } catch (SQLException e) {
      throw failure("cannot read", e);
    }
  }

  private static long usedBytes(Statement st) throws SQLException {
    return (pragma(st, "page_count") - pragma(st, "freelist_count")) * pragma(st, "page_size");
  }

  /**
   * The statement deleting up to {@code limit} events journaled before {@code olderThanMillis}.
   * Ordered by the indexed column: ordered by position, SQLite walked the whole table in position
   * order testing each row (seconds per step with 2.7 million events).
   */
  static String byAge(long olderThanMillis, long limit) {
    return "DELETE FROM events WHERE position IN (SELECT position FROM events WHERE journaled < "
        + olderThanMillis
        + " ORDER BY journaled LIMIT "
        + limit
        + ")";
  }

  /**
   * Newest minus oldest position, plus one: the number of events, give or take a duplicate. Two
   * subqueries: SQLite reads a lone min() or max() of the key off the end of the table, but both in
   * one expression scanned every event (250 ms at 2 million).
   */
  static final String SPAN =
      "SELECT (SELECT max(position) FROM events) - (SELECT min(position) FROM events) + 1";

  private static long span(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery(SPAN)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static long pragma(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void rollbackQuietly() {
    try {
      db.rollback();
    } catch (SQLException | RuntimeException ignored) {
      // the original failure is what matters
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing more to do
      }
    }
  }

  /** A failure naming the file and what the SQLite error means for the user. */
  private JournalException failure(String what, SQLException e) {
    return new JournalException(
        file + ": " + what + " the journal: " + JournalErrors.explain(e), e);
  }

  @Override
  public void close() {
    closeQuietly(db);
    lock.close();
  }
}

package io.cloudbus.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code cursors} table of a journal file (schema 2): one row per output name with the position
 * its receiver acknowledged last and when it was stored. Used on the journal's thread only, through
 * the {@link JournalDb}'s connection; each store is its own small transaction.
 */
final class CursorTable {

  private final JournalDb db;

  CursorTable(JournalDb db) {
    this.db = db;
  }

  /** Creates the table when absent (new files and the migration of schema 1 files). */
  static void create(Statement st) throws SQLException {
    st.execute(
        "CREATE TABLE IF NOT EXISTS cursors(output TEXT PRIMARY KEY,"
            + " position INTEGER NOT NULL, stored INTEGER NOT NULL)");
  }

  Long load(String output) {
    try (PreparedStatement ps =
        db.connection().prepareStatement("SELECT position FROM cursors WHERE output = ?")) {
      ps.setString(1, output);
      Long p;
      try (ResultSet rs = ps.executeQuery()) {
        p = rs.next() ? rs.getLong(1) : null;
      }
      db.connection().commit();
      return p;
    } catch (SQLException e) {
      throw db.failed("cannot read", e);
    }
  }

  void store(String output, long position, long storedMillis) {
    try (PreparedStatement ps =
        db.connection()
            .prepareStatement(
                "INSERT OR REPLACE INTO cursors(output, position, stored) VALUES (?, ?, ?)")) {
      ps.setString(1, output);
      ps.setLong(2, position);
      ps.setLong(3, storedMillis);
      ps.executeUpdate();
      db.connection().commit();
    } catch (SQLException e) {
      throw db.failed("cannot write", e);
    }
  }

  Map<String, Long> all() {
    try (Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("SELECT output, position FROM cursors ORDER BY output")) {
      Map<String, Long> out = new LinkedHashMap<>();
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      db.connection().commit();
      return out;
    } catch (SQLException e) {
      throw db.failed("cannot read", e);
    }
  }
}

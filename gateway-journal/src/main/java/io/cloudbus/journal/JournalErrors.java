package io.cloudbus.journal;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Says in words what an SQLite error means for the user of a journal file. */
final class JournalErrors {

  private JournalErrors() {}

  static String explain(SQLException e) {
    SQLiteErrorCode code = e instanceof SQLiteException s ? s.getResultCode() : null;
    String detail = e.getMessage();
    if (code == null) {
      return detail;
    }
    String name = code.name();
    if (name.startsWith("SQLITE_FULL")) {
      return "the disk (or the file's size limit) is full: " + detail;
    }
    if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")) {
      return "the file is locked by another process (another cloudbus with the same"
          + " journal.path?): "
          + detail;
    }
    if (name.startsWith("SQLITE_NOTADB") || name.startsWith("SQLITE_CORRUPT")) {
      return "the file is corrupt or not a cloudbus journal (move it away to start a new"
          + " journal): "
          + detail;
    }
    if (name.startsWith("SQLITE_CANTOPEN")
        || name.startsWith("SQLITE_READONLY")
        || name.startsWith("SQLITE_PERM")
        || name.startsWith("SQLITE_IOERR")) {
      return "the file cannot be opened or written (permissions, missing directory, I/O): "
          + detail;
    }
    return detail;
  }
}

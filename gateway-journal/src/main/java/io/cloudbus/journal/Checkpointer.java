package io.cloudbus.journal;

import io.cloudbus.core.journal.JournalException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a journal's WAL into its file on a thread and connection of its own ({@code PRAGMA
 * wal_checkpoint(PASSIVE)}), so that the journal's writer never waits for a checkpoint's page
 * copies and {@code fsync}s: at 10,000 events/s SQLite's own checkpoint, run by the committing
 * connection every 1,000 pages, held every append for 10-30 ms about twice a second (benchmarks.md,
 * "Checkpoints, retention and encoding off the journal's commit path"). A passive checkpoint takes
 * no lock a writer needs; the writer starts the WAL over at its next transaction once a checkpoint
 * copied all of it.
 *
 * <p>It runs every {@code every} while transactions were committed since its last run ({@link
 * #committed()}); what is left at {@link #close()} the journal's own connection copies when it
 * closes after. SQLite starts the WAL over only when a write transaction begins after a checkpoint
 * copied all of it, which a writer that never pauses never does: under a steady stream the WAL grew
 * by 1.5 GB in a minute. So once it holds {@code restartFrames} frames with some not copied yet, a
 * round starts at each commit instead of once a second (each copies what the last one left), and
 * the writer is asked to checkpoint once itself ({@link #restartWanted()}): only the last frames
 * are left to copy by then, and its next transaction starts the WAL over. A round that copied what
 * it saw asks too (the writer appended behind it), and when the rounds cannot get close (a reader's
 * snapshot) the writer is asked anyway once the WAL holds {@value #HARD_FACTOR} times the mark; no
 * round of its own runs while the writer's help is wanted. A failure (full disk, I/O error) is
 * logged at WARN, once per episode: the WAL keeps every committed transaction meanwhile, so nothing
 * is lost, and the next checkpoint copies it.
 */
final class Checkpointer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  /** From this many times the restart mark, the writer's help is asked however much is left. */
  static final int HARD_FACTOR = 4;

  private final Path file;
  private final Connection db;
  private final long everyNanos;
  private final long restartFrames;
  private volatile boolean restartWanted;
  private volatile boolean chasing;
  private final Thread thread;
  private final Object lock = new Object();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong checkpoints = new AtomicLong();
  // the committed() count at the checkpoint thread's last round (that thread only)
  private long copied;
  private boolean closed;
  private boolean failing;

  /** Results of one {@code wal_checkpoint}: frames in the WAL, and of them copied into the file. */
  record Result(long walFrames, long copiedFrames) {}

  private Checkpointer(Path file, Connection db, Duration every, long restartFrames) {
    this.file = file;
    this.db = db;
    this.everyNanos = every.toNanos();
    this.restartFrames = restartFrames;
    this.thread = new Thread(this::run, "cloudbus-journal-checkpoint");
    this.thread.setDaemon(true);
  }

  /**
   * Opens a second connection on the journal {@code file} (which the journal's own connection has
   * already created in WAL mode) and starts the thread.
   *
   * @throws JournalException naming the file when it cannot be opened
   */
  static Checkpointer start(Path file, Duration every, long restartFrames) {
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new JournalException(
          file + ": cannot open the journal for checkpoints: " + JournalErrors.explain(e), e);
    }
    Checkpointer checkpointer = new Checkpointer(file, c, every, restartFrames);
    checkpointer.thread.start();
    return checkpointer;
  }

  /**
   * Tells it that a transaction was committed: the next round has work (at once while it chases a
   * long WAL). Any thread.
   */
  void committed() {
    committed.incrementAndGet();
    if (chasing) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  /**
   * Whether the WAL is long enough that the writer should checkpoint once itself after its
   * transaction (then {@link #restarted()}), so that its next transaction starts the WAL over.
   */
  boolean restartWanted() {
    return restartWanted;
  }

  /** The writer's own checkpoint copied the whole WAL: its next transaction starts it over. */
  void restarted() {
    restartWanted = false;
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /** Checkpoints run so far (each copied what the WAL held then). */
  long checkpoints() {
    return checkpoints.get();
  }

  private void run() {
    while (true) {
      synchronized (lock) {
        // a WAL that is too long is chased: the next round starts as soon as there is more
        long until = System.nanoTime() + everyNanos;
        long left;
        // while the writer's help is wanted, no round of its own: the writer's checkpoint would
        // find this one running and copy nothing (a busy checkpoint lock)
        while (!closed
            && (restartWanted || !(chasing && committed.get() != copied))
            && (left = until - System.nanoTime()) > 0) {
          try {
            lock.wait(left / 1_000_000, (int) (left % 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed) {
          return;
        }
      }
      long seen = committed.get();
      if (seen != copied) {
        copied = seen;
        checkpointQuietly();
      }
    }
  }

  /** One passive checkpoint now, on the calling thread; logs a failure instead of throwing. */
  synchronized Result checkpointQuietly() {
    try {
      Result r = checkpoint();
      // a long WAL with frames left to copy (a reader's snapshot in the way) is chased
      long left = r.walFrames() - r.copiedFrames();
      chasing = r.walFrames() >= restartFrames && left > 0;
      // A passive checkpoint reports the WAL as it was when it began: a writer that never pauses
      // appends behind it, so a round that copied "all" has not, and the writer's next transaction
      // finds frames not copied and appends again (Home Assistant's run path: the WAL grew to 3 GB
      // in a minute). So a long WAL always asks the writer's help, whose checkpoint between two of
      // its transactions copies the rest. With a reader's snapshot in the way the rounds chase
      // first, until a quarter of the mark is left or the WAL holds HARD_FACTOR times the mark.
      restartWanted =
          r.walFrames() >= restartFrames
              && (left <= restartFrames / 4 || r.walFrames() >= HARD_FACTOR * restartFrames);
      if (failing) {
        failing = false;
        LOG.info("journal {}: checkpoints work again", file);
      }
      return r;
    } catch (SQLException e) {
      if (!failing) {
        failing = true;
        LOG.warn(
            "journal {}: cannot copy the WAL into the file (committed events stay in {}-wal): {}",
            file,
            file,
            JournalErrors.explain(e));
      }
      return null;
    }
  }

  private Result checkpoint() throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      checkpoints.incrementAndGet();
      return rs.next() ? new Result(rs.getLong(2), rs.getLong(3)) : new Result(0, 0);
    }
  }

  /**
   * Stops the thread (after the checkpoint in progress, if any) and closes the connection. The
   * journal's own connection, closed after, copies what is left and removes the WAL.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      db.close();
    } catch (SQLException ignored) {
      // nothing more to do
    }
  }
}

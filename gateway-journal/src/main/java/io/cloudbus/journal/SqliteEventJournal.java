package io.cloudbus.journal;

import io.cloudbus.core.impl.EventJson;
import io.cloudbus.core.impl.InMemoryEventJournal;
import io.cloudbus.core.journal.AppendResult;
import io.cloudbus.core.journal.DeliveryCursors;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalException;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.core.journal.JournalPage;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link EventJournal}: an SQLite file ({@value #FILE_NAME} in the configured
 * directory, WAL mode). Appends are queued (at most {@link #DEFAULT_MAX_QUEUE}; beyond, an append
 * fails at once) and written by the journal's own thread, every burst in one transaction (at most
 * {@link #MAX_BATCH} events); an append's future completes, on the caller's context, after the
 * transaction with its event committed.
 *
 * <p>Group commit: an append that finds the journal idle (its last transaction ended more than
 * {@link #DEFAULT_GROUP_WINDOW_MICROS} µs ago) is written at once. Under a steady stream the next
 * transaction waits until that long after the previous one, or until {@link #GROUP_FULL} appends
 * are queued, so that a stream of a few events per millisecond does not pay a transaction each
 * (each commit writes every page it changed: about 10 KB per event at one event per transaction
 * from 100 accounts). Positions are SQLite's {@code AUTOINCREMENT} row ids: strictly increasing,
 * never reused, kept across restarts, starting after the {@link #basePosition()} the file took when
 * it was created (meta {@code position_base}). Retention runs at open and then at most once a
 * minute after a write: events journaled more than {@code retentionDays} ago, then the oldest while
 * the data exceeds {@code maxSizeMb}. Checkpoints (copying the WAL into the file) run on a thread
 * of their own ({@link Checkpointer}, every {@link #CHECKPOINT_EVERY} while events are written),
 * never in a transaction that events wait for.
 *
 * <p>While the file cannot be written (full disk, lost lock, I/O error) every append fails with a
 * {@link JournalException} naming the file; the socket publishes such events without a position (at
 * least once) and the journal logs the episode at ERROR (once, and again when it recovers).
 *
 * <p>Thread-safe.
 */
public final class SqliteEventJournal implements EventJournal {

  public static final String FILE_NAME = "events.db";
  public static final int DEFAULT_MAX_QUEUE = 100_000;
  public static final int MAX_BATCH = 5_000;
  public static final long DEFAULT_GROUP_WINDOW_MICROS = 2_000;
  static final int GROUP_FULL = 512;
  static final long RETENTION_EVERY_MS = 60_000;
  static final int RETENTION_STEP = JournalDb.RETENTION_CHUNK;
  static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);

  /** WAL frames (pages) beyond which the writer helps to start the WAL over (32 MB at 8 KB). */
  static final long WAL_RESTART_FRAMES = 4_096;

  private static final Logger LOG = LoggerFactory.getLogger(SqliteEventJournal.class);

  private record Pending(JsonObject event, Promise<AppendResult> promise, Context context) {}

  private final JournalDb db;
  private final Checkpointer checkpointer;
  private final JournalOptions options;
  private final Clock clock;
  private final int maxQueue;
  private final ExecutorService thread;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean draining;
  private final long groupWindowNanos;

  /** When the journal's thread finished its last transaction (System.nanoTime); journal thread. */
  private long lastWriteEnd = System.nanoTime() - Long.MAX_VALUE / 4;

  /** The journal's thread waits for more appends (group commit); under the queue's lock. */
  private boolean grouping;

  private final AtomicLong transactions = new AtomicLong();

  /** Appends queued or being written. */
  private final AtomicInteger backlog = new AtomicInteger();

  private boolean closed;
  private boolean failing;
  private long lastRetention;
  private boolean retentionPending;
  private long retainedInSteps;
  private Future<Void> closing;
  private final SqliteDeliveryCursors cursors;

  private SqliteEventJournal(
      JournalDb db,
      Checkpointer checkpointer,
      JournalOptions options,
      Clock clock,
      int maxQueue,
      long groupWindowNanos) {
    this.db = db;
    this.checkpointer = checkpointer;
    this.groupWindowNanos = groupWindowNanos;
    this.options = options;
    this.clock = clock;
    this.maxQueue = maxQueue;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "cloudbus-journal");
              t.setDaemon(true);
              return t;
            });
    this.cursors = new SqliteDeliveryCursors(new CursorTable(db), clock, this::onThread);
  }

  /**
   * Opens (creating when absent) the journal in {@code directory}, blocking: call it off the event
   * loop (or use {@link #openAsync}). Applies retention once.
   *
   * @throws JournalException naming the file: cannot create the directory, corrupt file, locked by
   *     another process, written by a newer version
   */
  public static SqliteEventJournal open(Path directory, JournalOptions options) {
    return open(
        directory,
        options,
        Clock.systemUTC(),
        DEFAULT_MAX_QUEUE,
        null,
        Duration.ofNanos(DEFAULT_GROUP_WINDOW_MICROS * 1_000));
  }

  static SqliteEventJournal open(
      Path directory,
      JournalOptions options,
      Clock clock,
      int maxQueue,
      Integer maxPages,
      Duration groupWindow) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new JournalException(directory + ": cannot create the journal directory: " + e, e);
    }
    Path file = directory.resolve(FILE_NAME).toAbsolutePath();
    JournalDb db = new JournalDb(file, maxPages);
    Checkpointer checkpointer;
    try {
      checkpointer = Checkpointer.start(file, CHECKPOINT_EVERY, WAL_RESTART_FRAMES);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    SqliteEventJournal j =
        new SqliteEventJournal(db, checkpointer, options, clock, maxQueue, groupWindow.toNanos());
    j.retainNow(); // on the caller's thread: nothing else uses the connection yet
    LOG.info("journal {} opened at position {}", file, j.db.latestPosition());
    return j;
  }

  /** {@link #open(Path, JournalOptions)} on a worker thread. */
  public static Future<EventJournal> openAsync(
      Vertx vertx, Path directory, JournalOptions options) {
    return vertx.executeBlocking(() -> open(directory, options), false);
  }

  /** The journal's file. */
  public Path file() {
    return db.file();
  }

  @Override
  public String id() {
    return db.journalId();
  }

  @Override
  public long basePosition() {
    return db.basePosition();
  }

  @Override
  public Future<AppendResult> append(JsonObject event) {
    try {
      InMemoryEventJournal.key(event);
      // on the caller's thread (an event loop), not the journal's: one thread encoding every
      // socket's events was the journal's limit with 1,000 sockets (benchmarks.md, "Checkpoints,
      // retention and encoding off the journal's commit path"); the text is kept for /ws and SSE
      EventJson.encode(event);
    } catch (IllegalArgumentException | EncodeException e) {
      return Future.failedFuture(e);
    }
    Promise<AppendResult> promise = Promise.promise();
    synchronized (queue) {
      if (closed) {
        return Future.failedFuture(new JournalException(db.file() + ": the journal is closed"));
      }
      if (queue.size() >= maxQueue) {
        return Future.failedFuture(
            new JournalException(
                db.file()
                    + ": the write queue is full ("
                    + queue.size()
                    + " events waiting): the disk is too slow or blocked"));
      }
      queue.add(new Pending(event, promise, Vertx.currentContext()));
      backlog.incrementAndGet();
      if (grouping && queue.size() >= GROUP_FULL) {
        queue.notifyAll();
      }
      if (!draining) {
        draining = true;
        thread.execute(this::drain);
      }
    }
    return promise.future();
  }

  private void drain() {
    while (true) {
      List<Pending> batch = new ArrayList<>();
      synchronized (queue) {
        awaitGroup();
        while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
          batch.add(queue.poll());
        }
        if (batch.isEmpty()) {
          draining = false;
          return;
        }
      }
      write(batch);
      lastWriteEnd = System.nanoTime();
    }
  }

  /**
   * Group commit, under the queue's lock: while fewer than {@link #GROUP_FULL} appends are queued
   * and the last transaction ended less than the group window ago, waits (woken by the appends that
   * fill the group, and by {@link #close}).
   */
  private void awaitGroup() {
    long until = lastWriteEnd + groupWindowNanos;
    grouping = true;
    try {
      long left;
      while (!queue.isEmpty()
          && queue.size() < GROUP_FULL
          && !closed
          && (left = until - System.nanoTime()) > 0) {
        try {
          queue.wait(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } finally {
      grouping = false;
    }
  }

  private void write(List<Pending> batch) {
    List<JsonObject> events = new ArrayList<>(batch.size());
    batch.forEach(p -> events.add(p.event()));
    List<JournalDb.Inserted> results = null;
    JournalException failure = null;
    try {
      transactions.incrementAndGet();
      results = db.insertAll(events, clock.millis());
      checkpointer.committed();
      if (failing) {
        failing = false;
        LOG.info("journal {} writes again", db.file());
      }
    } catch (JournalException e) {
      failure = e;
      if (!failing) {
        failing = true;
        LOG.error("{} (events are published without a position meanwhile)", e.getMessage());
      }
    } catch (RuntimeException e) {
      // a defect, not the file: this batch fails, and the journal's thread writes the next one
      failure = new JournalException(db.file() + ": cannot write events: " + e, e);
      LOG.error("journal {}: {} events not written", db.file(), batch.size(), e);
    }
    // before the answers: a socket resuming on its answer sees the backlog without them
    backlog.addAndGet(-batch.size());
    complete(batch, results, failure);
    if (results != null && checkpointer.restartWanted()) {
      // after the answers: the events of this transaction do not wait for it
      try {
        if (db.checkpointAll()) {
          checkpointer.restarted();
        }
      } catch (JournalException e) {
        LOG.warn("{}", e.getMessage());
      }
    }
    if (results != null
        && (retentionPending || clock.millis() - lastRetention >= RETENTION_EVERY_MS)) {
      try {
        retainSome();
      } catch (JournalException e) {
        retentionPending = false;
        LOG.warn("{}", e.getMessage());
      }
    }
  }

  /**
   * Completes each promise on its caller's context, one task per event loop context, in append
   * order: the tasks are queued in the order of each context's first append of the batch, and a
   * duplicated context (Vert.x gives one to each event bus message) counts as its event loop
   * context. (Keyed by the duplicated contexts in an identity map, a burst from a bus consumer got
   * one task per event queued in hash order: later answers before earlier ones.)
   */
  private static void complete(
      List<Pending> batch, List<JournalDb.Inserted> results, JournalException failure) {
    Map<Context, List<Runnable>> byContext = new LinkedHashMap<>();
    List<Runnable> direct = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      Runnable done;
      if (failure != null) {
        done = () -> p.promise().fail(failure);
      } else {
        JournalDb.Inserted r = results.get(i);
        AppendResult answer =
            r.fresh()
                ? AppendResult.appended(r.position())
                : AppendResult.duplicateOf(r.position());
        done = () -> p.promise().complete(answer);
      }
      if (p.context() == null) {
        direct.add(done);
      } else {
        byContext.computeIfAbsent(base(p.context()), c -> new ArrayList<>()).add(done);
      }
    }
    direct.forEach(Runnable::run);
    byContext.forEach((ctx, tasks) -> ctx.runOnContext(v -> tasks.forEach(Runnable::run)));
  }

  /** The event loop context of {@code ctx} (itself unless duplicated). */
  static Context base(Context ctx) {
    return ctx instanceof ContextInternal internal ? internal.unwrap() : ctx;
  }

  /**
   * Applies retention now (age, then size). Blocking; on the journal's thread or before it runs.
   *
   * @return the number of events deleted
   */
  long retainNow() {
    lastRetention = clock.millis();
    long olderThan = clock.millis() - Duration.ofDays(options.retentionDays()).toMillis();
    long deleted = db.retain(olderThan, options.maxSizeMb() * 1024 * 1024);
    if (deleted > 0) {
      checkpointer.committed();
      LOG.info("journal {}: retention deleted {} events", db.file(), deleted);
    }
    return deleted;
  }

  /**
   * One step of retention while events are written: at most {@link #RETENTION_STEP} events, after a
   * transaction of new ones; when there is more to delete, the next transaction is followed by the
   * next step. (All at once, a minute of a busy gateway's events was deleted in one go every
   * minute, and every append waited for it: seconds.) Freed pages are reused by new events, not
   * given back.
   */
  private void retainSome() {
    lastRetention = clock.millis();
    long olderThan = clock.millis() - Duration.ofDays(options.retentionDays()).toMillis();
    long deleted = db.retain(olderThan, options.maxSizeMb() * 1024 * 1024, RETENTION_STEP, false);
    retentionPending = deleted >= RETENTION_STEP;
    if (deleted > 0) {
      checkpointer.committed();
      retainedInSteps += deleted;
    }
    if (!retentionPending && retainedInSteps > 0) {
      LOG.info("journal {}: retention deleted {} events", db.file(), retainedInSteps);
      retainedInSteps = 0;
    }
  }

  /** {@link #retainNow()} on the journal's thread (for tests and operators). */
  public Future<Long> retain() {
    return onThread(this::retainNow);
  }

  /** Bytes of the journal's data (pages in use). */
  public Future<Long> usedBytes() {
    return onThread(db::usedBytes);
  }

  /** The checkpoints' thread and connection, for tests. */
  Checkpointer checkpointer() {
    return checkpointer;
  }

  /** Write transactions so far (group commit: fewer than the appends under a steady stream). */
  long transactions() {
    return transactions.get();
  }

  @Override
  public int backlog() {
    return backlog.get();
  }

  @Override
  public Future<JournalPage> read(JournalQuery query) {
    return onThread(() -> db.read(query));
  }

  @Override
  public Future<Long> positionOf(String source, String id) {
    return onThread(() -> db.positionOf(source, id));
  }

  @Override
  public Future<Long> latestPosition() {
    return onThread(db::latestPosition);
  }

  /** The cursors in this journal's file (table {@code cursors}). */
  @Override
  public DeliveryCursors cursors() {
    return cursors;
  }

  @Override
  public Future<Void> close() {
    synchronized (queue) {
      if (closing != null) {
        return closing;
      }
      closed = true;
      queue.notifyAll(); // a group being awaited is written now
      Promise<Void> done = Promise.promise();
      closing = done.future();
      // queued after any drain in progress: what was appended is written first
      thread.execute(
          () -> {
            drain();
            checkpointer.close();
            db.close();
            LOG.info("journal {} closed", db.file());
            done.complete();
          });
      thread.shutdown();
      return closing;
    }
  }

  private <T> Future<T> onThread(Supplier<T> work) {
    Context ctx = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    try {
      thread.execute(
          () -> {
            T result;
            try {
              result = work.get();
            } catch (RuntimeException e) {
              settle(ctx, () -> promise.fail(e));
              return;
            }
            settle(ctx, () -> promise.complete(result));
          });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new JournalException(db.file() + ": the journal is closed"));
    }
    return promise.future();
  }

  private static void settle(Context ctx, Runnable r) {
    if (ctx == null) {
      r.run();
    } else {
      ctx.runOnContext(v -> r.run());
    }
  }
}

package io.cloudbus.core.journal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output's reader of the event journal (a webhook, the MQTT output): reads the events that match
 * its filter oldest first, after the output's delivery cursor ({@link EventJournal#cursors()}), at
 * most {@code window} of them read and not yet {@linkplain #done(long) done} (delivered,
 * acknowledged or given up), and moves the cursor past every event below the oldest one still
 * outstanding. The cursor is stored coalesced (one store at a time, the latest position next) and
 * once more at {@link #close()}: a clean stop repeats nothing, a crash may repeat what was done
 * since the last store (docs/delivery.md, "Outputs").
 *
 * <p>Not thread-safe: confined to the output's context. Reads are triggered by {@link #wake()} (a
 * new event, a timer) and by {@link #done(long)} when the window had no room.
 */
public final class JournalFeed {

  private static final Logger LOG = LoggerFactory.getLogger(JournalFeed.class);

  /** Events per journal read at most. */
  public static final int PAGE = 200;

  private final EventJournal journal;
  private final DeliveryCursors cursors;
  private final String output;
  private final int window;
  private final Predicate<JsonObject> filter;
  private final Consumer<JournalEntry> sink;
  private final TreeSet<Long> outstanding = new TreeSet<>();
  private long readPosition;
  private long acked;
  private long stored = -1;
  private long latest;
  private boolean started;
  private boolean reading;
  private boolean again;
  private boolean failing;
  private boolean closed;
  private Future<Void> storing = Future.succeededFuture();

  /**
   * @param output the cursor's name, e.g. {@code webhook:<name>} or {@code mqtt:<clientId>}
   * @param window events read and not yet done, at most (at least 1)
   * @param filter which events the output wants; the others are passed over (the cursor moves past
   *     them)
   * @param sink receives each wanted event once, in journal order
   */
  public JournalFeed(
      EventJournal journal,
      String output,
      int window,
      Predicate<JsonObject> filter,
      Consumer<JournalEntry> sink) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, was " + window);
    }
    this.journal = Objects.requireNonNull(journal, "journal");
    this.cursors = journal.cursors();
    this.output = Objects.requireNonNull(output, "output");
    this.window = window;
    this.filter = Objects.requireNonNull(filter, "filter");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /**
   * Loads the cursor; an output without one starts with the events journaled from {@code liveFrom}
   * on (the live end when none were), and stores that start at once. Then reads.
   */
  public Future<Void> start(Instant liveFrom) {
    return cursors
        .load(output)
        .compose(
            known -> {
              if (known != null) {
                LOG.info("{}: resuming after journal position {}", output, known);
                return Future.succeededFuture(known);
              }
              return firstAfter(liveFrom)
                  .compose(p -> cursors.store(output, p).map(p))
                  .onSuccess(
                      p -> LOG.info("{}: new, starting after journal position {}", output, p));
            })
        .map(
            p -> {
              readPosition = p;
              acked = p;
              stored = p;
              latest = Math.max(latest, p);
              started = true;
              wake();
              return null;
            });
  }

  /** The position before the first event journaled at or after {@code from}, else the latest. */
  private Future<Long> firstAfter(Instant from) {
    JournalQuery q =
        JournalQuery.builder().since(from).order(JournalQuery.Order.OLDEST_FIRST).limit(1).build();
    return journal
        .read(q)
        .compose(
            page ->
                page.entries().isEmpty()
                    ? journal.latestPosition()
                    : Future.succeededFuture(page.entries().get(0).position() - 1));
  }

  /** New events may be in the journal: reads them when there is room. */
  public void wake() {
    if (closed || !started) {
      return;
    }
    if (reading) {
      again = true;
      return;
    }
    int room = window - outstanding.size();
    if (room <= 0) {
      return;
    }
    reading = true;
    JournalQuery q =
        JournalQuery.builder()
            .afterPosition(readPosition)
            .order(JournalQuery.Order.OLDEST_FIRST)
            .limit(Math.min(PAGE, room))
            .build();
    journal.read(q).onComplete(ar -> read(ar.succeeded() ? ar.result() : null, ar.cause()));
  }

  private void read(JournalPage page, Throwable failure) {
    if (page == null) {
      reading = false;
      if (!failing) {
        failing = true;
        LOG.warn("{}: cannot read the journal: {}", output, failure.getMessage());
      }
      return; // the next event or tick tries again
    }
    failing = false;
    if (closed) {
      reading = false;
      return;
    }
    // still "reading" while the page is handed on: a wake() meanwhile only sets again
    for (JournalEntry e : page.entries()) {
      readPosition = e.position();
      latest = Math.max(latest, readPosition);
      if (filter.test(e.event())) {
        outstanding.add(e.position());
        sink.accept(e);
      }
    }
    reading = false;
    advance();
    if (page.next() != null || again) {
      again = false;
      wake();
    }
  }

  /** The event at {@code position} was delivered, acknowledged or given up. */
  public void done(long position) {
    outstanding.remove(position);
    advance();
    wake();
  }

  /** Updates the latest journal position (for {@link #backlog()}); call it from a timer. */
  public void refreshLatest() {
    journal.latestPosition().onSuccess(p -> latest = Math.max(latest, p));
  }

  /** Journal positions after the cursor: an upper bound of the events still to deliver. */
  public long backlog() {
    return started ? Math.max(0, latest - acked) : 0;
  }

  /** The position up to which every wanted event is done. */
  public long cursor() {
    return acked;
  }

  private void advance() {
    long c = outstanding.isEmpty() ? readPosition : outstanding.first() - 1;
    if (c > acked) {
      acked = c;
      latest = Math.max(latest, c);
      flush();
    }
  }

  private void flush() {
    if (!storing.isComplete() || acked == stored) {
      return;
    }
    long p = acked;
    storing =
        cursors
            .store(output, p)
            .onComplete(
                ar -> {
                  if (ar.succeeded()) {
                    stored = p;
                    flush(); // a later position waiting
                  } else {
                    // tried again at the next done() or at close
                    LOG.warn("{}: cannot store its cursor: {}", output, ar.cause().getMessage());
                  }
                });
  }

  /** Stops reading and stores the cursor once more. Never fails. */
  public Future<Void> close() {
    closed = true;
    Promise<Void> done = Promise.promise();
    storing.onComplete(
        ar -> {
          if (!started || acked == stored) {
            done.complete();
          } else {
            cursors.store(output, acked).onComplete(x -> done.complete());
          }
        });
    return done.future();
  }
}

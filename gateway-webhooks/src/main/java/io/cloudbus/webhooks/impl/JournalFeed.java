package io.cloudbus.webhooks.impl;

import io.cloudbus.core.journal.DeliveryCursors;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalPage;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook's reader of the journal: reads matching events oldest first from the webhook's
 * delivery cursor, at most {@code window} of them in memory (read but not yet delivered or
 * dead-lettered), and moves the cursor past every event below the oldest one still outstanding. The
 * cursor is stored coalesced: one store at a time, the latest position next; and once more at
 * {@link #close()}.
 *
 * <p>Confined to the output's context.
 */
final class JournalFeed {

  private static final Logger LOG = LoggerFactory.getLogger(JournalFeed.class);

  /** Events per journal read at most. */
  static final int PAGE = 200;

  private final EventJournal journal;
  private final DeliveryCursors cursors;
  private final String output;
  private final String name;
  private final int window;
  private final Predicate<io.vertx.core.json.JsonObject> filter;
  private final Consumer<JournalEntry> sink;
  private final TreeSet<Long> outstanding = new TreeSet<>();
  private long readPosition;
  private long acked;
  private long stored = -1;
  private long latest;
  private boolean reading;
  private boolean again;
  private boolean failing;
  private boolean closed;
  private Future<Void> storing = Future.succeededFuture();

  JournalFeed(
      EventJournal journal,
      String name,
      int window,
      Predicate<io.vertx.core.json.JsonObject> filter,
      Consumer<JournalEntry> sink) {
    this.journal = journal;
    this.cursors = journal.cursors();
    this.output = "webhook:" + name;
    this.name = name;
    this.window = window;
    this.filter = filter;
    this.sink = sink;
  }

  /**
   * Loads the cursor; a webhook without one starts with the events journaled from {@code liveFrom}
   * on (the live end when none were), and stores that start at once.
   */
  Future<Void> start(Instant liveFrom) {
    return cursors
        .load(output)
        .compose(
            known -> {
              if (known != null) {
                LOG.info("webhook {}: resuming after journal position {}", name, known);
                return Future.succeededFuture(known);
              }
              return firstAfter(liveFrom)
                  .compose(p -> cursors.store(output, p).map(p))
                  .onSuccess(
                      p ->
                          LOG.info("webhook {}: new, starting after journal position {}", name, p));
            })
        .map(
            p -> {
              readPosition = p;
              acked = p;
              stored = p;
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
  void wake() {
    if (closed) {
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
    journal
        .read(q)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                reading = false;
                if (!failing) {
                  failing = true;
                  LOG.warn(
                      "webhook {}: cannot read the journal: {}", name, ar.cause().getMessage());
                }
                return; // the next event or tick tries again
              }
              failing = false;
              if (closed) {
                reading = false;
                return;
              }
              JournalPage page = ar.result();
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
            });
  }

  /** The event at {@code position} was delivered or dead-lettered. */
  void done(long position) {
    outstanding.remove(position);
    advance();
    wake();
  }

  /** Updates the latest journal position (for {@link #backlog()}); called by the output's tick. */
  void refreshLatest() {
    journal.latestPosition().onSuccess(p -> latest = p);
  }

  /** Journal positions after the cursor: an upper bound of the events still to deliver. */
  long backlog() {
    return Math.max(0, latest - acked);
  }

  long cursor() {
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
                    // tried again at the next delivery or at close
                    LOG.warn(
                        "webhook {}: cannot store its cursor: {}", name, ar.cause().getMessage());
                  }
                });
  }

  /** Stops reading and stores the cursor once more. Never fails. */
  Future<Void> close() {
    closed = true;
    Promise<Void> done = Promise.promise();
    storing.onComplete(
        ar -> {
          if (acked == stored) {
            done.complete();
          } else {
            cursors.store(output, acked).onComplete(x -> done.complete());
          }
        });
    return done.future();
  }
}

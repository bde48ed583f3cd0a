package io.cloudbus.mqtt.impl;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT output's reader of the event journal: reads events oldest first from the output's
 * delivery cursor ({@code mqtt:<clientId>} in {@link EventJournal#cursors()}), at most {@code
 * window} of them read and not yet acknowledged by the broker, and moves the cursor past every
 * event below the oldest one still outstanding. The cursor is stored coalesced (one store at a
 * time, the latest position next) and once more at {@link #close()}. The same scheme as the
 * webhooks' journal reader (docs/delivery.md).
 *
 * <p>Confined to the output's context.
 */
final class MqttJournalFeed {

  private static final Logger LOG = LoggerFactory.getLogger(MqttJournalFeed.class);

  /** Events per journal read at most. */
  static final int PAGE = 200;

  private final EventJournal journal;
  private final DeliveryCursors cursors;
  private final String output;
  private final int window;
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

  MqttJournalFeed(EventJournal journal, String output, int window, Consumer<JournalEntry> sink) {
    this.journal = journal;
    this.cursors = journal.cursors();
    this.output = output;
    this.window = window;
    this.sink = sink;
  }

  /** The cursor name of an output with {@code clientId}: {@code mqtt:<clientId>}, made valid. */
  static String cursorName(String clientId) {
    return "mqtt:" + clientId.replaceAll("[^A-Za-z0-9:._-]", "_");
  }

  /**
   * Loads the cursor; an output without one starts with the events journaled from {@code liveFrom}
   * on (the live end when none were), and stores that start at once.
   */
  Future<Void> start(Instant liveFrom) {
    return cursors
        .load(output)
        .compose(
            known -> {
              if (known != null) {
                LOG.info("mqtt: resuming after journal position {} ({})", known, output);
                return Future.succeededFuture(known);
              }
              return firstAfter(liveFrom)
                  .compose(p -> cursors.store(output, p).map(p))
                  .onSuccess(p -> LOG.info("mqtt: new cursor {} after position {}", output, p));
            })
        .map(
            p -> {
              readPosition = p;
              acked = p;
              stored = p;
              latest = p;
              started = true;
              wake();
              return null;
            });
  }

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
        LOG.warn("mqtt: cannot read the journal: {}", failure.getMessage());
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
      outstanding.add(e.position());
      sink.accept(e);
    }
    reading = false;
    advance();
    if (page.next() != null || again) {
      again = false;
      wake();
    }
  }

  /** The event at {@code position} was acknowledged by the broker (or given up). */
  void done(long position) {
    outstanding.remove(position);
    advance();
    wake();
  }

  /** Updates the latest journal position (for {@link #backlog()}); called by the output's tick. */
  void refreshLatest() {
    journal.latestPosition().onSuccess(p -> latest = Math.max(latest, p));
  }

  /** Journal positions after the cursor: an upper bound of the events still to publish. */
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
                    LOG.warn("mqtt: cannot store cursor {}: {}", output, ar.cause().getMessage());
                  }
                });
  }

  /** Stops reading and stores the cursor once more. Never fails. */
  Future<Void> close() {
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

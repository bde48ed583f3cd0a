package io.cloudbus.service.impl;

import io.cloudbus.core.EventTypes;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalPage;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One consumer's replay from the journal, then the switch to live with no gap and no duplicate.
 *
 * <p>The consumer is subscribed to live events before the replay starts; while it runs, live events
 * go to {@link #offerLive} and wait in a buffer of at most {@link #LIVE_BUFFER}. The replay reads
 * the journal oldest first, {@link #PAGE_SIZE} events per read, and writes them one by one, waiting
 * for the consumer's write queue to drain whenever it is full: a slow consumer slows its own
 * replay, it never makes the service hold more than a page, the buffer and the transport's queue.
 * When a read finds the end of the journal, the buffered live events above the last replayed
 * position are written and the replay completes: from then on the consumer gets live events above
 * that position ({@link #lastPosition()}). A live event is in the journal before it reaches a
 * consumer; so when the buffer overflows it is emptied and the replay reads on until a read reaches
 * the end with no overflow during it.
 *
 * <p>Threading: confined to the context that created it (the service verticle's event loop).
 */
final class Replay {

  /** Events read from the journal at a time. */
  static final int PAGE_SIZE = 200;

  /** Live events held per replaying consumer. */
  static final int LIVE_BUFFER = 1000;

  /** Where a replay writes. */
  interface Target {
    /**
     * Writes one event with its journal position (-1: none), whatever the queue (flow is ours);
     * false when the event is not for this consumer (not written).
     */
    boolean write(JsonObject event, long position);

    /** Whether the transport's write queue is full: the replay then waits for the drain. */
    boolean full();

    /** Runs {@code next} once, after the transport's next drain. */
    void whenDrained(Runnable next);

    /** Whether the consumer is gone (closed, cut, unsubscribed): the replay stops. */
    boolean gone();

    /**
     * The replay wrote {@code count} events and switches to live: from now on only live events
     * above {@code lastPosition} are new. Called synchronously, before any later live event.
     */
    void live(int count, long lastPosition);
  }

  private record Live(JsonObject event, long position) {}

  private final Context context;
  private final EventJournal journal;
  private final WsFilter filter;
  private SinceParser.ResumePoint from;
  private final Target target;
  private final Promise<Integer> done = Promise.promise();
  private final ArrayDeque<Live> live = new ArrayDeque<>();
  private long last;
  private boolean overflowed;
  private boolean cancelled;
  private boolean finished;
  private int count;

  /** A replay that buffers live events until {@link #start} (the resume point is looked up). */
  Replay(Context context, EventJournal journal, WsFilter filter, Target target) {
    this.context = context;
    this.journal = journal;
    this.filter = filter;
    this.target = target;
  }

  /**
   * Replays from {@code from}; completes with the number of events written before the switch to
   * live, or fails when the journal cannot be read or the replay was cancelled.
   */
  Future<Integer> start(SinceParser.ResumePoint from) {
    this.from = from;
    this.last = from.afterPosition();
    readNext();
    return done.future();
  }

  /** The position after which live events are new to the consumer (valid once completed). */
  long lastPosition() {
    return last;
  }

  /** Stops the replay (the consumer left or subscribed again); its future fails. */
  void cancel() {
    cancelled = true;
    live.clear();
    done.tryFail("replay cancelled");
  }

  /** A live event for this consumer (it matched the filter) that arrived during the replay. */
  void offerLive(JsonObject event, long position) {
    if (cancelled) {
      return;
    }
    if (finished) {
      if (position <= 0 || position > last) {
        target.write(event, position);
      }
      return;
    }
    if (live.size() >= LIVE_BUFFER) {
      // every positioned one is in the journal: the replay reads it there
      live.clear();
      overflowed = true;
    }
    live.add(new Live(event, position));
  }

  private void readNext() {
    if (stopped()) {
      return;
    }
    JournalQuery query;
    try {
      JournalQuery.Builder b =
          JournalQuery.builder()
              .order(JournalQuery.Order.OLDEST_FIRST)
              .afterPosition(last)
              .since(from.time())
              .vendor(filter.vendor())
              .account(filter.account())
              .limit(PAGE_SIZE);
      if (filter.type() != null && filter.type().startsWith(EventTypes.PREFIX)) {
        b.typePrefix(filter.type());
      }
      query = b.build();
    } catch (IllegalArgumentException e) {
      done.tryFail(e);
      return;
    }
    journal
        .read(query)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                done.tryFail(ar.cause());
              } else {
                writePage(ar.result(), 0);
              }
            });
  }

  private void writePage(JournalPage page, int from) {
    List<JournalEntry> entries = page.entries();
    for (int i = from; i < entries.size(); i++) {
      if (stopped()) {
        return;
      }
      if (target.full()) {
        int resume = i;
        target.whenDrained(() -> writePage(page, resume));
        return;
      }
      JournalEntry e = entries.get(i);
      last = e.position();
      if (filter.matchesEvent(e.event()) && target.write(e.event(), e.position())) {
        count++;
      }
    }
    if (page.next() != null || overflowed) {
      overflowed = false;
      context.runOnContext(v -> readNext());
      return;
    }
    switchToLive();
  }

  private void switchToLive() {
    if (stopped()) {
      return;
    }
    for (Live l : live) {
      if ((l.position() <= 0 || l.position() > last) && target.write(l.event(), l.position())) {
        count++;
        last = Math.max(last, l.position());
      }
    }
    live.clear();
    finished = true;
    target.live(count, last);
    done.tryComplete(count);
  }

  private boolean stopped() {
    if (!cancelled && target.gone()) {
      cancel();
    }
    return cancelled;
  }
}

package io.cloudbus.core.journal;

import io.cloudbus.core.impl.InMemoryEventJournal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The journal of published events: every event a socket publishes is appended first, and the
 * journal's answer is the dedup decision. Its unique key is the CloudEvents {@code (source, id)}:
 * an event whose key is already in the journal is answered {@link AppendResult#duplicate()} and is
 * not published again, across restarts when the journal is durable (the SQLite journal of module
 * {@code gateway-journal}). Every appended event gets a <em>position</em>, a {@code long} strictly
 * increasing per journal (never reused, also after retention deleted older events), which travels
 * with the published message as header {@link io.cloudbus.core.CloudbusAddresses#HEADER_POSITION}
 * and from which consumers resume ({@link #read}). Positions start after the journal's {@link
 * #basePosition()}, chosen at random when the journal is made, so that a position handed to a
 * consumer by another journal can be told from one of this journal's.
 *
 * <p>Threading: thread-safe. The futures of {@link #append} complete in the order of the calls made
 * from one thread (a socket's event loop), on the caller's context when it has one; so a socket may
 * ask for the next append before the previous answered and still publish in order.
 *
 * <p>Failures: an append fails (rather than answering "new" or "duplicate") when the journal cannot
 * record the event (full disk, locked or corrupt file, closed journal); the socket then publishes
 * the event without a position (at least once, never lost silently) and the journal logs the cause.
 */
public interface EventJournal {

  /**
   * An id unique to this journal (a durable journal keeps it in its file). Sockets publish it as
   * header {@link io.cloudbus.core.CloudbusAddresses#HEADER_JOURNAL} beside the position, so that a
   * reader of the bus (the bridge service of another cluster node) can tell whether the position is
   * one of its own journal.
   */
  String id();

  /** Default bound of {@link #inMemory(int)} where a caller has no better figure. */
  int DEFAULT_MEMORY_EVENTS = 10_000;

  /**
   * Appends a published event (its CloudEvents JSON; {@code source} and {@code id} required).
   *
   * @return the new position, or {@link AppendResult#duplicate()} when {@code (source, id)} is
   *     already journaled (with its earlier position when still known); fails with an {@link
   *     IllegalArgumentException} for an event without {@code source} or {@code id}, or with a
   *     {@link JournalException} when the event could not be recorded
   */
  Future<AppendResult> append(JsonObject event);

  /**
   * One page of journaled events matching {@code query}, in its order; {@link JournalPage#next()}
   * continues it. Never modifies the journal. Fails with a {@link JournalException} when the
   * journal cannot be read.
   */
  Future<JournalPage> read(JournalQuery query);

  /**
   * The position of the event {@code (source, id)}, or null when it is not in the journal (never
   * journaled, or deleted by retention). For {@code since=<event id>} resumes.
   */
  Future<Long> positionOf(String source, String id);

  /** The highest position appended so far; {@link #basePosition()} for an empty journal. */
  Future<Long> latestPosition();

  /**
   * The position before this journal's first event: every position of this journal is greater. A
   * journal takes it once, when it is made ({@link #newBasePosition()}), and keeps it (a durable
   * journal in its file). Positions of two journals then lie 2<sup>32</sup> or more apart, so a
   * consumer's position from another journal (another cluster node's, a journal file replaced
   * since, the in-memory journal of an earlier run) is below this one's base or beyond its latest
   * position, and the service can tell the consumer instead of resuming at the wrong place. 0 for a
   * journal that keeps none (a durable journal created before bases existed; test doubles).
   */
  default long basePosition() {
    return 0;
  }

  /**
   * A base position for a new journal: a random multiple of 2<sup>32</sup> from 2<sup>32</sup> up
   * to below 2<sup>52</sup>, so that positions stay exact in a JSON number (below 2<sup>53</sup>)
   * for the first 2<sup>52</sup> events, and two journals' positions meet only after one of them
   * journaled 4 billion events.
   */
  static long newBasePosition() {
    return (1L + ThreadLocalRandom.current().nextLong((1L << 20) - 1)) << 32;
  }

  /**
   * The delivery cursors kept with this journal's events ({@link DeliveryCursors}): durable when
   * the journal is. Always the same object for one journal. The default (for journals that keep no
   * cursors of their own, such as test doubles) fails every call with a {@link JournalException}.
   */
  default DeliveryCursors cursors() {
    return NoCursors.INSTANCE;
  }

  /**
   * Appends of every caller not answered yet: the journal's backlog, which every socket's flow
   * control reads ({@code ReadFlow}), so that many sockets together cannot queue more than one
   * socket may. 0 for a journal that answers at once (the default). Any thread, cheap.
   */
  default int backlog() {
    return 0;
  }

  /** Flushes what was appended and releases the journal; later calls fail. Idempotent. */
  Future<Void> close();

  /**
   * A journal in memory: positions from a new {@link #basePosition()} at every start, the latest
   * {@code maxEvents} events kept (and remembered for dedup); older ones are forgotten. Answers at
   * once (completed futures). For {@code journal.enabled: false} and tests.
   */
  static EventJournal inMemory(int maxEvents) {
    return new InMemoryEventJournal(maxEvents);
  }
}

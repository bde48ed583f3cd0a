package io.cloudbus.core.journal;

import io.cloudbus.core.impl.InMemoryEventJournal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The journal of published events: every event a socket publishes is appended first, and the
 * journal's answer is the dedup decision. Its unique key is the CloudEvents {@code (source, id)}:
 * an event whose key is already in the journal is answered {@link AppendResult#duplicate()} and is
 * not published again, across restarts when the journal is durable (the SQLite journal of module
 * {@code gateway-journal}). Every appended event gets a <em>position</em>, a {@code long} strictly
 * increasing per journal (never reused, also after retention deleted older events), which travels
 * with the published message as header {@link io.cloudbus.core.CloudbusAddresses#HEADER_POSITION}
 * and from which consumers resume ({@link #read}).
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

  /** The highest position appended so far; 0 for an empty journal. */
  Future<Long> latestPosition();

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
   * A journal in memory: positions from 1, the latest {@code maxEvents} events kept (and remembered
   * for dedup); older ones are forgotten. Answers at once (completed futures). For {@code
   * journal.enabled: false} and tests.
   */
  static EventJournal inMemory(int maxEvents) {
    return new InMemoryEventJournal(maxEvents);
  }
}

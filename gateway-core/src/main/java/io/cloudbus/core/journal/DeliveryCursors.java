package io.cloudbus.core.journal;

import io.cloudbus.core.impl.InMemoryDeliveryCursors;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Durable delivery cursors of the gateway's outputs (a webhook, the MQTT output): per output name,
 * the journal position of the last event its receiver acknowledged, so that the output resumes
 * after a restart by reading the journal from there ({@link JournalQuery.Builder#afterPosition}
 * with {@link JournalQuery.Order#OLDEST_FIRST}, page by page). Kept by the journal that holds the
 * events ({@link EventJournal#cursors()}): in the SQLite file beside the events for the durable
 * journal, in memory for the in-memory journal.
 *
 * <p>An output name is 1 to {@value #MAX_NAME_LENGTH} characters of letters, digits and {@code
 * :._-} (for example {@code webhook:alarms}, {@code mqtt}); it names the receiver, never its
 * secret. A stored position may be older than the oldest event the journal still holds (retention):
 * a read after it simply starts at the oldest one kept.
 *
 * <p>Threading: thread-safe; futures complete on the caller's context when it has one. Writes are
 * cheap but not free (one small transaction on the journal's thread): an output stores its cursor
 * at most once per round trip (while one store runs, later positions wait and only the latest is
 * written next), and once more when it stops.
 */
public interface DeliveryCursors {

  /** Longest output name. */
  int MAX_NAME_LENGTH = 200;

  /**
   * The stored position of {@code output}, or null when none was ever stored (a new output: it
   * decides where it starts, usually the live end, {@link EventJournal#latestPosition()}).
   *
   * @throws IllegalArgumentException (as a failed future) for a name that is not an output name
   */
  Future<Long> load(String output);

  /**
   * Stores {@code position} (>= 0) as the last acknowledged position of {@code output}, replacing
   * the previous one (also a higher one: an operator may rewind). Completes once durable as far as
   * the journal's own writes are (see docs/delivery.md).
   *
   * @throws IllegalArgumentException (as a failed future) for a bad name or a negative position
   */
  Future<Void> store(String output, long position);

  /** Every stored cursor, by output name (for status pages and tests). */
  Future<Map<String, Long>> all();

  /** Cursors in memory: for journals that are not durable and for tests. */
  static DeliveryCursors inMemory() {
    return new InMemoryDeliveryCursors();
  }

  /**
   * Checks an output name and a position.
   *
   * @throws IllegalArgumentException naming the field
   */
  static void check(String output, long position) {
    if (output == null
        || output.isEmpty()
        || output.length() > MAX_NAME_LENGTH
        || !output.chars().allMatch(DeliveryCursors::nameChar)) {
      throw new IllegalArgumentException(
          "output: 1 to "
              + MAX_NAME_LENGTH
              + " letters, digits or :._- expected, was "
              + (output == null
                  ? "null"
                  : "'" + output.substring(0, Math.min(40, output.length())) + "'"));
    }
    if (position < 0) {
      throw new IllegalArgumentException("position: must be >= 0, was " + position);
    }
  }

  /** Whether {@code c} may appear in an output name. */
  private static boolean nameChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == ':'
        || c == '.'
        || c == '_'
        || c == '-';
  }
}

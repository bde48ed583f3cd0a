package io.cloudbus.core.journal;

/**
 * The answer of {@link EventJournal#append}: the event was new and got {@code position}, or it was
 * already journaled ({@link #duplicate()}; {@code position} is then the earlier event's position,
 * or -1 when the journal no longer knows it).
 */
public record AppendResult(long position, boolean duplicate) {

  /** A new event at {@code position}. */
  public static AppendResult appended(long position) {
    return new AppendResult(position, false);
  }

  /** An event already journaled at {@code position} (-1 when unknown). */
  public static AppendResult duplicateOf(long position) {
    return new AppendResult(position, true);
  }
}

package io.cloudbus.journal;

import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalOptions;
import java.nio.file.Path;

/** Opens the journal a configuration asks for. */
public final class Journals {

  private Journals() {}

  /**
   * The SQLite journal in {@code options.path()} (or {@code defaultDirectory} when it names none),
   * or an in-memory one of {@link EventJournal#DEFAULT_MEMORY_EVENTS} events when {@code
   * options.enabled()} is false. Blocking: call it off the event loop.
   *
   * @throws io.cloudbus.core.journal.JournalException naming the file when it cannot be opened
   */
  public static EventJournal open(JournalOptions options, Path defaultDirectory) {
    if (!options.enabled()) {
      return EventJournal.inMemory(EventJournal.DEFAULT_MEMORY_EVENTS);
    }
    Path dir = options.path() != null ? Path.of(options.path()) : defaultDirectory;
    if (dir == null) {
      throw new IllegalArgumentException("journal.path: required (no default directory here)");
    }
    return SqliteEventJournal.open(dir, options);
  }
}

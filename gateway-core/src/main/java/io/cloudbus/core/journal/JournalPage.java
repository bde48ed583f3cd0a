package io.cloudbus.core.journal;

import java.util.List;

/**
 * One page of {@link EventJournal#read}.
 *
 * @param entries the events, in the query's order
 * @param next an opaque cursor for {@link JournalQuery.Builder#cursor(String)} (with the same query
 *     otherwise), or null when the page is the last one
 */
public record JournalPage(List<JournalEntry> entries, String next) {
  public JournalPage {
    entries = List.copyOf(entries);
  }
}

package io.cloudbus.core.impl;

import io.cloudbus.core.journal.AppendResult;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalException;
import io.cloudbus.core.journal.JournalPage;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@link EventJournal#inMemory(int)}: the latest {@code maxEvents} events by position plus the
 * index of their keys; the oldest is forgotten (for reads and for dedup) when a new one would
 * exceed the bound. Answers with completed futures. Thread-safe (one monitor; every operation is
 * short).
 */
public final class InMemoryEventJournal implements EventJournal {

  private final String id = "mem-" + java.util.UUID.randomUUID();
  private final int maxEvents;
  private final Clock clock;
  private final NavigableMap<Long, JournalEntry> byPosition = new TreeMap<>();
  private final Map<String, Long> byKey = new HashMap<>();
  private final long base;
  private long last;
  private boolean closed;
  private final InMemoryDeliveryCursors cursors = new InMemoryDeliveryCursors();

  public InMemoryEventJournal(int maxEvents) {
    this(maxEvents, Clock.systemUTC());
  }

  public InMemoryEventJournal(int maxEvents, Clock clock) {
    this(maxEvents, clock, EventJournal.newBasePosition());
  }

  /**
   * A journal whose positions start after {@code basePosition} (0: from 1) instead of a new random
   * base ({@link EventJournal#newBasePosition()}).
   */
  public InMemoryEventJournal(int maxEvents, Clock clock, long basePosition) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents: must be positive, was " + maxEvents);
    }
    if (basePosition < 0) {
      throw new IllegalArgumentException("basePosition: must not be negative, was " + basePosition);
    }
    this.maxEvents = maxEvents;
    this.clock = clock;
    this.base = basePosition;
    this.last = basePosition;
  }

  /** The dedup key of an event: CloudEvents source and id; throws for an event without them. */
  public static String key(JsonObject event) {
    Object source = event == null ? null : event.getValue("source");
    Object id = event == null ? null : event.getValue("id");
    if (!(source instanceof String s) || s.isEmpty() || !(id instanceof String i) || i.isEmpty()) {
      throw new IllegalArgumentException("event: source and id are required");
    }
    return key(s, i);
  }

  static String key(String source, String id) {
    return source + "#" + id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized Future<AppendResult> append(JsonObject event) {
    if (closed) {
      return Future.failedFuture(new JournalException("in-memory journal: closed"));
    }
    String key;
    try {
      key = key(event);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Long known = byKey.get(key);
    if (known != null) {
      return Future.succeededFuture(AppendResult.duplicateOf(known));
    }
    long position = ++last;
    byPosition.put(position, new JournalEntry(position, clock.instant(), event));
    byKey.put(key, position);
    while (byPosition.size() > maxEvents) {
      JournalEntry oldest = byPosition.pollFirstEntry().getValue();
      byKey.remove(key(oldest.event()));
    }
    return Future.succeededFuture(AppendResult.appended(position));
  }

  @Override
  public synchronized Future<JournalPage> read(JournalQuery query) {
    if (closed) {
      return Future.failedFuture(new JournalException("in-memory journal: closed"));
    }
    NavigableMap<Long, JournalEntry> range =
        byPosition.subMap(query.lowerBoundExclusive(), false, query.upperBoundExclusive(), false);
    Iterator<JournalEntry> it =
        query.order() == JournalQuery.Order.NEWEST_FIRST
            ? range.descendingMap().values().iterator()
            : range.values().iterator();
    List<JournalEntry> out = new ArrayList<>();
    while (it.hasNext()) {
      JournalEntry e = it.next();
      if (!query.matches(e)) {
        continue;
      }
      if (out.size() == query.limit()) {
        return Future.succeededFuture(
            new JournalPage(out, query.cursorAfter(out.get(out.size() - 1).position())));
      }
      out.add(new JournalEntry(e.position(), e.journaledAt(), e.event().copy()));
    }
    return Future.succeededFuture(new JournalPage(out, null));
  }

  @Override
  public synchronized Future<Long> positionOf(String source, String id) {
    return Future.succeededFuture(byKey.get(key(source, id)));
  }

  @Override
  public long basePosition() {
    return base;
  }

  @Override
  public synchronized Future<Long> latestPosition() {
    return Future.succeededFuture(last);
  }

  /** Cursors in memory, as the events. */
  @Override
  public InMemoryDeliveryCursors cursors() {
    return cursors;
  }

  @Override
  public synchronized Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }

  /** Events held now (for tests). */
  public synchronized int size() {
    return byPosition.size();
  }
}

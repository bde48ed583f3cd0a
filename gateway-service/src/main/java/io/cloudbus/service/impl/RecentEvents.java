package io.cloudbus.service.impl;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A bounded ring buffer of the latest events, newest first on read. Thread-safe. */
final class RecentEvents {

  private final int capacity;
  private final ArrayDeque<JsonObject> events;

  RecentEvents(int capacity) {
    this.capacity = capacity;
    this.events = new ArrayDeque<>(capacity);
  }

  synchronized void add(JsonObject event) {
    if (events.size() == capacity) {
      events.removeFirst();
    }
    events.addLast(event);
  }

  /** Up to {@code limit} events, newest first. */
  synchronized List<JsonObject> latest(int limit) {
    List<JsonObject> out = new ArrayList<>(Math.min(limit, events.size()));
    Iterator<JsonObject> it = events.descendingIterator();
    while (it.hasNext() && out.size() < limit) {
      out.add(it.next());
    }
    return out;
  }

  int capacity() {
    return capacity;
  }
}

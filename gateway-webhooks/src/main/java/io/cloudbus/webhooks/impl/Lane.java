package io.cloudbus.webhooks.impl;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The events of one account for one webhook, delivered one at a time in order: the head is in
 * flight or waiting for its retry. Bounded: beyond {@code maxPending} the oldest waiting event is
 * dead-lettered. Not thread-safe: the output's context only.
 */
final class Lane {

  private final Deque<JsonObject> events = new ArrayDeque<>();
  private final int maxPending;
  boolean busy;
  int attempts;

  Lane(int maxPending) {
    this.maxPending = maxPending;
  }

  /**
   * Adds {@code event} last.
   *
   * @return the event dropped to make room (to count as a dead letter), or null
   */
  JsonObject add(JsonObject event) {
    JsonObject dropped = null;
    if (events.size() >= maxPending) {
      // never the head while it is being sent: the one after it
      if (busy && events.size() == 1) {
        return event;
      } else if (busy) {
        JsonObject head = events.pollFirst();
        dropped = events.pollFirst();
        events.addFirst(head);
      } else {
        dropped = events.pollFirst();
        attempts = 0;
      }
    }
    events.addLast(event);
    return dropped;
  }

  JsonObject head() {
    return events.peekFirst();
  }

  /** The head is done (delivered or dead-lettered). */
  void done() {
    events.pollFirst();
    attempts = 0;
  }

  int size() {
    return events.size();
  }
}

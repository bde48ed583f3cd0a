package io.cloudbus.webhooks.impl;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The events of one account for one webhook, delivered one at a time in order: the head is in
 * flight or waiting for its retry. Bounded: beyond {@code maxPending} the oldest waiting event is
 * dead-lettered (only without a journal: with one, the {@link io.cloudbus.core.journal.JournalFeed}
 * never reads ahead that far). Not thread-safe: the output's context only.
 */
final class Lane {

  /** An event and its journal position (-1 without a journal). */
  record Item(JsonObject event, long position) {}

  private final Deque<Item> items = new ArrayDeque<>();
  private final int maxPending;
  boolean busy;
  int attempts;

  Lane(int maxPending) {
    this.maxPending = maxPending;
  }

  /**
   * Adds {@code item} last.
   *
   * @return the item dropped to make room (to count as a dead letter), or null
   */
  Item add(Item item) {
    Item dropped = null;
    if (items.size() >= maxPending) {
      // never the head while it is being sent: the one after it
      if (busy && items.size() == 1) {
        return item;
      } else if (busy) {
        Item head = items.pollFirst();
        dropped = items.pollFirst();
        items.addFirst(head);
      } else {
        dropped = items.pollFirst();
        attempts = 0;
      }
    }
    items.addLast(item);
    return dropped;
  }

  Item head() {
    return items.peekFirst();
  }

  /** The head is done (delivered or dead-lettered); returns it. */
  Item done() {
    attempts = 0;
    return items.pollFirst();
  }

  int size() {
    return items.size();
  }
}

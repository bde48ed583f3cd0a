package io.cloudbus.core.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds incoming events while a socket is paused. Bounded: when full, the oldest element is dropped
 * and counted, because the newest state matters most to a consumer that resumes.
 *
 * <p>Confined to the socket's context (not thread-safe).
 *
 * @param <T> the held elements
 */
public final class PauseBuffer<T> {

  private final int capacity;
  // starts with one slot (most sockets are never paused; it grows when one is)
  private final ArrayDeque<T> held = new ArrayDeque<>(0);
  private long dropped;

  public PauseBuffer(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0");
    }
    this.capacity = capacity;
  }

  /**
   * Holds {@code element}.
   *
   * @return the element dropped to make room, or null
   */
  public T add(T element) {
    T evicted = null;
    if (held.size() >= capacity) {
      evicted = held.pollFirst();
      dropped++;
    }
    held.addLast(element);
    return evicted;
  }

  /** Removes and returns every held element, oldest first. */
  public List<T> drain() {
    List<T> all = new ArrayList<>(held);
    held.clear();
    return all;
  }

  public int size() {
    return held.size();
  }

  /** Elements dropped on overflow since creation. */
  public long dropped() {
    return dropped;
  }
}

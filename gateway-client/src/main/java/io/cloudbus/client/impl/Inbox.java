package io.cloudbus.client.impl;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A bounded FIFO between the socket and the consumer, with two overflow policies: {@link
 * #put(Object)} blocks while full (back-pressure: nothing lost), {@link #offerDroppingOldest}
 * evicts the oldest item. After {@link #release()} puts never block; after {@link #finish()} polls
 * return null as soon as it is empty. Thread-safe.
 */
public final class Inbox<T> {

  private final int capacity;
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private boolean released;
  private boolean finished;
  private long dropped;

  public Inbox(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Adds an item, waiting while the inbox is full (unless released).
   *
   * @throws InterruptedException if interrupted while waiting (the item is not added)
   */
  public void put(T item) throws InterruptedException {
    lock.lock();
    try {
      while (items.size() >= capacity && !released) {
        notFull.await();
      }
      items.add(item);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Adds an item at once; when full the oldest is evicted and counted in {@link #dropped()}. */
  public void offerDroppingOldest(T item) {
    lock.lock();
    try {
      if (items.size() >= capacity) {
        items.poll();
        dropped++;
      }
      items.add(item);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The next item, waiting up to {@code timeout}; null on timeout or when finished and empty. */
  public T poll(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (items.isEmpty()) {
        if (finished || nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      T item = items.poll();
      notFull.signal();
      return item;
    } finally {
      lock.unlock();
    }
  }

  /** The next item if there is one, else null; never waits. */
  public T pollNow() {
    lock.lock();
    try {
      T item = items.poll();
      if (item != null) {
        notFull.signal();
      }
      return item;
    } finally {
      lock.unlock();
    }
  }

  /** From now on puts never wait (used when closing, so a blocked producer can finish). */
  public void release() {
    lock.lock();
    try {
      released = true;
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** No more items will come: waiting polls return once the inbox is empty. */
  public void finish() {
    lock.lock();
    try {
      finished = true;
      released = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@link #finish()} was called and every item was taken. */
  public boolean isDrained() {
    lock.lock();
    try {
      return finished && items.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  /** How many items {@link #offerDroppingOldest} evicted so far. */
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The items as a blocking, ordered stream: it waits for each next item and ends once the inbox is
   * {@link #finish() finished} and empty, or the consuming thread is interrupted.
   */
  public Stream<T> stream() {
    Iterator<T> it =
        new Iterator<>() {
          private T next;

          @Override
          public boolean hasNext() {
            while (next == null) {
              if (isDrained() || Thread.currentThread().isInterrupted()) {
                return false;
              }
              try {
                next = poll(1, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            }
            return true;
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            T item = next;
            next = null;
            return item;
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** {@link #poll(long, TimeUnit)} for {@code timeout}; null also on interrupt (flag kept). */
  public T pollOrNull(java.time.Duration timeout) {
    try {
      return poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}

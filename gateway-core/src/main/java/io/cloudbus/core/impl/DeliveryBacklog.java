package io.cloudbus.core.impl;

import io.cloudbus.core.Registration;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events that this process's sockets published on {@link io.cloudbus.core.CloudbusAddresses#EVENTS}
 * and that a tracked consumer in the same Vert.x instance (the gateway service) has not handled
 * yet.
 *
 * <p>The event bus has no flow control: a consumer slower than the sockets (the service writing
 * every event to its {@code /ws} clients on one event loop) lets events queue on its context
 * without bound, and a burst of 100,000 events then sat in the heap (12,000 of them at once in a
 * benchmark run, promoted to the old generation and copied by every young collection). Sockets read
 * this count ({@link ReadFlow}) and hold reading from the vendor while it is at {@value #HIGH} or
 * more, until it falls below {@value #LOW}.
 *
 * <p>Each counted event carries the header {@value #HEADER} with this backlog's id, and only an
 * event with it is counted down: events of other cluster nodes, and events published before the
 * consumer was tracked, do not move the count. Without a tracked consumer (sockets embedded without
 * the service) nothing is counted.
 *
 * <p>Thread-safe: sockets count up on their event loops, the consumer counts down on its own.
 */
public final class DeliveryBacklog {

  /** The bus header that marks a counted event (value: {@link #id()}). */
  public static final String HEADER = "cloudbus-backlog";

  /** Sockets hold reading from this many events not handled yet. */
  public static final int HIGH = 4_096;

  /** Held sockets resume below this many. */
  public static final int LOW = 1_024;

  private static final Map<Vertx, DeliveryBacklog> BY_VERTX =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final String id = UUID.randomUUID().toString();
  private final AtomicInteger consumers = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private final List<Runnable> waiters = new ArrayList<>();
  private volatile boolean waiting;

  DeliveryBacklog() {}

  /** The backlog of {@code vertx}'s sockets and consumers (one per Vert.x instance). */
  public static DeliveryBacklog of(Vertx vertx) {
    return BY_VERTX.computeIfAbsent(vertx, v -> new DeliveryBacklog());
  }

  /** The value of {@link #HEADER} on the events this backlog counts. */
  public String id() {
    return id;
  }

  /**
   * Tracks one more consumer that calls {@link #handled(MultiMap)} for every event it receives from
   * {@link io.cloudbus.core.CloudbusAddresses#EVENTS}; register its bus consumer first. Closing the
   * registration stops the tracking; when no consumer is left, the count starts over at 0 and held
   * sockets resume.
   */
  public Registration track() {
    consumers.incrementAndGet();
    return new Registration() {
      private boolean closed;

      @Override
      public synchronized void remove() {
        if (!closed) {
          closed = true;
          if (consumers.decrementAndGet() == 0) {
            pending.set(0);
            wake();
          }
        }
      }
    };
  }

  /**
   * Counts one event about to be published, once for each tracked consumer, and marks {@code
   * options}; does nothing without a tracked consumer. Call {@link #unpublished()} when the publish
   * then fails.
   */
  void published(DeliveryOptions options) {
    int n = consumers.get();
    if (n > 0) {
      pending.addAndGet(n);
      options.addHeader(HEADER, id);
    }
  }

  /** Takes back the count of {@link #published} for an event whose publish failed. */
  void unpublished(DeliveryOptions options) {
    if (options.getHeaders() != null && id.equals(options.getHeaders().get(HEADER))) {
      handledOne();
    }
  }

  /** A tracked consumer handled the event with {@code headers}. */
  public void handled(MultiMap headers) {
    if (id.equals(headers.get(HEADER))) {
      handledOne();
    }
  }

  private void handledOne() {
    int now = pending.decrementAndGet();
    if (now < 0) {
      // tracking started over (the last consumer left) while this event was on its way
      pending.compareAndSet(now, 0);
    }
    if (now < LOW && waiting) {
      wake();
    }
  }

  /** Events counted and not handled yet. */
  public int pending() {
    return Math.max(0, pending.get());
  }

  /**
   * Runs {@code resume} once the count is below {@link #LOW}, on {@code executor} (the waiting
   * socket's context): at once when it is already below.
   */
  void whenBelowLow(Executor executor, Runnable resume) {
    synchronized (waiters) {
      waiters.add(() -> executor.execute(resume));
      waiting = true;
    }
    if (pending.get() < LOW) {
      wake();
    }
  }

  private void wake() {
    List<Runnable> due;
    synchronized (waiters) {
      if (waiters.isEmpty()) {
        return;
      }
      due = new ArrayList<>(waiters);
      waiters.clear();
      waiting = false;
    }
    due.forEach(Runnable::run);
  }
}

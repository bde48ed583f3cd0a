package io.cloudbus.core.testing;

import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Vert.x timers that record every requested delay per purpose. Timers of the purposes given as
 * "compressed" fire after at most {@code compressToMs} instead of their real delay, so a test sees
 * the production delays without waiting for them.
 */
public final class CapturingScheduler implements TimerScheduler {

  private final Vertx vertx;
  private final Map<String, Long> compressed = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> delays = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> fired =
      new ConcurrentHashMap<>();

  public CapturingScheduler(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Timers of {@code purpose} fire after at most {@code ms}. */
  public CapturingScheduler compress(String purpose, long ms) {
    compressed.put(purpose, ms);
    return this;
  }

  /** Every delay requested for {@code purpose}, in order. */
  public List<Long> delays(String purpose) {
    return List.copyOf(delays.getOrDefault(purpose, List.of()));
  }

  /** How many timers of {@code purpose} have fired. */
  public int fired(String purpose) {
    var n = fired.get(purpose);
    return n == null ? 0 : n.get();
  }

  @Override
  public long schedule(String purpose, long delayMs, Runnable task) {
    delays.computeIfAbsent(purpose, p -> new CopyOnWriteArrayList<>()).add(delayMs);
    long actual = Math.min(delayMs, compressed.getOrDefault(purpose, Long.MAX_VALUE));
    return vertx.setTimer(
        Math.max(1, actual),
        id -> {
          fired
              .computeIfAbsent(purpose, p -> new java.util.concurrent.atomic.AtomicInteger())
              .incrementAndGet();
          task.run();
        });
  }

  @Override
  public boolean cancel(long id) {
    return vertx.cancelTimer(id);
  }
}

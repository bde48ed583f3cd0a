package io.cloudbus.core.testing;

import io.cloudbus.core.util.TimerScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Timers that never fire by themselves: a test inspects them and runs them when it wants. */
public final class ManualScheduler implements TimerScheduler {

  /** One scheduled timer. */
  public record Task(long id, String purpose, long delayMs, Runnable action) {}

  private final AtomicLong ids = new AtomicLong();
  private final List<Task> pending = new ArrayList<>();

  @Override
  public synchronized long schedule(String purpose, long delayMs, Runnable task) {
    long id = ids.incrementAndGet();
    pending.add(new Task(id, purpose, delayMs, task));
    return id;
  }

  @Override
  public synchronized boolean cancel(long id) {
    return pending.removeIf(t -> t.id() == id);
  }

  /** Pending timers of {@code purpose}. */
  public synchronized List<Task> pending(String purpose) {
    return pending.stream().filter(t -> t.purpose().equals(purpose)).toList();
  }

  /** Removes and runs the pending timers of {@code purpose}; returns how many ran. */
  public int fire(String purpose) {
    List<Task> due;
    synchronized (this) {
      due = new ArrayList<>(pending(purpose));
      pending.removeAll(due);
    }
    due.forEach(t -> t.action().run());
    return due.size();
  }
}

package io.cloudbus.client.impl;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that runs handler tasks in submission order, so handlers never run
 * concurrently. After {@link #shutdown()} queued tasks still run; later tasks either run inline on
 * the caller (serialized among themselves) or are dropped, as chosen at construction. Thread-safe.
 */
public final class EventThread {

  private final DaemonThreads threads;
  private final ScheduledExecutorService executor;
  private final boolean inlineAfterShutdown;
  private final Object inlineLock = new Object();
  private volatile Thread thread;

  /**
   * @param name the thread's name prefix
   * @param inlineAfterShutdown run late tasks on the caller (true) or drop them (false)
   */
  public EventThread(String name, boolean inlineAfterShutdown) {
    this.threads = new DaemonThreads(name);
    this.inlineAfterShutdown = inlineAfterShutdown;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r ->
                threads.newThread(
                    () -> {
                      thread = Thread.currentThread();
                      r.run();
                    }));
  }

  /** Queues {@code task}; see the class comment for what happens after shutdown. */
  public void post(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      if (inlineAfterShutdown) {
        synchronized (inlineLock) {
          task.run();
        }
      }
    }
  }

  /**
   * Runs {@code task} every {@code periodMs} on this thread, first after one period.
   *
   * @return the schedule, or null once shut down
   */
  public ScheduledFuture<?> every(long periodMs, Runnable task) {
    try {
      return executor.scheduleWithFixedDelay(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** Whether the caller is this event thread. */
  public boolean isCurrent() {
    return Thread.currentThread() == thread;
  }

  /** Lets queued tasks finish (periodic ones are cancelled), then the thread ends. */
  public void shutdown() {
    executor.shutdown();
  }

  /** Stops the thread at once (used when construction of the owner fails). */
  public void shutdownNow() {
    executor.shutdownNow();
  }

  /**
   * Waits until the queued tasks ran and the thread has ended, at most {@code timeoutMs}; returns
   * at once when called on the event thread itself.
   */
  public void awaitStopped(long timeoutMs) throws InterruptedException {
    if (isCurrent()) {
      return;
    }
    executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    threads.joinAll(timeoutMs);
  }
}

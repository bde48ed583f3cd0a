package io.cloudbus.client.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names threads {@code <prefix>-<n>} and makes them daemons, so a forgotten client never keeps a
 * JVM alive. Thread-safe.
 */
public final class DaemonThreads implements ThreadFactory {

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  public DaemonThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
    t.setDaemon(true);
    threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
    threads.add(t);
    return t;
  }

  /**
   * Waits until every thread made here has ended (the calling thread excepted), at most {@code
   * timeoutMs} in total: an executor that reports termination may still have a thread finishing.
   *
   * @return whether they all ended
   */
  public boolean joinAll(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    for (Thread t : threads) {
      if (t == Thread.currentThread()) {
        continue;
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      t.join(left);
      if (t.isAlive()) {
        return false;
      }
    }
    return true;
  }
}

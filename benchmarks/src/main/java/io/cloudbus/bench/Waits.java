package io.cloudbus.bench;

import io.vertx.core.Future;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Blocking helpers for the harness's own driver thread (never an event loop): the bench is a
 * sequential script that waits for Vert.x futures and polls counters.
 */
final class Waits {

  private Waits() {}

  /** The result of {@code future}, waiting at most {@code timeoutMs}. */
  static <T> T await(Future<T> future, long timeoutMs, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + ": timed out after " + timeoutMs + " ms", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Polls {@code condition} every {@code pollMicros} until it holds or {@code timeoutMs} passed.
   *
   * @return whether it held
   */
  static boolean until(BooleanSupplier condition, long timeoutMs, long pollMicros) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pollMicros));
    }
    return true;
  }

  /** Parks the driver thread for {@code ms} (the bench pacing, not a test). */
  static void pause(long ms) {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  /** Parks the driver thread for {@code micros} (flow-control wait, never a busy spin). */
  static void parkMicros(long micros) {
    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
  }

  /** Used heap after asking for full collections (best effort: {@code System.gc()} twice). */
  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      pause(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

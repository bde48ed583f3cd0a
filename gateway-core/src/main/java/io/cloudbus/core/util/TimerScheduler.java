package io.cloudbus.core.util;

import io.vertx.core.Vertx;

/**
 * Schedules one-shot timers. The production implementation ({@link #of(Vertx)}) uses Vert.x timers,
 * which fire on the context that scheduled them; tests plug in an implementation that captures the
 * requested delays instead of sleeping.
 *
 * <p>Every timer carries a {@code purpose} (e.g. {@link #RECONNECT}) so that a test can tell the
 * reconnect delay from a keepalive interval.
 */
public interface TimerScheduler {

  /** Purpose of the timer that starts the next connection attempt. */
  String RECONNECT = "reconnect";

  /** Purpose of the timer that resets the backoff after a stable connection. */
  String STABLE = "stable";

  /** Purpose of the proactive token refresh timer. */
  String TOKEN_REFRESH = "token-refresh";

  /** Purpose of keepalive timers (pings, silence watchdog, app ping timeouts). */
  String KEEPALIVE = "keepalive";

  /** Purpose of reply and handshake timeouts. */
  String TIMEOUT = "timeout";

  /**
   * Runs {@code task} once after {@code delayMs} milliseconds (0 or less: as soon as possible).
   *
   * @return an id for {@link #cancel(long)}
   */
  long schedule(String purpose, long delayMs, Runnable task);

  /** Cancels a timer; false when it already fired or was cancelled. */
  boolean cancel(long id);

  /** Vert.x timers of {@code vertx}. */
  static TimerScheduler of(Vertx vertx) {
    return new TimerScheduler() {
      @Override
      public long schedule(String purpose, long delayMs, Runnable task) {
        return vertx.setTimer(Math.max(1, delayMs), id -> task.run());
      }

      @Override
      public boolean cancel(long id) {
        return vertx.cancelTimer(id);
      }
    };
  }
}

package io.cloudbus.core.util;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Keeps a socket's log readable while a vendor refuses it for hours: the first failed connection
 * attempt (or login) of a kind is a warning, the same failure again is one warning a minute with
 * the count of those in between, and the attempts in between are logged at debug level. The
 * socket's status, metrics and {@code /health} still see every attempt. Confined to one context.
 */
public final class RepeatedFailures {

  /** At most one warning per kind of failure in this interval. */
  static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** What to log for one failed attempt. */
  public record Decision(boolean warn, int suppressedBefore) {}

  private final LongSupplier nanoTime;
  private String last;
  private long lastWarnAt;
  private int suppressed;

  public RepeatedFailures(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Logs {@code line}, the description of one failed attempt of kind {@code kind}: as a warning
   * when {@link #failed} says so (with the count of the same failures logged at debug level since
   * the last warning), else at debug level.
   */
  public void log(Logger log, String kind, String line) {
    Decision d = failed(kind);
    if (!d.warn()) {
      log.debug(line);
    } else if (d.suppressedBefore() == 0) {
      log.warn(line);
    } else {
      log.warn("{} ({} more like it since the last warning)", line, d.suppressedBefore());
    }
  }

  /**
   * One failed attempt, described by {@code kind} (its class and message without the attempt
   * number).
   *
   * @return whether to warn, and how many attempts of the same kind were logged at debug level
   *     since the last warning
   */
  public Decision failed(String kind) {
    long now = nanoTime.getAsLong();
    if (!kind.equals(last)) {
      last = kind;
      suppressed = 0;
      lastWarnAt = now;
      return new Decision(true, 0);
    }
    if (now - lastWarnAt >= WARN_INTERVAL_NANOS) {
      Decision d = new Decision(true, suppressed);
      suppressed = 0;
      lastWarnAt = now;
      return d;
    }
    suppressed++;
    return new Decision(false, suppressed);
  }
}

package io.cloudbus.core.impl;

import java.time.Clock;
import java.util.ArrayDeque;

/**
 * The outgoing traffic guard: a running average of messages per second over a sliding window. Above
 * the warn rate the caller logs a (rate-limited) warning; above the trip rate the caller closes the
 * connection for a cool-down, because such traffic means runaway code and vendors ban accounts for
 * it. Unlike the {@code hass} library this never ends the process.
 *
 * <p>Confined to the socket's context (not thread-safe).
 */
public final class TrafficGuard {

  /** What {@link #record()} found. */
  public enum Verdict {
    OK,
    WARN,
    TRIP
  }

  private final long windowMs;
  private final int warnPerSec;
  private final int tripPerSec;
  private final Clock clock;
  // starts with one slot (an idle socket sends nothing; it grows with the first messages)
  private final ArrayDeque<Long> sent = new ArrayDeque<>(0);
  private long lastWarnAt = Long.MIN_VALUE;

  public TrafficGuard(long windowMs, int warnPerSec, int tripPerSec, Clock clock) {
    this.windowMs = windowMs;
    this.warnPerSec = warnPerSec;
    this.tripPerSec = tripPerSec;
    this.clock = clock;
  }

  /** Counts one outgoing message now and judges the average rate. */
  public Verdict record() {
    long now = clock.millis();
    sent.addLast(now);
    double rate = rateAt(now);
    if (rate > tripPerSec) {
      return Verdict.TRIP;
    }
    return rate > warnPerSec ? Verdict.WARN : Verdict.OK;
  }

  /** The average rate over the window, messages per second. */
  public double ratePerSec() {
    return rateAt(clock.millis());
  }

  /** True at most once per window, to rate-limit the warning log. */
  public boolean warnDue() {
    long now = clock.millis();
    if (lastWarnAt == Long.MIN_VALUE || now - lastWarnAt >= windowMs) {
      lastWarnAt = now;
      return true;
    }
    return false;
  }

  public long windowMs() {
    return windowMs;
  }

  public int tripPerSec() {
    return tripPerSec;
  }

  public int warnPerSec() {
    return warnPerSec;
  }

  /** Forgets the history (a new connection starts clean). */
  public void reset() {
    sent.clear();
  }

  private double rateAt(long now) {
    while (!sent.isEmpty() && sent.peekFirst() <= now - windowMs) {
      sent.pollFirst();
    }
    return sent.size() * 1000.0 / windowMs;
  }
}

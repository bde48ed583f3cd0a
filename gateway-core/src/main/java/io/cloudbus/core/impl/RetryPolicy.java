package io.cloudbus.core.impl;

import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.FailureClass;
import java.time.Duration;

/**
 * The supervision policy of a cloud socket: how long to wait after a failure, per failure class.
 *
 * <ul>
 *   <li>{@code TRANSIENT}: exponential backoff with full jitter, attempt n in {@code [0,
 *       min(reconnectMaxDelayMs, 2^(n-1) * increment)]}. The attempt counter is reset only by
 *       {@link #connectionStable()}, never by a successful handshake, so accept-then-close servers
 *       keep backing off.
 *   <li>{@code RATE_LIMITED}: the vendor's {@code Retry-After} (capped at {@code
 *       rateLimitedMaxDelayMs}), else {@code [rateLimitedMinDelayMs, min(rateLimitedMaxDelayMs,
 *       2^(n-1) * rateLimitedMinDelayMs)]}.
 *   <li>{@code AUTH} (after the socket's one refresh): {@code auth_failed}, attempt n retried after
 *       {@code min(authFailedRetryMs, 2^(n-1) * authFailedInitialDelayMs)} (no jitter: the bound is
 *       what matters), so an account is back at most {@code authFailedRetryMs} after the vendor
 *       recovers while a lasting refusal costs at most one refresh (or login) per capped delay. The
 *       streak ends with a connection.
 *   <li>{@code CONFIGURATION}: {@code stopped}, no retry.
 * </ul>
 *
 * <p>Confined to the socket's context (not thread-safe).
 */
public final class RetryPolicy {

  /** What to do after a failure. */
  public record Decision(
      FailureClass failureClass, ConnectionState state, long delayMs, Integer attempt) {

    /** Whether another attempt follows (false for {@code CONFIGURATION}). */
    public boolean retries() {
      return state != ConnectionState.STOPPED;
    }
  }

  private final CloudSocketOptions options;
  private final ExponentialBackoff rateLimited;
  private int authAttempts;
  private ExponentialBackoff transientBackoff;
  private int attempts;
  private int rateLimitedAttempts;

  public RetryPolicy(CloudSocketOptions options) {
    this.options = options;
    this.rateLimited =
        new ExponentialBackoff(
            options.rateLimitedMinDelayMs(),
            options.rateLimitedMinDelayMs(),
            options.rateLimitedMaxDelayMs(),
            null);
    increment(options.reconnectInitialDelayMs());
  }

  /** Sets the transient backoff increment (the first attempt's bound), in milliseconds. */
  public void increment(long incrementMs) {
    long inc = Math.max(1, Math.min(incrementMs, options.reconnectMaxDelayMs()));
    transientBackoff = new ExponentialBackoff(0, inc, options.reconnectMaxDelayMs(), null);
  }

  /** Decides the state and delay after {@code cause}; counts the attempt. */
  public Decision onFailure(Throwable cause) {
    FailureClass fc = CloudbusException.classify(cause);
    return switch (fc) {
      case CONFIGURATION -> new Decision(fc, ConnectionState.STOPPED, 0, null);
      case AUTH -> {
        authAttempts++;
        yield new Decision(
            fc, ConnectionState.AUTH_FAILED, authDelayMs(authAttempts), authAttempts);
      }
      case RATE_LIMITED -> {
        rateLimitedAttempts++;
        Duration retryAfter =
            cause instanceof CloudbusException ce ? ce.retryAfter().orElse(null) : null;
        long delay =
            retryAfter != null
                ? Math.min(options.rateLimitedMaxDelayMs(), retryAfter.toMillis())
                : rateLimited.delayMs(rateLimitedAttempts);
        yield new Decision(fc, ConnectionState.BACKOFF, delay, rateLimitedAttempts);
      }
      case TRANSIENT -> {
        attempts++;
        yield new Decision(
            fc, ConnectionState.BACKOFF, transientBackoff.delayMs(attempts), attempts);
      }
    };
  }

  /** A connection was established: the rate-limit and auth streaks are over. */
  public void connected() {
    rateLimitedAttempts = 0;
    authAttempts = 0;
  }

  private long authDelayMs(int attempt) {
    long cap = options.authFailedRetryMs();
    long first = Math.min(options.authFailedInitialDelayMs(), cap);
    long delay = first;
    // delay < cap <= one day before each doubling: no overflow
    for (int i = 1; i < attempt && delay < cap; i++) {
      delay *= 2;
    }
    return Math.min(cap, delay);
  }

  /** A connection stayed up {@code stableAfterMs}: the transient attempt counter restarts. */
  public void connectionStable() {
    attempts = 0;
  }

  /** The current transient attempt count (for stats). */
  public int attempts() {
    return attempts;
  }
}

package io.cloudbus.client.impl;

/**
 * Decides whether a {@link io.cloudbus.client.CloudbusClient} retries a lost connection, and after
 * how long: exponential backoff with full jitter ({@link Backoff}), never after a failed first
 * connect, a handshake rejected with 401 or 403, or an {@code unknown_resource} error, since
 * retrying cannot help there.
 *
 * <p>Threading: not thread-safe; the client calls it under its own lock.
 */
public final class ReconnectPolicy {

  private final boolean enabled;
  private final Backoff backoff;
  private int attempt;
  private int rejectedStatus = -1;
  private boolean resourceRejected;

  /**
   * @param enabled whether the client reconnects at all
   */
  public ReconnectPolicy(boolean enabled, Backoff backoff) {
    this.enabled = enabled;
    this.backoff = backoff;
  }

  /** A connection opened: the next loss starts the backoff from the first attempt. */
  public void connected() {
    attempt = 0;
  }

  /** The handshake was rejected with {@code httpStatus}. */
  public void rejected(int httpStatus) {
    rejectedStatus = httpStatus;
  }

  /** The service answered {@code unknown_resource}: no further attempt. */
  public void resourceRejected() {
    resourceRejected = true;
  }

  /**
   * Counts a lost connection and returns the number of the attempt to make, or 0 for none.
   *
   * @param firstConnect whether the connection lost was the first one, still connecting
   */
  public int nextAttempt(boolean firstConnect) {
    boolean retry =
        enabled
            && !firstConnect
            && rejectedStatus != 401
            && rejectedStatus != 403
            && !resourceRejected;
    rejectedStatus = -1;
    attempt++;
    return retry ? attempt : 0;
  }

  /** The delay before {@code attempt}, in milliseconds. */
  public long delayMs(int attempt) {
    return backoff.delayMs(attempt);
  }
}

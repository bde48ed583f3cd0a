package io.cloudbus.core;

/**
 * A {@code TRANSIENT} failure because something expected did not happen in time: a message a hook
 * awaited ({@link SocketSession#awaitMessage}), a correlated reply ({@link
 * CloudSocket#sendMessage}), or a whole connect-and-handshake. An adapter tells a timeout from a
 * refusal by this type ({@link #isTimeout(Throwable)}), never by the message text, which may
 * change.
 */
public class CloudbusTimeoutException extends CloudbusException {

  private static final long serialVersionUID = 1L;

  private final long timeoutMs;

  /**
   * @param message names what was awaited and the limit, never a secret
   * @param timeoutMs the limit that passed, in milliseconds
   */
  public CloudbusTimeoutException(String message, long timeoutMs) {
    super(FailureClass.TRANSIENT, message, null, null);
    this.timeoutMs = timeoutMs;
    withCode(StatusCode.TIMEOUT);
  }

  /** The limit that passed, in milliseconds. */
  public long timeoutMs() {
    return timeoutMs;
  }

  /** Whether {@code failure} or one of its causes is a {@link CloudbusTimeoutException}. */
  public static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CloudbusTimeoutException) {
        return true;
      }
    }
    return false;
  }
}

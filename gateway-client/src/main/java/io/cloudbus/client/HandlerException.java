package io.cloudbus.client;

/**
 * What the error handler receives when another handler threw; the cause is what it threw. The
 * socket or client keeps working after one.
 */
public final class HandlerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param handler the handler's name, e.g. {@code onmessage}
   * @param cause what it threw
   */
  public HandlerException(String handler, Throwable cause) {
    super(handler + " handler threw " + cause, cause);
  }
}

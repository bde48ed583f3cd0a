package io.cloudbus.client;

import java.io.IOException;

/**
 * Why a {@link WebSocket} failed: connection refused, handshake rejected, timed out, dropped, or an
 * invalid frame. Reported to {@code onerror}; never carries a token (URLs are redacted).
 */
public class WebSocketException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;

  /**
   * @param message what went wrong, secret-free
   * @param httpStatus the HTTP status that rejected the opening handshake, or -1 if none
   * @param cause the underlying exception, may be null
   */
  public WebSocketException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status that rejected the opening handshake (e.g. 401, 403, 404), or -1. */
  public int httpStatus() {
    return httpStatus;
  }
}

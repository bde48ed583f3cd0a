package io.cloudbus.client;

/**
 * A {@link CloudbusClient} call failed: could not connect, the request timed out, the connection
 * closed, or the service answered with an error frame. Unchecked, so it reads well in scripts.
 * Never carries a token.
 */
public class CloudbusClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ServerError serverError;
  private final int httpStatus;

  public CloudbusClientException(String message, Throwable cause) {
    this(message, null, -1, cause);
  }

  public CloudbusClientException(
      String message, ServerError serverError, int httpStatus, Throwable cause) {
    super(message, cause);
    this.serverError = serverError;
    this.httpStatus = httpStatus;
  }

  /** The service's error frame behind this failure, or null. */
  public ServerError serverError() {
    return serverError;
  }

  /** The HTTP status that rejected the WebSocket handshake (401, 403, 404...), or -1. */
  public int httpStatus() {
    return httpStatus;
  }
}

package io.cloudbus.client;

/**
 * An error frame from the service ({@code {"type":"error","error":{"code","message"}}}); the socket
 * stays open after one.
 *
 * @param code a machine-readable code (e.g. {@code bad_frame}), never null
 * @param message a human-readable message, never null
 */
public record ServerError(String code, String message) {

  public ServerError {
    code = code == null ? "unknown" : code;
    message = message == null ? "" : message;
  }
}

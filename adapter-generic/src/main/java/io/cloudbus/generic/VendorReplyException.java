package io.cloudbus.generic;

/**
 * A vendor answered a request with an error (Home Assistant: {@code success:false} with {@code
 * error.code} and {@code error.message}); the profile's {@code correlation.error} rule extracts
 * both. The message is the vendor's own text, which carries no secret of ours.
 */
public class VendorReplyException extends io.cloudbus.core.CommandException {

  private static final long serialVersionUID = 1L;

  /**
   * @param code the vendor's error code (e.g. {@code not_found}); never null
   * @param message the vendor's error message, or null
   */
  public VendorReplyException(String code, String message) {
    super(code, code + (message == null || message.isEmpty() ? "" : ": " + message));
  }
}

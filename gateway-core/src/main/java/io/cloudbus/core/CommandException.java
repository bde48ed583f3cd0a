package io.cloudbus.core;

import java.util.Objects;

/**
 * A command that failed for a reason with a stable name: the vendor's own failure ({@code
 * base_station_syncing}, {@code no_remote_management}, {@code pin_error}, {@code
 * device_unreachable}) or ours ({@code not_connected}, {@code unknown_device}). Its {@link #code()}
 * is the {@code error.code} of the command reply; its message is for people and never holds a
 * secret.
 */
public class CommandException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The account is not {@code connected}: commands are refused (nothing was sent). */
  public static final String NOT_CONNECTED = "not_connected";

  /** The vendor did not answer in time; the command may or may not have taken effect. */
  public static final String TIMEOUT = "timeout";

  /** A bad command: unknown action, a missing or wrong argument. */
  public static final String BAD_REQUEST = "bad_request";

  /** The command names a device the account does not have. */
  public static final String UNKNOWN_DEVICE = "unknown_device";

  /** The vendor refused or failed the command for a reason without a more specific name. */
  public static final String VENDOR_ERROR = "vendor_error";

  /**
   * The sender may not send this action: its token's {@code commands} list leaves it out (nothing
   * was sent to the vendor).
   */
  public static final String FORBIDDEN_ACTION = "forbidden_action";

  private final String code;

  /**
   * @param code a stable lower-case name, e.g. {@code base_station_syncing}
   * @param message for people; no secret
   */
  public CommandException(String code, String message) {
    this(code, message, null);
  }

  public CommandException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable name of this failure. */
  public String code() {
    return code;
  }
}

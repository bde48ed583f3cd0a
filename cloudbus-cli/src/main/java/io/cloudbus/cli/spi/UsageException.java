package io.cloudbus.cli.spi;

/**
 * A usage error found after parsing (an option value out of range, options that do not go
 * together): exit code 2 like a parse error, printed as {@code cloudbus <command>: <message>}, so
 * the message should name the option and the allowed values.
 */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code message} is printed as is after {@code cloudbus <command>: }. */
  public UsageException(String message) {
    super(message);
  }
}

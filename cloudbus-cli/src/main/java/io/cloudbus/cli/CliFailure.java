package io.cloudbus.cli;

/**
 * A runtime failure with a message fit for the user (exit code 1, no stack trace). Its message
 * never contains a secret.
 */
public final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CliFailure(String message) {
    super(message);
  }

  public CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}

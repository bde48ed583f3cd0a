package io.cloudbus.cli;

import io.cloudbus.cli.spi.UsageException;
import picocli.CommandLine;

/** Checks of option values that picocli's types do not express. */
final class Options {

  private Options() {}

  /**
   * @throws CommandLine.ParameterException (exit code 2) unless {@code 0 <= port <= 65535}
   */
  static void port(int port, String option) {
    if (port < 0 || port > 65_535) {
      throw new UsageError(option + " must be a port number 0..65535");
    }
  }

  /** A usage error found after parsing; exit code 2 like a parse error. */
  static final class UsageError extends UsageException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }
}

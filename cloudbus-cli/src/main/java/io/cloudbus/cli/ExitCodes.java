package io.cloudbus.cli;

/** The documented exit codes of {@code cloudbus} (docs/cli.md). */
public final class ExitCodes {

  /** Success, including a long-running command stopped with Ctrl-C. */
  public static final int OK = 0;

  /** A runtime failure: a port could not be bound, a login failed, the service stopped. */
  public static final int FAILURE = 1;

  /** A usage or configuration error: unknown command or option, invalid config file. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}

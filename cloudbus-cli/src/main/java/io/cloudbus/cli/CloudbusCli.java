package io.cloudbus.cli;

import io.cloudbus.cli.config.ConfigException;
import io.cloudbus.cli.spi.CommandProvider;
import io.cloudbus.cli.spi.UsageException;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code cloudbus} command line: {@code demo}, {@code run}, {@code check}, {@code mock-cloud},
 * {@code tail}, {@code login}, and the commands of other modules found through {@link
 * CommandProvider} ({@code bench} in {@code cloudbus.jar}). Exit codes: 0 ok, 1 runtime failure, 2
 * usage or configuration error (see docs/cli.md). Failures are reported as one message, never as a
 * stack trace (set {@code CLOUDBUS_DEBUG=1} to get one).
 */
@Command(
    name = "cloudbus",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "An open gateway for vendor push clouds on Vert.x.",
    synopsisSubcommandLabel = "COMMAND",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:runtime failure",
      "2:usage or configuration error",
      "130:stopped with Ctrl-C (SIGINT; 143 for SIGTERM) after a clean shutdown"
    })
public final class CloudbusCli implements Runnable {

  @Spec CommandSpec spec;

  /** Runs the command line on the process terminal and exits with its exit code. */
  public static void main(String[] args) {
    Terminal terminal = Terminal.system();
    int exit = commandLine(terminal).execute(args);
    // Releases the shutdown hook at once (it waits for long-running commands to close).
    terminal.markStopped();
    System.exit(exit);
  }

  /** The command line bound to {@code terminal}; call {@code execute(args)} on it. */
  public static CommandLine commandLine(Terminal terminal) {
    CommandLine cmd = new CommandLine(new CloudbusCli());
    cmd.addSubcommand(new DemoCommand(terminal));
    cmd.addSubcommand(new RunCommand(terminal));
    cmd.addSubcommand(new CheckCommand(terminal));
    cmd.addSubcommand(new MockCloudCommand(terminal));
    cmd.addSubcommand(new TailCommand(terminal));
    cmd.addSubcommand(new CommandCommand(terminal));
    cmd.addSubcommand(
        new CommandLine(new LoginCommand()).addSubcommand(new LoginSimpliSafeCommand(terminal)));
    // Commands of other modules on the class path, e.g. `bench` from the benchmarks module.
    for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
      cmd.addSubcommand(provider.command(terminal));
    }
    cmd.setOut(terminal.out());
    cmd.setErr(terminal.err());
    cmd.setParameterExceptionHandler(new UsageErrors());
    cmd.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          if (e instanceof UsageException) {
            c.getErr().println("cloudbus " + c.getCommandName() + ": " + e.getMessage());
            return ExitCodes.USAGE;
          }
          if (e instanceof ConfigException ce) {
            c.getErr().println("cloudbus: configuration error:");
            ce.errors().forEach(line -> c.getErr().println("  " + line));
            return ExitCodes.USAGE;
          }
          c.getErr().println("cloudbus: " + describe(e));
          if (terminal.env("CLOUDBUS_DEBUG") != null) {
            e.printStackTrace(c.getErr());
          }
          return ExitCodes.FAILURE;
        });
    return cmd;
  }

  private static String describe(Throwable e) {
    if (e instanceof CliFailure) {
      return e.getMessage();
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }
}

package io.cloudbus.cli.spi;

import io.cloudbus.cli.Terminal;

/**
 * A {@code cloudbus} subcommand that lives in another module, found with {@link
 * java.util.ServiceLoader}: the module lists its implementation in {@code
 * META-INF/services/io.cloudbus.cli.spi.CommandProvider} and is put on the class path next to
 * {@code cloudbus-cli} (the {@code cloudbus-app} module shades both into {@code cloudbus.jar}).
 * This is how {@code cloudbus bench} (module {@code benchmarks}) joins the command line without
 * {@code cloudbus-cli} depending on it.
 *
 * <p>The command line calls {@link #command} once per {@code CloudbusCli.commandLine(Terminal)}, on
 * the calling thread, and adds the result as a subcommand after the built-in ones; a name already
 * taken fails that call with picocli's {@code DuplicateNameException}. Implementations need a
 * public no-argument constructor.
 *
 * <p>The command's conventions are the built-in commands' (docs/cli.md): print to {@link
 * Terminal#out()} and {@link Terminal#err()}, never to {@code System.out}; return an exit code of
 * {@link io.cloudbus.cli.ExitCodes}; throw {@link UsageException} for an option value out of range
 * (exit 2, printed as {@code cloudbus <command>: <message>}); any other exception is exit 1 with
 * its message. {@code versionProvider = io.cloudbus.cli.VersionProvider.class} gives {@code
 * --version} the same answer as {@code cloudbus --version}.
 */
public interface CommandProvider {

  /**
   * The subcommand bound to {@code terminal}: an object annotated with picocli's {@code @Command}
   * or a {@code picocli.CommandLine} (for a command with its own subcommands).
   */
  Object command(Terminal terminal);
}

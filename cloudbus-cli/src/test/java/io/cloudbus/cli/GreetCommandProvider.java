package io.cloudbus.cli;

import io.cloudbus.cli.spi.CommandProvider;
import io.cloudbus.cli.spi.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A {@link CommandProvider} of the tests, listed in the test resources' {@code META-INF/services}:
 * {@code cloudbus greet [--times N]} prints {@code hello} N times (1..3).
 */
public final class GreetCommandProvider implements CommandProvider {

  @Override
  public Object command(Terminal terminal) {
    return new Greet(terminal);
  }

  @Command(name = "greet", description = "Print hello (a command of the tests).")
  static final class Greet implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--times", defaultValue = "1")
    int times;

    Greet(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      if (times < 1 || times > 3) {
        throw new UsageException("--times must be between 1 and 3, was " + times);
      }
      for (int i = 0; i < times; i++) {
        terminal.out().println("hello");
      }
      return ExitCodes.OK;
    }
  }
}

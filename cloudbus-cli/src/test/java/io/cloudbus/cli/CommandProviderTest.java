package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Commands of other modules join {@code cloudbus} through the {@code CommandProvider} SPI: {@link
 * GreetCommandProvider} is on the test class path only, the way {@code bench} is in {@code
 * cloudbus.jar}.
 */
class CommandProviderTest {

  @Test
  void aProvidedCommandRunsWithTheTerminalOfTheCommandLine() {
    CliRun cli = new CliRun();

    int exit = cli.execute("greet", "--times", "2");

    assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
    assertThat(cli.out().lines()).containsExactly("hello", "hello");
  }

  @Test
  void aProvidedCommandIsListedAfterTheBuiltInOnes() {
    CliRun cli = new CliRun();

    cli.execute("--help");

    assertThat(cli.out()).containsPattern("(?s)\\n +login .*\\n +greet +Print hello");
  }

  @Test
  void aUsageExceptionOfAProvidedCommandExitsWithTwoAndNamesTheCommand() {
    CliRun cli = new CliRun();

    int exit = cli.execute("greet", "--times", "9");

    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).isEqualTo("cloudbus greet: --times must be between 1 and 3, was 9\n");
  }
}

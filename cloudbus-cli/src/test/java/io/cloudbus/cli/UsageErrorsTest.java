package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage errors: prefixed, with a suggestion for a typo, exit 2; help texts without "null". */
class UsageErrorsTest {

  @Test
  void aMistypedCommandGetsASuggestion() {
    CliRun cli = new CliRun();
    assertThat(cli.execute("tial")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err())
        .startsWith("cloudbus: Unmatched argument at index 0: 'tial'\n")
        .contains("cloudbus: did you mean tail?")
        .contains("Try 'cloudbus --help'")
        .doesNotContain("Usage:");
  }

  @Test
  void aMistypedOptionGetsASuggestionNamingItsCommand() {
    CliRun cli = new CliRun();
    assertThat(cli.execute("demo", "--prot", "8080")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err())
        .startsWith("cloudbus demo: Unknown options: '--prot', '8080'")
        .contains("cloudbus demo: did you mean --port?")
        .contains("Try 'cloudbus demo --help'");
  }

  @Test
  void aBadValueNamesTheOption() {
    CliRun cli = new CliRun();
    assertThat(cli.execute("demo", "--port", "x")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).startsWith("cloudbus demo: Invalid value for option '--port'");
  }

  @Test
  void helpTextsNeverSayNull() {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"demo", "--help"},
          {"run", "--help"},
          {"mock-cloud", "--help"},
          {"tail", "--help"},
          {"login", "simplisafe", "--help"}
        }) {
      CliRun cli = new CliRun();
      assertThat(cli.execute(args)).isZero();
      assertThat(cli.out()).as(String.join(" ", args)).doesNotContain("null");
    }
    CliRun run = new CliRun();
    run.execute("run", "--help");
    assertThat(run.out()).contains("Secrets come from ${ENV} references");
    CliRun demo = new CliRun();
    demo.execute("demo", "--help");
    assertThat(demo.out()).contains("--verbose");
  }
}

package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloudbusCliTest {

  @Test
  void versionPrintsTheProjectVersion() {
    CliRun cli = new CliRun();
    assertThat(cli.execute("--version")).isZero();
    assertThat(cli.out()).startsWith("cloudbus ").doesNotContain("${project.version}");
    assertThat(cli.out().lines().findFirst().orElseThrow()).matches("cloudbus \\d+\\.\\d+.*");
  }

  @Test
  void helpWorksEverywhere() {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"demo", "--help"},
          {"run", "--help"},
          {"check", "--help"},
          {"mock-cloud", "--help"},
          {"tail", "--help"},
          {"login", "--help"},
          {"login", "simplisafe", "--help"}
        }) {
      CliRun cli = new CliRun();
      assertThat(cli.execute(args)).as(String.join(" ", args)).isZero();
      String command = String.join(" ", args).replace("--help", "").trim();
      assertThat(cli.out())
          .as(String.join(" ", args))
          .contains(("Usage: cloudbus " + command).trim());
    }
  }

  @Test
  void topLevelHelpListsCommandsAndExitCodes() {
    CliRun cli = new CliRun();
    cli.execute("--help");
    assertThat(cli.out())
        .contains("demo", "run", "mock-cloud", "tail", "login")
        .contains("Exit codes:")
        .containsPattern("\\n +0 +ok\\n")
        .containsPattern("\\n +1 +runtime failure\\n")
        .containsPattern("\\n +2 +usage or configuration error\\n");
  }

  @Test
  void topLevelHelpDescribesEachCommandInAWholeSentence() {
    CliRun cli = new CliRun();
    cli.execute("--help");
    String commands =
        cli.out().substring(cli.out().indexOf("Commands:"), cli.out().indexOf("Exit codes:"));
    // one entry per command: its name, then its first description line, wrapped
    for (String entry : commands.split("\\n(?=  [a-z])")) {
      if (entry.startsWith("Commands:")) {
        continue;
      }
      assertThat(entry.strip().replaceAll("\\s+", " "))
          .as(entry)
          .endsWith(".")
          .doesNotEndWith("e.g.");
    }
    assertThat(commands).contains("command", "login");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(new CliRun().execute("bogus")).isEqualTo(ExitCodes.USAGE);
    assertThat(new CliRun().execute()).isEqualTo(ExitCodes.USAGE);
    assertThat(new CliRun().execute("demo", "--port", "x")).isEqualTo(ExitCodes.USAGE);
    assertThat(new CliRun().execute("tail", "--url", "ftp://x")).isEqualTo(ExitCodes.USAGE);
    assertThat(new CliRun().execute("run")).isEqualTo(ExitCodes.USAGE);
    assertThat(new CliRun().execute("login")).isEqualTo(ExitCodes.USAGE);
    CliRun cli = new CliRun();
    cli.execute("bogus");
    assertThat(cli.err()).contains("Unmatched argument").doesNotContain("Exception");
  }
}

package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code demo} refuse to serve the network without a token (docs/security.md):
 * {@code run} unless {@code --insecure-no-auth}, {@code demo} always.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunSecurityIT {

  @TempDir Path dir;

  @Test
  void runOnEveryInterfaceWithoutTokensExitsWithTheWayOut() throws Exception {
    Path config = config("0.0.0.0");
    try (CliRun cli = new CliRun()) {
      // WHEN run binds every interface with no service.tokens
      int exit = cli.execute("run", "--config", config.toString());
      // THEN it exits 2 before listening, and says how to configure tokens or opt out
      assertThat(exit).isEqualTo(ExitCodes.USAGE);
      assertThat(cli.err())
          .contains("service.host 0.0.0.0 is not a loopback address")
          .contains("service.tokens")
          .contains("--insecure-no-auth");
      assertThat(cli.out()).doesNotContain("dashboard");
    }
  }

  @Test
  void runWithInsecureNoAuthStartsAndServesReadsOnly() throws Exception {
    Path config = config("0.0.0.0");
    try (CliRun cli = new CliRun()) {
      // WHEN the user opts out explicitly (ports 0: nothing fixed is taken)
      cli.start("run", "--insecure-no-auth", "--config", config.toString());
      // THEN the service starts and answers
      String http = cli.awaitDashboard();
      assertThat(Http.get(http + "/health").statusCode()).isEqualTo(200);
      assertThat(cli.stop()).isZero();
    }
  }

  @Test
  void demoAcceptsLoopbackHostsOnly() throws Exception {
    try (CliRun cli = new CliRun()) {
      assertThat(cli.execute("demo", "--host", "0.0.0.0")).isEqualTo(ExitCodes.USAGE);
      assertThat(cli.err()).contains("--host must be a loopback address");
    }
  }

  private Path config(String host) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(
        file,
        "service:\n" + "  host: " + host + "\n  httpPort: 0\n  tcpPort: 0\n" + "accounts: []\n");
    return file;
  }
}

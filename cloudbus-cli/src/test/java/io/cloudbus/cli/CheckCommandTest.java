package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudbus check}: the whole configuration checked, nothing started. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CheckCommandTest {

  @TempDir Path dir;

  @Test
  void theExampleConfigIsValidAndNothingListens() throws Exception {
    // GIVEN the example config, with its HTTP port taken by someone else
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun cli = new CliRun();
      cli.env.put("HTTP_PORT", "" + taken.getLocalPort());
      cli.env.put("TCP_PORT", "0");
      cli.env.put("CLOUDBUS_TOKEN_STORE", dir.resolve("tokens.json").toString());

      // WHEN it is checked
      int exit = cli.execute("check", "--config", GatewayYamlIT.EXAMPLE.toString());

      // THEN it passes (a started service would have failed on the taken port)
      assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
      assertThat(cli.out())
          .startsWith("config OK: 4 accounts (simplisafe/home, bticino/home,")
          .contains("generic:home-assistant/home", "generic:pylight/products")
          .contains("service on 127.0.0.1:" + taken.getLocalPort());
      assertThat(cli.err()).isEmpty();
    }
  }

  @Test
  void everyErrorIsReportedAtOnceWithoutValues() throws Exception {
    // GIVEN a config with a structural error, two unset variables and an adapter-level error
    Path config = dir.resolve("bad.yaml");
    Files.writeString(
        config,
        """
        service:
          httpPort: 70000
          colour: blue
        accounts:
          - adapter: bticino
            account: home
            username: ${CHECK_TEST_USER}
            password: ${CHECK_TEST_PASSWORD}
          - adapter: generic
            profile: pylight
            account: products
            url: ws://127.0.0.1:1/pylight
            table: 'super-secret-table; drop'
          - adapter: nosuch
            account: x
        """);
    CliRun cli = new CliRun();

    // WHEN it is checked
    int exit = cli.execute("check", "--config", config.toString());

    // THEN every problem is listed by its field and the exit code is 2
    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err())
        .startsWith("cloudbus: configuration error:")
        .contains("service.httpPort:")
        .contains("service.colour:")
        .contains("accounts[0].username: environment variable CHECK_TEST_USER is not set")
        .contains("accounts[0].password: environment variable CHECK_TEST_PASSWORD is not set")
        .contains("accounts[2].adapter: unknown adapter")
        .doesNotContain("super-secret-table");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void adapterLevelErrorsOfEveryAccountAreReported() throws Exception {
    // GIVEN two structurally valid accounts whose adapter refuses a field of each
    Path config = dir.resolve("adapter.yaml");
    Files.writeString(
        config,
        """
        accounts:
          - adapter: bticino
            account: home
            username: u
            password: p
          - adapter: bticino
            account: cottage
            username: u
            password: p
            clientSecret: s
            endpoints:
              socketUrl: http://127.0.0.1:1/ws
        """);
    CliRun cli = new CliRun();

    int exit = cli.execute("check", "--config", config.toString());

    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err())
        .contains("accounts[0].clientSecret: required")
        .contains("accounts[1].endpoints.socketUrl: expected an absolute ws(s) URL");
  }

  @Test
  void aHostServedWithoutTokensIsRefusedAsRunRefusesItUnlessAccepted() throws Exception {
    // GIVEN a config that serves every address and has no token
    Path config = dir.resolve("open.yaml");
    Files.writeString(
        config,
        """
        service:
          host: 0.0.0.0
          httpPort: 0
          tcpPort: -1
        accounts: []
        """);

    // WHEN it is checked as is, and with the option run would be given
    CliRun plain = new CliRun();
    int refused = plain.execute("check", "--config", config.toString());
    CliRun accepted = new CliRun();
    int ok = accepted.execute("check", "--insecure-no-auth", "--config", config.toString());

    // THEN the first exits with 2 naming the field and the ways out, the second passes
    assertThat(refused).isEqualTo(ExitCodes.USAGE);
    assertThat(plain.err())
        .startsWith("cloudbus: configuration error:")
        .contains(
            "service.host: 0.0.0.0 is not a loopback address and no service.tokens are configured")
        .contains("or pass --insecure-no-auth to serve it without authentication anyway");
    assertThat(plain.out()).isEmpty();
    assertThat(ok).as(accepted.err()).isEqualTo(ExitCodes.OK);
    assertThat(accepted.out()).startsWith("config OK: 0 accounts; service on 0.0.0.0:0");
  }

  @Test
  void aMissingFileExitsWithTwo() {
    CliRun cli = new CliRun();
    assertThat(cli.execute("check", "--config", dir.resolve("none.yaml").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("config: file not found");
  }
}

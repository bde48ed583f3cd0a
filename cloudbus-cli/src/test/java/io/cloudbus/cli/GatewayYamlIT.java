package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cloudbus run --config examples/gateway.yaml} against a mock cloud on free ports: the
 * example's {@code ${MOCK_PORT}}-style references are set the way a user would set them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GatewayYamlIT {

  static final Path EXAMPLE = Path.of("..", "examples", "gateway.yaml");

  private final Vertx vertx = Vertx.vertx();

  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void theExampleConfigRunsEveryVendorAgainstTheMock() throws Exception {
    // GIVEN a standalone mock cloud and the example config pointed at it
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    Path tokens = dir.resolve("tokens.json");
    try (CliRun cli = new CliRun()) {
      cli.env.put("MOCK_PORT", "" + mock.port());
      cli.env.put("MOCK_REST_PORT", "" + mock.restPort());
      cli.env.put("HTTP_PORT", "0");
      cli.env.put("TCP_PORT", "0");
      cli.env.put("CLOUDBUS_TOKEN_STORE", tokens.toString());
      cli.env.put("SS_REFRESH_TOKEN", mock.endpoints("simplisafe").getString("demoRefreshToken"));

      // WHEN the service runs it
      cli.start("run", "--config", EXAMPLE.toString());
      String http = cli.awaitDashboard();
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () -> {
                JsonArray accounts = new JsonArray(Http.get(http + "/api/accounts").body());
                assertThat(accounts.stream().map(a -> ((JsonObject) a).getString("state")))
                    .hasSize(4)
                    .containsOnly("connected");
              });
      VendorPushes.pushAll(mock.adminUrl(), "yaml");

      // THEN an event of every vendor reaches /api/events
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () -> {
                JsonArray events =
                    new JsonObject(Http.get(http + "/api/events?limit=50").body())
                        .getJsonArray("events");
                Set<String> types =
                    events.stream()
                        .map(e -> ((JsonObject) e).getString("type"))
                        .collect(Collectors.toSet());
                assertThat(types).containsAll(VendorPushes.TYPES.values());
              });
      assertThat(cli.stop()).isZero();
      // AND the refresh tokens persisted in the configured store, never printed
      assertThat(Files.readString(tokens)).contains("simplisafe/home", "bticino/home");
      assertThat(cli.out() + cli.err())
          .doesNotContain(mock.endpoints("simplisafe").getString("demoRefreshToken"))
          .doesNotContain("demo-password");
    } finally {
      mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  void aConfigErrorNamesTheFieldAndExitsWithTwoBeforeAnythingStarts() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        service: {httpPort: 0, tcpPort: 0}
        accounts:
          - {adapter: generic, profile: pylight, account: p, url: "ws://127.0.0.1:1", table: t}
          - {adapter: bticino, account: home, username: u, clientSecret: s}
          - {adapter: bticino, account: x, username: u, password: "${NOT_SET_ANYWHERE}"}
        """);
    CliRun cli = new CliRun();
    assertThat(cli.execute("run", "--config", bad.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err())
        .contains("cloudbus: configuration error:")
        .contains("accounts[1].password")
        .contains("accounts[2].password: environment variable NOT_SET_ANYWHERE is not set")
        .doesNotContain("accounts[2].password: required")
        .doesNotContain("Exception");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aTakenPortNamesItsFieldAndPortAndExitsWithOne() throws Exception {
    // GIVEN the HTTP port, then the TCP port, held by another program
    for (String field : new String[] {"httpPort", "tcpPort"}) {
      try (java.net.ServerSocket other = new java.net.ServerSocket()) {
        other.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
        int port = other.getLocalPort();
        Path config = dir.resolve(field + ".yaml");
        String ports =
            field.equals("httpPort")
                ? "{httpPort: " + port + ", tcpPort: 0}"
                : "{httpPort: 0, tcpPort: " + port + "}";
        Files.writeString(config, "service: " + ports + "\naccounts: []\n");

        // WHEN run starts THEN it says which port of which field, and exits with 1
        CliRun cli = new CliRun();
        assertThat(cli.execute("run", "--config", config.toString())).isEqualTo(ExitCodes.FAILURE);
        assertThat(cli.err())
            .contains("cloudbus: service." + field + " " + port + " is already in use on 127.0.0.1")
            .doesNotContain("Exception");
      }
    }
  }

  @Test
  void aMissingConfigFileExitsWithTwo() {
    CliRun cli = new CliRun();
    assertThat(cli.execute("run", "--config", dir.resolve("nope.yaml").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("file not found");
  }
}

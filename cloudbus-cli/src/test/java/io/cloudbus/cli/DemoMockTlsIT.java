package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cloudbus demo --mock-tls}: the mock on HTTPS/WSS, and every demo account (SimpliSafe and
 * BTicino logins and REST, every push socket) connected through {@code socket.tls}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoMockTlsIT {

  @Test
  void everyAccountConnectsToTheMockOverTls() throws Exception {
    try (CliRun cli = new CliRun()) {
      cli.start(
          "demo",
          "--port",
          "0",
          "--tcp-port",
          "0",
          "--mock-port",
          "0",
          "--rate",
          "0",
          "--mock-tls");
      await()
          .atMost(PATIENT)
          .until(() -> cli.out().contains("events (Ctrl-C to stop):") || cli.exit().isDone());
      assertThat(cli.exit()).isNotDone();
      List<String> lines = cli.out().lines().toList();
      assertThat(lines.get(4)).matches("mock admin +https://127\\.0\\.0\\.1:\\d+/admin");
      assertThat(cli.err()).containsPattern("demo: mock TLS certificate .+\\.pem \\(SHA-256 ");
      String http = lines.get(0).replaceAll("^dashboard +", "").replaceAll("/$", "");
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () -> {
                JsonArray accounts = new JsonArray(Http.get(http + "/api/accounts").body());
                assertThat(accounts).hasSize(4);
                assertThat(accounts.stream().map(a -> ((JsonObject) a).getString("state")))
                    .containsOnly("connected");
              });
      assertThat(cli.stop()).isZero();
    }
  }
}

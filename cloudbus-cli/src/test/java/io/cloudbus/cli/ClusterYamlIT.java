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
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cloudbus run --cluster --config examples/cluster.yaml} through the command line, two nodes
 * in this JVM against a mock cloud: the second node takes half of the accounts, and a graceful stop
 * of the first hands its accounts to the second. Only the member list of the example is rewritten
 * to free ports; everything else is set through the environment, as docs/cluster.md does.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterYamlIT {

  static final Path EXAMPLE = Path.of("..", "examples", "cluster.yaml");

  private final Vertx vertx = Vertx.vertx();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    for (int i = 1; i <= 2; i++) {
      Files.deleteIfExists(Path.of("/tmp/cloudbus-tokens-node" + node(i) + ".json"));
      deleteTree(Path.of("/tmp/cloudbus-journal-node" + node(i)));
    }
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  @Test
  void twoNodesFromTheExampleShareTheAccountsAndAGracefulStopHandsThemOver() throws Exception {
    // GIVEN a mock cloud and the example's members on free ports
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    int[] ports = {freePort(), freePort(), freePort()};
    String config = Files.readString(EXAMPLE);
    for (int i = 0; i < 3; i++) {
      assertThat(config).contains("127.0.0.1:570" + (i + 1));
      config = config.replace("127.0.0.1:570" + (i + 1), "127.0.0.1:" + ports[i]);
    }
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(file, config);
    try (CliRun one = node(mock, 1, ports[0]);
        CliRun two = node(mock, 2, ports[1])) {
      // WHEN node 1 starts alone
      one.start("run", "--cluster", "--config", file.toString());
      String http1 = one.awaitDashboard();
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () -> assertThat(owners(http1)).containsOnly("127.0.0.1:" + ports[0]).hasSize(4));

      // AND node 2 joins: THEN it takes two of the four (rebalanceIntervalMs 5 s: two handovers)
      two.start("run", "--cluster", "--config", file.toString());
      String http2 = two.awaitDashboard();
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () -> {
                Map<String, Long> perNode =
                    owners(http2).stream()
                        .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
                assertThat(perNode)
                    .containsEntry("127.0.0.1:" + ports[0], 2L)
                    .containsEntry("127.0.0.1:" + ports[1], 2L);
              });

      // WHEN node 1 stops gracefully, THEN node 2 runs all four, connected
      assertThat(one.stop()).isZero();
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () -> {
                JsonArray accounts = accounts(http2);
                assertThat(accounts).hasSize(4);
                for (Object a : accounts) {
                  assertThat(((JsonObject) a).getString("node")).isEqualTo("127.0.0.1:" + ports[1]);
                  assertThat(((JsonObject) a).getString("state")).isEqualTo("connected");
                }
              });
      assertThat(two.stop()).isZero();
      assertThat(one.out() + one.err() + two.out() + two.err())
          .doesNotContain(mock.endpoints("simplisafe").getString("demoRefreshToken"));
    } finally {
      mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private CliRun node(MockCloud mock, int i, int clusterPort) {
    CliRun cli = new CliRun();
    cli.env.put("NODE", node(i));
    cli.env.put("HTTP_PORT", "0");
    cli.env.put("TCP_PORT", "0");
    cli.env.put("CLUSTER_PORT", "" + clusterPort);
    cli.env.put("MOCK_PORT", "" + mock.port());
    cli.env.put("MOCK_REST_PORT", "" + mock.restPort());
    cli.env.put("SS_REFRESH_TOKEN", mock.endpoints("simplisafe").getString("demoRefreshToken"));
    return cli;
  }

  /** The {@code NODE} of node {@code i}: unique per run, so that token files do not collide. */
  private String node(int i) {
    return "-it-" + run + "-" + i;
  }

  private static JsonArray accounts(String http) throws Exception {
    return new JsonArray(Http.get(http + "/api/accounts").body());
  }

  /** The {@code node} of every account {@code http}'s service knows, connected ones only. */
  private static List<String> owners(String http) throws Exception {
    return accounts(http).stream()
        .map(a -> (JsonObject) a)
        .filter(a -> "connected".equals(a.getString("state")))
        .map(a -> a.getString("node"))
        .toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

package io.cloudbus.cluster;

import static io.cloudbus.cluster.Patience.PATIENT;
import static io.cloudbus.cluster.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three clustered nodes (separate Hazelcast members on loopback, in one JVM) against a mock cloud
 * with four accounts: each account runs exactly once, and a node's death or graceful stop moves its
 * accounts with every event delivered exactly once to a WebSocket client on a survivor.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterFailoverIT {

  private static final String SS = "simplisafe/home";

  private static Vertx clientVertx;
  private static MockCloud mock;

  private ClusterFixture cluster;
  private List<ClusterNode> nodes;

  @BeforeAll
  static void mock() throws Exception {
    clientVertx = Vertx.vertx();
    mock = ClusterFixture.startMock(clientVertx);
  }

  @AfterAll
  static void closeMock() throws Exception {
    ClusterFixture.close(mock, clientVertx);
  }

  @BeforeEach
  void fixture() throws Exception {
    cluster = new ClusterFixture(clientVertx, mock, 3);
    nodes = cluster.nodes;
  }

  @AfterEach
  void stopNodes() {
    cluster.killAll();
  }

  @Test
  void everyAccountIsOwnedExactlyOnceAndEveryNodeShowsTheOwner() throws Exception {
    startCluster();
    for (ClusterNode node : nodes) {
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () -> {
                JsonArray accounts = new JsonArray(ClusterFixture.get(node, "/api/accounts"));
                assertThat(accounts).hasSize(4);
                for (Object o : accounts) {
                  JsonObject a = (JsonObject) o;
                  assertThat(a.getString("state")).isEqualTo("connected");
                  assertThat(a.getString("node"))
                      .isEqualTo(
                          cluster
                              .owner(a.getString("vendor") + "/" + a.getString("account"))
                              .name());
                }
              });
    }
    // AND events of an account reach a client on every node
    for (ClusterNode node : nodes) {
      cluster.connectClient(node);
    }
    List<String> sent = cluster.push(2);
    await()
        .atMost(PATIENT)
        .untilAsserted(
            () -> assertThat(cluster.received).containsKeys(home(sent).toArray(String[]::new)));
    for (String key : home(sent)) {
      assertThat(cluster.received.get(key)).hasValue(nodes.size());
    }

    // AND a fenced node (as after a split brain) stops its sockets at once; it keeps no account
    ClusterNode fenced = cluster.owner(SS);
    ClusterNode other = nodes.stream().filter(n -> n != fenced).findFirst().orElseThrow();
    List<String> its = fenced.ownership.owned();
    fenced.ownership.fence().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    assertThat(fenced.ownership.owned()).isEmpty();
    await()
        .atMost(PATIENT)
        .untilAsserted(
            () ->
                assertThat(new JsonArray(ClusterFixture.get(other, "/api/accounts")))
                    .anySatisfy(
                        o -> {
                          JsonObject a = (JsonObject) o;
                          assertThat(a.getString("vendor")).isEqualTo("simplisafe");
                          assertThat(a.getString("state")).isEqualTo("stopped");
                          assertThat(a.getString("node")).isEqualTo(fenced.name());
                        }));
    // (its member then restarts in a real merge, freeing the locks; here it is killed)
    fenced.kill();
    nodes.remove(fenced);
    await().atMost(PATIENT).untilAsserted(() -> cluster.assertOwnedOnce(its));
  }

  @Test
  void anAbruptDeathMovesItsAccountsAndLosesNothing() throws Exception {
    startCluster();
    ClusterNode victim = cluster.owner(SS);
    ClusterNode survivor = nodes.stream().filter(n -> n != victim).findFirst().orElseThrow();
    cluster.connectClient(survivor);
    List<String> sent = new ArrayList<>(cluster.push(3));
    await().atMost(PATIENT).until(() -> cluster.received.keySet().containsAll(home(sent)));
    List<String> victimAccounts = victim.ownership.owned();

    // WHEN the owner dies without releasing anything, and events keep coming meanwhile
    victim.kill();
    nodes.remove(victim);
    sent.addAll(cluster.push(3));

    // THEN a survivor takes each of its accounts, and every event arrives exactly once
    await().atMost(PATIENT).untilAsserted(() -> cluster.assertOwnedOnce(victimAccounts));
    sent.addAll(cluster.push(2));
    cluster.assertExactlyOnce(home(sent));
  }

  @Test
  void aGracefulStopHandsOverWithNothingLost() throws Exception {
    startCluster();
    ClusterNode leaving = cluster.owner(SS);
    ClusterNode survivor = nodes.stream().filter(n -> n != leaving).findFirst().orElseThrow();
    cluster.connectClient(survivor);
    List<String> sent = new ArrayList<>(cluster.push(3));
    await().atMost(PATIENT).until(() -> cluster.received.keySet().containsAll(home(sent)));
    List<String> leavingAccounts = leaving.ownership.owned();

    leaving.stop();
    nodes.remove(leaving);
    sent.addAll(cluster.push(3));

    await().atMost(PATIENT).untilAsserted(() -> cluster.assertOwnedOnce(leavingAccounts));
    sent.addAll(cluster.push(2));
    cluster.assertExactlyOnce(home(sent));
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Starts the three nodes one after the other and waits until every account runs once and the
   * accounts are spread (4 accounts on 3 nodes: 2/1/1), so no rebalancing is under way.
   */
  private void startCluster() throws Exception {
    List<JsonObject> accounts = ClusterFixture.fourVendors(mock);
    for (int i = 0; i < 3; i++) {
      cluster.start(
          cluster.options(i).toBuilder().rebalance(true).rebalanceIntervalMs(1000).build(),
          accounts);
    }
    await()
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              cluster.assertOwnedOnce(allAccounts());
              for (ClusterNode node : nodes) {
                assertThat(node.ownership.owned()).hasSizeBetween(1, 2);
              }
            });
  }

  private static List<String> allAccounts() {
    return List.of(SS, "bticino/home", "home-assistant/home", "pylight/products");
  }

  /** The received-keys of events {@code infos} of the SimpliSafe account "home". */
  private static List<String> home(List<String> infos) {
    return ClusterFixture.keys(List.of("home"), infos);
  }
}

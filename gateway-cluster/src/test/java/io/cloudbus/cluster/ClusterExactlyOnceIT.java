package io.cloudbus.cluster;

import static io.cloudbus.cluster.Patience.PATIENT;
import static io.cloudbus.cluster.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.mock.MockCloud;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once onto the bus in cluster mode (docs/delivery.md, "Cluster mode"): each node wired as
 * {@code cloudbus run --cluster} wires it (its own SQLite journal, every socket journaling into it,
 * the cluster deduplicator asked first). A consumer of {@code cloudbus.events} on every node counts
 * events by {@code (source, id)}. Two SimpliSafe accounts: the vendor's history lists the earlier
 * events again at every connect, so a node that takes an account catches them up.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClusterExactlyOnceIT {

  private static final List<String> ACCOUNTS = List.of("simplisafe/s1", "simplisafe/s2");

  private Vertx clientVertx;
  private MockCloud mock;

  @TempDir Path dir;

  private ClusterFixture cluster;

  /** Per consumer (one per node start), how often each {@code source#id} arrived. */
  private final List<Map<String, AtomicInteger>> consumers = new ArrayList<>();

  /** A mock cloud per test: its SimpliSafe history starts empty. */
  @BeforeEach
  void fixture() throws Exception {
    clientVertx = Vertx.vertx();
    mock = ClusterFixture.startMock(clientVertx);
    cluster = new ClusterFixture(clientVertx, mock, 2);
  }

  @AfterEach
  void stopNodes() throws Exception {
    cluster.killAll();
    ClusterFixture.close(mock, clientVertx);
  }

  private List<JsonObject> accounts() {
    return List.of(ClusterFixture.simpliSafe(mock, "s1"), ClusterFixture.simpliSafe(mock, "s2"));
  }

  private ClusterOptions options(int i) {
    return cluster.options(i).toBuilder().rebalance(true).rebalanceIntervalMs(1000).build();
  }

  /** Starts member {@code i} on its journal directory and counts what its bus carries. */
  private ClusterNode start(int i) throws Exception {
    ClusterNode node = ClusterNode.start(options(i), accounts(), dir.resolve("node" + i));
    cluster.nodes.add(node);
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    MessageConsumer<JsonObject> consumer =
        node.vertx
            .eventBus()
            .consumer(
                CloudbusAddresses.EVENTS,
                m -> {
                  String key = m.body().getString("source") + "#" + m.body().getString("id");
                  counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                });
    consumer.completion().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    consumers.add(counts);
    return node;
  }

  /** How often a consumer got each {@code source#id}, as plain numbers. */
  private static Map<String, Integer> counted(Map<String, AtomicInteger> counts) {
    Map<String, Integer> out = new ConcurrentHashMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private void awaitConnected(ClusterNode... nodes) {
    await()
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              List<String> owned = new ArrayList<>();
              for (ClusterNode n : nodes) {
                // a node's service lists every account of the cluster: check its own ones
                List<String> mine = n.ownership.owned();
                owned.addAll(mine);
                for (JsonObject a : n.service.accounts()) {
                  if (mine.contains(a.getString("vendor") + "/" + a.getString("account"))) {
                    assertThat(a.getString("state")).as(a.encode()).isEqualTo("connected");
                  }
                }
              }
              assertThat(owned).containsExactlyInAnyOrderElementsOf(ACCOUNTS);
            });
  }

  private static double duplicatesDropped(ClusterNode node) throws Exception {
    Matcher m =
        Pattern.compile(
                "cloudbus_adapter_duplicates_dropped(?:_total)?\\{[^}]*vendor=\"simplisafe\"[^}]*\\}"
                    + " ([0-9.]+)")
            .matcher(ClusterFixture.get(node, "/metrics"));
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** Every consumer got each event at most once, checked again for 3 s (late duplicates fail). */
  private void assertNothingTwice() {
    await()
        .during(Duration.ofSeconds(3))
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              for (Map<String, AtomicInteger> counts : consumers) {
                assertThat(counted(counts)).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
              }
            });
  }

  @Test
  void anAccountMovedToAnotherNodePublishesNothingTwice() throws Exception {
    // GIVEN node A alone with both accounts, and three events of each delivered
    ClusterNode a = start(0);
    await().atMost(PATIENT).until(() -> a.ownership.owned().size() == 2);
    awaitConnected(a);
    cluster.connectClient(a);
    List<String> before = cluster.push(3);
    cluster.assertExactlyOnce(ClusterFixture.keys(List.of("s1", "s2"), before));

    // WHEN B joins and takes one account; its catch-up lists the three events again
    ClusterNode b = start(1);
    await()
        .atMost(PATIENT)
        .until(() -> a.ownership.owned().size() == 1 && b.ownership.owned().size() == 1);
    awaitConnected(a, b);
    await().atMost(PATIENT).until(() -> duplicatesDropped(b) >= before.size());
    List<String> after = cluster.push(3);

    // THEN every event reaches A's /ws client once, and no bus consumer got any event twice: not
    // A's (which saw everything), not B's
    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    cluster.assertExactlyOnce(ClusterFixture.keys(List.of("s1", "s2"), all));
    assertNothingTwice();
    assertThat(simpliSafeKeys(consumers.get(0))).hasSize(2 * all.size());
    assertThat(simpliSafeKeys(consumers.get(1))).hasSizeGreaterThanOrEqualTo(2 * after.size());
  }

  @Test
  void aWholeClusterRestartPublishesNothingTwice() throws Exception {
    // GIVEN a cluster of two nodes that delivered three events of each account
    ClusterNode a = start(0);
    ClusterNode b = start(1);
    await()
        .atMost(PATIENT)
        .until(() -> a.ownership.owned().size() + b.ownership.owned().size() == 2);
    awaitConnected(a, b);
    List<String> before = cluster.push(3);
    await()
        .atMost(PATIENT)
        .until(
            () -> consumers.stream().allMatch(c -> simpliSafeKeys(c).size() >= 2 * before.size()));
    List<String> firstRun = new ArrayList<>(simpliSafeKeys(consumers.get(0)));
    assertThat(simpliSafeKeys(consumers.get(1))).containsExactlyInAnyOrderElementsOf(firstRun);

    // WHEN both nodes stop (the cluster map of published ids is gone) and start again on the same
    // journal directories
    a.stop();
    b.stop();
    cluster.nodes.clear();
    consumers.clear();
    ClusterNode a2 = start(0);
    ClusterNode b2 = start(1);
    await()
        .atMost(PATIENT)
        .until(() -> a2.ownership.owned().size() + b2.ownership.owned().size() == 2);
    awaitConnected(a2, b2);
    // both accounts caught up (each dropped the three listed events as already journaled)
    await()
        .atMost(PATIENT)
        .until(() -> duplicatesDropped(a2) + duplicatesDropped(b2) >= 2 * before.size());
    List<String> after = cluster.push(3);

    // THEN the new events arrive once on both nodes, and none of the first run's again
    await()
        .atMost(PATIENT)
        .until(
            () -> consumers.stream().allMatch(c -> simpliSafeKeys(c).size() >= 2 * after.size()));
    assertNothingTwice();
    for (Map<String, AtomicInteger> c : consumers) {
      assertThat(simpliSafeKeys(c)).hasSize(2 * after.size()).doesNotContainAnyElementsOf(firstRun);
    }
  }

  /** The SimpliSafe vendor events (not the gateway's own device or gap events) a consumer got. */
  private static List<String> simpliSafeKeys(Map<String, AtomicInteger> counts) {
    return counts.keySet().stream()
        .filter(k -> k.startsWith("/cloudbus/simplisafe/") && k.contains("#simplisafe-"))
        .toList();
  }
}

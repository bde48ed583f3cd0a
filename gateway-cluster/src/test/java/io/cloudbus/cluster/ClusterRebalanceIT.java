package io.cloudbus.cluster;

import static io.cloudbus.cluster.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.service.GatewayService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes joining one by one (separate Hazelcast members on loopback, in one JVM) against a mock
 * cloud with six SimpliSafe accounts: each join spreads the accounts with the fewest moves, an
 * account never runs on two nodes at once, and every event pushed meanwhile reaches a {@code /ws}
 * client exactly once per account.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterRebalanceIT {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterRebalanceIT.class);
  private static final int ACCOUNTS = 6;

  private static Vertx clientVertx;
  private static MockCloud mock;

  private ClusterFixture cluster;
  private long sampler = -1;
  private final AtomicInteger peakSockets = new AtomicInteger();

  /** Status changes seen on the clustered bus: {@code [nanoTime, node, account, state]}. */
  private final List<Object[]> statuses = Collections.synchronizedList(new ArrayList<>());

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
  }

  @AfterEach
  void stopNodes() {
    clientVertx.cancelTimer(sampler);
    cluster.killAll();
  }

  @Test
  void joiningNodesTakeTheirShareWithTheFewestMovesAndNothingIsLostOrRunTwice() throws Exception {
    // GIVEN node A alone with six accounts, all connected, and a /ws client on it
    List<JsonObject> accounts = sixAccounts();
    List<String> names = names();
    ClusterNode a = cluster.start(options(0), accounts);
    recordStatuses(a);
    await()
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              assertThat(a.ownership.owned()).hasSize(ACCOUNTS);
              assertThat(a.service.accounts())
                  .hasSize(ACCOUNTS)
                  .allMatch(s -> "connected".equals(s.getString("state")));
            });
    cluster.connectClient(a);
    watchMockSockets();
    long authCalls = authCalls();
    List<String> sent = new ArrayList<>(cluster.push(2));

    // WHEN B joins, with events pushed all along the rebalancing
    ClusterNode b = cluster.start(options(1), accounts);
    awaitSpread(sent, List.of(3, 3));

    // THEN exactly the excess moved (6 - 3), all from A
    assertThat(a.ownership.handovers()).isEqualTo(3);
    assertThat(b.ownership.handovers()).isZero();
    assertThat(b.ownership.takes()).isEqualTo(3);

    // WHEN C joins
    ClusterNode c = cluster.start(options(2), accounts);
    awaitSpread(sent, List.of(2, 2, 2));

    // THEN one more move from each of A and B (3 - 2 each), both to C
    assertThat(a.ownership.handovers() + b.ownership.handovers()).isEqualTo(5);
    assertThat(a.ownership.handovers()).isEqualTo(4);
    assertThat(c.ownership.takes()).isEqualTo(2);
    assertThat(c.ownership.handovers()).isZero();

    // WHEN C stops gracefully
    int takes = a.ownership.takes() + b.ownership.takes();
    c.stop();
    cluster.nodes.remove(c);

    // THEN A and B take its two accounts at once, one move each, and nothing else moves
    awaitSpread(sent, List.of(3, 3));
    assertThat(a.ownership.takes() + b.ownership.takes()).isEqualTo(takes + 2);
    assertThat(a.ownership.handovers() + b.ownership.handovers()).isEqualTo(5);

    // AND every event reached the client once per account, and nothing ran twice
    sent.addAll(cluster.push(2));
    cluster.assertExactlyOnce(ClusterFixture.keys(names, sent));
    assertThat(assertNoAccountRanTwice(a, b, c))
        .as("socket starts after the first, over all accounts")
        .isEqualTo(7);
    assertThat(peakSockets.get()).as("peak open SimpliSafe sockets").isLessThanOrEqualTo(ACCOUNTS);
    // AND no move needed a login or a refresh: the new owner had the token (ClusterTokenStore)
    assertThat(authCalls()).isEqualTo(authCalls);
    logGaps(a, b, c);
  }

  @Test
  void withDifferentConfigurationsOnlyAccountsTheOtherNodeHasMoveAndNoneIsLeftWithoutOwner()
      throws Exception {
    // GIVEN A with six accounts, B configured with only the first three
    List<JsonObject> all = sixAccounts();
    ClusterNode a = cluster.start(options(0), all);
    await().atMost(PATIENT).until(() -> a.ownership.owned().size() == ACCOUNTS);

    // WHEN B joins (its share of its 3 accounts is 2; A's share of 6 is 3)
    ClusterNode b = cluster.start(options(1), all.subList(0, 3));

    // THEN B gets two of its three, A keeps the other four (nobody wants the last three), and no
    // account is ever handed over without a taker
    List<String> expected = names().stream().map(n -> "simplisafe/" + n).toList();
    awaitSettled(
        expected,
        () -> assertThat(b.ownership.owned()).hasSize(2),
        () -> {
          assertThat(a.ownership.owned()).hasSize(4);
          assertThat(b.ownership.owned()).hasSize(2).allMatch(this::firstThree);
        });
    assertThat(a.ownership.handovers()).isEqualTo(2);
    assertThat(a.ownership.takes()).isEqualTo(ACCOUNTS);
  }

  @Test
  void withoutRebalancingNothingMovesOnJoinAndAGracefulStopStillHandsOver() throws Exception {
    // GIVEN A with six accounts and rebalancing off
    List<JsonObject> all = sixAccounts();
    ClusterNode a =
        cluster.start(
            cluster.options(0).toBuilder().rebalance(false).rebalanceIntervalMs(1000).build(), all);
    await().atMost(PATIENT).until(() -> a.ownership.owned().size() == ACCOUNTS);

    // WHEN B joins, THEN nothing moves
    ClusterNode b =
        cluster.start(
            cluster.options(1).toBuilder().rebalance(false).rebalanceIntervalMs(1000).build(), all);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              assertThat(a.ownership.owned()).hasSize(ACCOUNTS);
              assertThat(b.ownership.owned()).isEmpty();
            });

    // WHEN A stops gracefully, THEN B takes every account
    a.stop();
    cluster.nodes.remove(a);
    await().atMost(PATIENT).until(() -> b.ownership.owned().size() == ACCOUNTS);
    assertThat(a.ownership.handovers()).isZero();
    assertNoAccountRanTwice(a, b);
  }

  @Test
  void fourAccountsOnThreeNodesSpreadTwoOneOne() throws Exception {
    // GIVEN A and B sharing four accounts two each
    List<JsonObject> four = sixAccounts().subList(0, 4);
    List<String> expected = names().subList(0, 4).stream().map(n -> "simplisafe/" + n).toList();
    ClusterNode a = cluster.start(options(0), four);
    await().atMost(PATIENT).until(() -> a.ownership.owned().size() == 4);
    ClusterNode b = cluster.start(options(1), four);
    await()
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              cluster.assertOwnedOnce(expected);
              assertThat(b.ownership.owned()).hasSize(2);
            });
    int before = a.ownership.handovers() + b.ownership.handovers();

    // WHEN C joins (floor 1, ceiling 2)
    ClusterNode c = cluster.start(options(2), four);

    // THEN C gets one account from one of them, and then nothing moves: 2/1/1, not 2/2/0
    awaitSettled(
        expected,
        () -> assertThat(c.ownership.owned()).hasSize(1),
        () ->
            assertThat(cluster.nodes.stream().map(n -> n.ownership.owned().size()).toList())
                .containsExactlyInAnyOrder(2, 1, 1));
    assertThat(a.ownership.handovers() + b.ownership.handovers() - before).isEqualTo(1);
    assertThat(c.ownership.handovers()).isZero();
  }

  /**
   * Waits until {@code reached} holds with every one of {@code accounts} owned once, then checks
   * that {@code steady} keeps holding (and the accounts stay owned once) for 4 s.
   */
  private void awaitSettled(
      List<String> accounts, ThrowingRunnable reached, ThrowingRunnable steady) {
    await()
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              cluster.assertOwnedOnce(accounts);
              reached.run();
            });
    await()
        .during(Duration.ofSeconds(4))
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              cluster.assertOwnedOnce(accounts);
              steady.run();
            });
  }

  private boolean firstThree(String account) {
    return List.of("simplisafe/acct1", "simplisafe/acct2", "simplisafe/acct3").contains(account);
  }

  private static List<String> names() {
    return IntStream.rangeClosed(1, ACCOUNTS).mapToObj(i -> "acct" + i).toList();
  }

  private static List<JsonObject> sixAccounts() {
    return names().stream().map(n -> ClusterFixture.simpliSafe(mock, n)).toList();
  }

  /** SimpliSafe logins plus refreshes so far, as the mock counted them. */
  private static long authCalls() {
    JsonObject stats = mock.stats().getJsonObject("simplisafe");
    return stats.getLong("logins") + stats.getLong("refreshes");
  }

  /** Lock retry 500 ms, one handover per second at most. */
  private ClusterOptions options(int i) {
    return cluster.options(i).toBuilder().rebalance(true).rebalanceIntervalMs(1000).build();
  }

  /**
   * Pushes an event every poll while waiting until the nodes own {@code shares} accounts (in start
   * order), every account once; then checks that the spread stays put for 3 s (no more moves).
   */
  private void awaitSpread(List<String> sent, List<Integer> shares) {
    await()
        .atMost(PATIENT)
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              sent.addAll(cluster.push(1));
              assertSpread(shares);
            });
    int moves = cluster.nodes.stream().mapToInt(n -> n.ownership.handovers()).sum();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              assertSpread(shares);
              assertThat(cluster.nodes.stream().mapToInt(n -> n.ownership.handovers()).sum())
                  .isEqualTo(moves);
            });
  }

  private void assertSpread(List<Integer> shares) {
    List<String> all = new ArrayList<>();
    IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> all.add("simplisafe/acct" + i));
    cluster.assertOwnedOnce(all);
    assertThat(cluster.nodes.stream().map(n -> n.ownership.owned().size()).toList())
        .isEqualTo(shares);
  }

  /**
   * Per account, the socket lifetimes on {@code nodes} never overlap (same JVM: one nanoTime);
   * returns how many sockets started after an account's first.
   */
  private static int assertNoAccountRanTwice(ClusterNode... nodes) {
    Map<String, List<AccountOwnership.Tenure>> byAccount = new ConcurrentHashMap<>();
    for (ClusterNode node : nodes) {
      for (AccountOwnership.Tenure t : node.ownership.tenures()) {
        byAccount.computeIfAbsent(t.account(), k -> new ArrayList<>()).add(t);
      }
    }
    assertThat(byAccount).hasSize(ACCOUNTS);
    int moved = 0;
    for (List<AccountOwnership.Tenure> tenures : byAccount.values()) {
      tenures.sort((x, y) -> Long.compare(x.startNanos(), y.startNanos()));
      for (int i = 1; i < tenures.size(); i++) {
        AccountOwnership.Tenure before = tenures.get(i - 1);
        AccountOwnership.Tenure after = tenures.get(i);
        assertThat(after.startNanos())
            .as("%s then %s", before, after)
            .isGreaterThan(before.endNanos());
        moved++;
      }
    }
    return moved;
  }

  /** Samples the mock's open SimpliSafe sockets every 5 ms: more than one per account is a bug. */
  private void watchMockSockets() {
    sampler =
        clientVertx.setPeriodic(
            5,
            t ->
                peakSockets.accumulateAndGet(
                    mock.context("simplisafe").sockets().size(), Math::max));
  }

  /** Records every status change on the clustered bus (seen from {@code node}) for the gaps. */
  private void recordStatuses(ClusterNode node) {
    node.vertx
        .eventBus()
        .<JsonObject>consumer(CloudbusAddresses.STATUS)
        .handler(
            m ->
                statuses.add(
                    new Object[] {
                      System.nanoTime(),
                      m.headers().get(GatewayService.NODE_HEADER),
                      m.body().getString("account"),
                      m.body().getString("state")
                    }));
  }

  /**
   * Logs each move's gap: from the old owner's {@code stopped} to the new owner's {@code
   * connected}, and from the old socket's end to the new socket's deployment.
   */
  private void logGaps(ClusterNode... nodes) {
    List<Object[]> seen;
    synchronized (statuses) {
      seen = new ArrayList<>(statuses);
    }
    List<Long> connectedGaps = new ArrayList<>();
    for (int i = 0; i < seen.size(); i++) {
      Object[] s = seen.get(i);
      if (!"stopped".equals(s[3])) {
        continue;
      }
      for (int j = i + 1; j < seen.size(); j++) {
        Object[] n = seen.get(j);
        if (n[2].equals(s[2]) && "connected".equals(n[3]) && !String.valueOf(n[1]).equals(s[1])) {
          connectedGaps.add(((long) n[0] - (long) s[0]) / 1_000_000);
          break;
        }
      }
    }
    List<Long> socketGaps = new ArrayList<>();
    Map<String, List<AccountOwnership.Tenure>> byAccount = new ConcurrentHashMap<>();
    for (ClusterNode node : nodes) {
      node.ownership
          .tenures()
          .forEach(t -> byAccount.computeIfAbsent(t.account(), k -> new ArrayList<>()).add(t));
    }
    for (List<AccountOwnership.Tenure> ts : byAccount.values()) {
      ts.sort((x, y) -> Long.compare(x.startNanos(), y.startNanos()));
      for (int i = 1; i < ts.size(); i++) {
        socketGaps.add((ts.get(i).startNanos() - ts.get(i - 1).endNanos()) / 1_000_000);
      }
    }
    Collections.sort(connectedGaps);
    Collections.sort(socketGaps);
    LOG.info(
        "handover gaps (ms): old socket stopped -> new socket deploying {}; status stopped -> new"
            + " owner connected {}",
        socketGaps,
        connectedGaps);
    assertThat(connectedGaps).hasSize(7);
  }
}

package io.cloudbus.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure rebalancing decisions, and a simulation of the protocol built on them. */
class RebalancePolicyTest {

  @Test
  void theTargetIsTheCeilingOfAccountsPerNode() {
    assertThat(RebalancePolicy.target(6, 1)).isEqualTo(6);
    assertThat(RebalancePolicy.target(6, 2)).isEqualTo(3);
    assertThat(RebalancePolicy.target(6, 3)).isEqualTo(2);
    assertThat(RebalancePolicy.target(7, 3)).isEqualTo(3);
    assertThat(RebalancePolicy.target(4, 3)).isEqualTo(2);
    assertThat(RebalancePolicy.target(2, 5)).isEqualTo(1);
    assertThat(RebalancePolicy.target(0, 3)).isZero();
    assertThat(RebalancePolicy.describe(6, 3)).isEqualTo("2");
    assertThat(RebalancePolicy.describe(4, 3)).isEqualTo("1-2");
    // a node always counts itself, even if its view of the members is empty
    assertThat(RebalancePolicy.target(5, 0)).isEqualTo(5);
  }

  @Test
  void aNodeBelowItsShareKeepsAFreeAccountAtOnceOthersOnlyAfterTheGrace() {
    assertThat(RebalancePolicy.keepFree(true, 1, 2, 1)).isTrue();
    assertThat(RebalancePolicy.keepFree(true, 2, 2, 1)).isFalse();
    assertThat(RebalancePolicy.keepFree(true, 5, 2, 1)).isFalse();
    assertThat(RebalancePolicy.keepFree(true, 2, 2, RebalancePolicy.GRACE_TRIES)).isTrue();
    assertThat(RebalancePolicy.keepFree(true, 5, 2, RebalancePolicy.GRACE_TRIES + 3)).isTrue();
    // without rebalancing the first node to find an account free runs it
    assertThat(RebalancePolicy.keepFree(false, 5, 2, 1)).isTrue();
  }

  @Test
  void aNodeAboveTheFloorOffers() {
    // 6 accounts on 3 nodes: floor = ceiling = 2
    assertThat(RebalancePolicy.shouldShed(true, 3, 6, 3)).isTrue();
    assertThat(RebalancePolicy.shouldShed(true, 2, 6, 3)).isFalse();
    // 4 accounts on 3 nodes: floor 1, ceiling 2: a node at the ceiling offers too
    assertThat(RebalancePolicy.shouldShed(true, 2, 4, 3)).isTrue();
    assertThat(RebalancePolicy.shouldShed(true, 1, 4, 3)).isFalse();
    assertThat(RebalancePolicy.shouldShed(true, 0, 0, 3)).isFalse();
    assertThat(RebalancePolicy.shouldShed(false, 6, 6, 3)).isFalse();
  }

  @Test
  void aNodeWantsAnOfferOnlyWhenTheMoveLowersTheImbalance() {
    // 4 accounts on 3 nodes (floor 1, ceiling 2)
    assertThat(RebalancePolicy.wants(0, 2, 4, 3)).as("below the floor").isTrue();
    assertThat(RebalancePolicy.wants(1, 2, 4, 3)).as("a swap").isFalse();
    assertThat(RebalancePolicy.wants(1, 3, 4, 3)).as("offerer above the ceiling").isTrue();
    assertThat(RebalancePolicy.wants(2, 4, 4, 3)).as("at the ceiling").isFalse();
    // 6 on 3 (floor = ceiling = 2)
    assertThat(RebalancePolicy.wants(1, 3, 6, 3)).isTrue();
    assertThat(RebalancePolicy.wants(2, 4, 6, 3)).isFalse();
    // how many a node may ask for at once: up to the floor, or to the ceiling from there
    assertThat(RebalancePolicy.room(0, 12, 5)).isEqualTo(2);
    assertThat(RebalancePolicy.room(2, 12, 5)).isEqualTo(1);
    assertThat(RebalancePolicy.room(3, 12, 5)).isZero();
    // the one below the floor asks first
    assertThat(RebalancePolicy.wantWaits(0, 4, 3)).isFalse();
    assertThat(RebalancePolicy.wantWaits(1, 4, 3)).isTrue();
  }

  @Test
  void theMostRecentlyTakenAccountIsShed() {
    Map<String, Long> takenAt = Map.of("a", 10L, "b", 30L, "c", 20L);
    assertThat(RebalancePolicy.pickToShed(List.of("a", "b", "c"), takenAt::get)).contains("b");
    assertThat(RebalancePolicy.pickToShed(List.<String>of(), takenAt::get)).isEmpty();
  }

  @Test
  void joinsMoveTheFewestAccountsAndEndBalanced() {
    // 6 accounts on A; B joins: 3 moves; C joins: 2 moves
    int[] owned = simulate(new int[] {6, 0}, 6);
    assertThat(owned).containsExactly(3, 3);
    assertThat(moves).isEqualTo(3);
    owned = simulate(new int[] {3, 3, 0}, 6);
    assertThat(owned).containsExactly(2, 2, 2);
    assertThat(moves).isEqualTo(2);
    // 4 accounts: 2 + 2, a third node joins and gets one (not 2/2/0)
    owned = simulate(new int[] {2, 2, 0}, 4);
    assertThat(owned).containsExactlyInAnyOrder(2, 1, 1);
    assertThat(moves).isEqualTo(1);
    // uneven: 10 accounts, 4 nodes: 3/3/2/2 after 7 moves
    owned = simulate(new int[] {10, 0, 0, 0}, 10);
    assertThat(owned).containsExactlyInAnyOrder(3, 3, 2, 2);
    assertThat(moves).isEqualTo(7);
    // already balanced: nothing moves (no oscillation)
    owned = simulate(new int[] {3, 2, 2}, 7);
    assertThat(owned).containsExactly(3, 2, 2);
    assertThat(moves).isZero();
  }

  @Test
  void everyStartingSpreadSettlesBalancedWithTheFewestMoves() {
    for (int nodes = 1; nodes <= 5; nodes++) {
      for (int accounts = 0; accounts <= 12; accounts++) {
        int[] start = new int[nodes];
        // the worst and two mixed cases: all on the first node; half on the last; a ramp
        start[0] = accounts;
        check(start.clone(), accounts);
        start[0] = accounts - accounts / 2;
        start[nodes - 1] += accounts / 2;
        check(start, accounts);
        int[] ramp = new int[nodes];
        for (int a = 0; a < accounts; a++) {
          ramp[Math.min(nodes - 1, a % (nodes * (nodes + 1) / 2) / Math.max(1, nodes - 1))]++;
        }
        check(ramp, accounts);
      }
    }
  }

  private void check(int[] start, int accounts) {
    int minimum = fewestMoves(start, accounts);
    String from = Arrays.toString(start);
    int[] end = simulate(start.clone(), accounts);
    assertThat(Arrays.stream(end).sum()).isEqualTo(accounts);
    int max = Arrays.stream(end).max().orElse(0);
    int min = Arrays.stream(end).min().orElse(0);
    assertThat(max - min).as("balanced from %s: %s", from, Arrays.toString(end)).isLessThan(2);
    assertThat(moves).as("moves from %s", from).isEqualTo(minimum);
  }

  /**
   * The fewest moves that reach a balanced spread: the nodes that run the most keep the ceiling (as
   * many as {@code accounts % nodes}), everyone else the floor; each account above a node's final
   * count has to move once.
   */
  private static int fewestMoves(int[] start, int accounts) {
    int n = start.length;
    int floor = RebalancePolicy.floor(accounts, n);
    int[] sorted = start.clone();
    Arrays.sort(sorted);
    int atCeiling = accounts - floor * n;
    int moves = 0;
    for (int i = 0; i < n; i++) {
      int end = i >= n - atCeiling ? floor + 1 : floor;
      moves += Math.max(0, sorted[i] - end);
    }
    return moves;
  }

  private int moves;

  /**
   * Rounds of the protocol with every node seeing the same members: each node above the floor
   * offers one account per round (a node at the ceiling only once no node is above it); the offers
   * are answered in turn by the wanting nodes, those below the floor first, a node taking at most
   * one account per round (one want in flight).
   */
  private int[] simulate(int[] owned, int accounts) {
    moves = 0;
    int n = owned.length;
    for (int round = 0; round < 100; round++) {
      boolean moved = false;
      int[] pending = new int[n];
      int ceiling = RebalancePolicy.target(accounts, n);
      boolean someAbove = Arrays.stream(owned).anyMatch(o -> o > ceiling);
      for (int from = 0; from < n; from++) {
        if (!RebalancePolicy.shouldShed(true, owned[from], accounts, n)
            // a node at the ceiling holds its offers while one above it sheds
            || (someAbove && owned[from] <= ceiling)) {
          continue;
        }
        int taker = -1;
        for (int pass = 0; pass < 2 && taker < 0; pass++) {
          for (int to = 0; to < n && taker < 0; to++) {
            boolean waits = RebalancePolicy.wantWaits(owned[to] - pending[to], accounts, n);
            int before = owned[to] - pending[to];
            if (to != from
                && pending[to] < RebalancePolicy.room(before, accounts, n)
                && waits == (pass == 1)
                && RebalancePolicy.wants(before, owned[from], accounts, n)) {
              taker = to;
            }
          }
        }
        if (taker >= 0) {
          pending[taker]++;
          owned[from]--;
          owned[taker]++;
          moves++;
          moved = true;
        }
      }
      if (!moved) {
        return owned;
      }
    }
    throw new AssertionError("did not settle: " + Arrays.toString(owned));
  }
}

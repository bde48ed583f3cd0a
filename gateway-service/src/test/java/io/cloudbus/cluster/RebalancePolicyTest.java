package io.cloudbus.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
  void onlyANodeAboveItsShareSheds() {
    assertThat(RebalancePolicy.shouldShed(true, 3, 2)).isTrue();
    assertThat(RebalancePolicy.shouldShed(true, 2, 2)).isFalse();
    assertThat(RebalancePolicy.shouldShed(true, 0, 2)).isFalse();
    assertThat(RebalancePolicy.shouldShed(false, 6, 2)).isFalse();
  }

  @Test
  void theMostRecentlyTakenAccountIsShed() {
    Map<String, Long> takenAt = Map.of("a", 10L, "b", 30L, "c", 20L);
    assertThat(RebalancePolicy.pickToShed(List.of("a", "b", "c"), takenAt::get)).contains("b");
    assertThat(RebalancePolicy.pickToShed(List.<String>of(), takenAt::get)).isEmpty();
  }

  @Test
  void joinsMoveExactlyTheExcessAndEndBalanced() {
    // 6 accounts on A; B joins: 3 moves; C joins: 2 moves
    int[] owned = simulate(new int[] {6, 0}, 6);
    assertThat(owned).containsExactly(3, 3);
    assertThat(moves).isEqualTo(3);
    owned = simulate(new int[] {3, 3, 0}, 6);
    assertThat(owned).containsExactly(2, 2, 2);
    assertThat(moves).isEqualTo(2);
    // uneven: 10 accounts, 4 nodes (target 3)
    owned = simulate(new int[] {10, 0, 0, 0}, 10);
    assertThat(Arrays.stream(owned).max().orElseThrow()).isLessThanOrEqualTo(3);
    assertThat(moves).isEqualTo(7);
    // already within the target: nothing moves (no oscillation)
    owned = simulate(new int[] {3, 3, 1}, 7);
    assertThat(owned).containsExactly(3, 3, 1);
    assertThat(moves).isZero();
  }

  @Test
  void everyStartingSpreadSettlesWithTheMinimumMoves() {
    for (int nodes = 1; nodes <= 5; nodes++) {
      for (int accounts = 0; accounts <= 12; accounts++) {
        int[] start = new int[nodes];
        // the worst and a mixed case: all on the first node; then half on the last
        start[0] = accounts;
        check(start.clone(), accounts);
        start[0] = accounts - accounts / 2;
        start[nodes - 1] += accounts / 2;
        check(start, accounts);
      }
    }
  }

  private void check(int[] start, int accounts) {
    int target = RebalancePolicy.target(accounts, start.length);
    int excess = Arrays.stream(start).map(o -> Math.max(0, o - target)).sum();
    int[] end = simulate(start, accounts);
    assertThat(Arrays.stream(end).sum()).isEqualTo(accounts);
    assertThat(Arrays.stream(end).max().orElse(0)).isLessThanOrEqualTo(target);
    assertThat(moves).as("moves from %s", Arrays.toString(start)).isEqualTo(excess);
  }

  private int moves;

  /**
   * Rounds of the protocol with every node seeing the same members: each node above its share sheds
   * one account per round; a shed account goes to the first node below its share that finds it
   * free, or, when none is below, to the first node whose grace has run out.
   */
  private int[] simulate(int[] owned, int accounts) {
    moves = 0;
    int target = RebalancePolicy.target(accounts, owned.length);
    for (int round = 0; round < 100; round++) {
      List<Integer> shed = new ArrayList<>();
      for (int n = 0; n < owned.length; n++) {
        if (RebalancePolicy.shouldShed(true, owned[n], target)) {
          owned[n]--;
          shed.add(n);
          moves++;
        }
      }
      if (shed.isEmpty()) {
        return owned;
      }
      for (int from : shed) {
        int taker = -1;
        for (int sightings = 1; taker < 0; sightings++) {
          for (int n = 0; n < owned.length && taker < 0; n++) {
            // the shedder leaves the account alone for a while
            if (n != from && RebalancePolicy.keepFree(true, owned[n], target, sightings)) {
              taker = n;
            }
          }
          if (owned.length == 1) {
            taker = from;
          }
        }
        owned[taker]++;
      }
    }
    throw new AssertionError("did not settle: " + Arrays.toString(owned));
  }
}

package io.cloudbus.cluster;

import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The pure decisions of rebalancing (no cluster, no clock): each node's share of the accounts, when
 * a node keeps an account it found free, when it hands one over and which one. {@link
 * AccountOwnership} applies them; docs/cluster.md explains why they give the fewest moves.
 *
 * <p>The share ({@link #target}) is {@code ceil(accounts / nodes)}. A node above it hands over one
 * account at a time; a node below it takes a free account at once; a node at or above it takes a
 * free account only once it has found it free {@link #GRACE_TRIES} tries in a row, so an account
 * nobody else wants (dead node, different configurations, a stale view of the members) is never
 * left without an owner.
 */
final class RebalancePolicy {

  /**
   * Consecutive tries that found an account free before a node at or above its share takes it:
   * three, so that at least two full retry periods pass, in which every node below its share has
   * tried at least once.
   */
  static final int GRACE_TRIES = 3;

  private RebalancePolicy() {}

  /**
   * A node's share: {@code ceil(accounts / nodes)}; {@code nodes} below 1 counts as 1 (a node
   * always sees at least itself).
   */
  static int target(int accounts, int nodes) {
    int n = Math.max(1, nodes);
    return Math.max(0, (accounts + n - 1) / n);
  }

  /**
   * Whether a node keeps an account whose lock it has just acquired.
   *
   * @param rebalance false: always (the first node to find an account free runs it)
   * @param owned the accounts this node holds, not counting this one
   * @param freeSightings how many tries in a row found it free, this one included (at least 1)
   */
  static boolean keepFree(boolean rebalance, int owned, int target, int freeSightings) {
    return !rebalance || owned < target || freeSightings >= GRACE_TRIES;
  }

  /** Whether a node holding {@code owned} accounts should hand one over now. */
  static boolean shouldShed(boolean rebalance, int owned, int target) {
    return rebalance && owned > target;
  }

  /**
   * The account to hand over: the one taken most recently (it has been connected the shortest time,
   * and an account that just moved is the one most likely moved for balance anyway).
   *
   * @param candidates the accounts whose socket is running (not starting, not stopping)
   * @param takenAt when each was taken (any monotonic unit)
   */
  static <T> Optional<T> pickToShed(List<T> candidates, ToLongFunction<T> takenAt) {
    T best = null;
    for (T c : candidates) {
      if (best == null || takenAt.applyAsLong(c) > takenAt.applyAsLong(best)) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }
}

package io.cloudbus.cluster;

import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The pure decisions of rebalancing (no cluster, no clock): each node's share of the accounts, when
 * a node keeps an account it found free, when it offers one, who wants an offer, and which account
 * it offers. {@link AccountOwnership} applies them; docs/cluster.md explains why they give the
 * fewest moves.
 *
 * <p>With {@code A} accounts on {@code N} nodes every node ends with {@code floor(A/N)} or {@code
 * ceil(A/N)} accounts ({@link #floor}, {@link #target}). A node above the floor offers one account
 * at a time; a node wants it when it is below the floor, or below the ceiling while the offerer is
 * above it, so every move lowers the imbalance and none has to be undone. A node below the ceiling
 * takes a free account at once; a node at or above it takes a free account only once it has found
 * it free {@link #GRACE_TRIES} tries in a row, so an account nobody else wants (dead node,
 * different configurations, a stale view of the members) is never left without an owner.
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

  /** The share for logs: {@code "2"} when floor and ceiling agree, else {@code "1-2"}. */
  static String describe(int accounts, int nodes) {
    int floor = floor(accounts, nodes);
    int ceil = target(accounts, nodes);
    return floor == ceil ? Integer.toString(ceil) : floor + "-" + ceil;
  }

  /** {@code floor(accounts / nodes)}: what every node runs at least once balanced. */
  static int floor(int accounts, int nodes) {
    return Math.max(0, accounts / Math.max(1, nodes));
  }

  /** Whether a node holding {@code owned} accounts should offer one now: it is above the floor. */
  static boolean shouldShed(boolean rebalance, int owned, int accounts, int nodes) {
    return rebalance && owned > floor(accounts, nodes);
  }

  /**
   * Whether a node holding {@code mine} accounts wants one offered by a node holding {@code
   * offerer}: it is below the floor (the offerer is above it), or below the ceiling while the
   * offerer is above the ceiling. Either way the two differ by at least 2, so the move lowers the
   * imbalance; a node at the floor never takes from a node at the ceiling (that would only swap
   * them).
   */
  static boolean wants(int mine, int offerer, int accounts, int nodes) {
    int floor = floor(accounts, nodes);
    int ceil = target(accounts, nodes);
    return mine < floor || (mine < ceil && offerer > ceil);
  }

  /**
   * How many accounts a node holding {@code mine} may ask for at once: up to the floor when below
   * it, else up to the ceiling.
   */
  static int room(int mine, int accounts, int nodes) {
    int floor = floor(accounts, nodes);
    return Math.max(0, (mine < floor ? floor : target(accounts, nodes)) - mine);
  }

  /**
   * Whether a want should wait a moment before it is sent: a node at the floor waits, so that a
   * node below the floor (which needs the account more) gets it first.
   */
  static boolean wantWaits(int mine, int accounts, int nodes) {
    return mine >= floor(accounts, nodes);
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

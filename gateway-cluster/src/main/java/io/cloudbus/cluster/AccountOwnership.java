package io.cloudbus.cluster;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.Registration;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each account's socket on exactly one node of the cluster, and spreads the accounts over the
 * nodes. A node deploys an account's socket only while it holds the cluster-wide lock {@code
 * cloudbus.owner.<vendor>.<account>} (a Hazelcast {@code IMap} lock, owned by this member), and
 * releases the lock only after the socket has stopped.
 *
 * <p>Taking: every node tries each account it does not own every {@code lockRetryMs}. With {@code
 * rebalance} on (the default), a node keeps an account it found free only when it runs fewer than
 * its share {@code ceil(accounts / members)} or when it found it free {@link
 * RebalancePolicy#GRACE_TRIES} tries in a row (see {@link RebalancePolicy}). When the owning member
 * dies, Hazelcast frees its locks as soon as the member is declared dead; the survivors try at once
 * (membership listener) and at their next retry.
 *
 * <p>Shedding (see {@link Handovers}): every {@code rebalanceIntervalMs} a node above the floor of
 * its share offers one account on {@link #OFFER_ADDRESS}; a node that wants it (below the floor, or
 * below the ceiling while the offerer is above it) answers; on the first answer the offerer stops
 * the socket, releases the lock, leaves the account alone for {@code rebalanceIntervalMs} and
 * announces it on {@link #HANDOVER_ADDRESS}, naming the taker, which tries that lock at once. The
 * accounts end evenly spread (each node runs the floor or the ceiling of its share). An account
 * nobody wants stays where it runs. {@link #close()} stops the sockets and then releases their
 * locks, so a graceful stop hands over at once.
 *
 * <p>Assumes every node is configured with the same accounts (their count gives the share). If the
 * configurations differ, no account is left without an owner (the grace rule), an account only the
 * offerer has is never handed over (nobody wants it), and a node that takes back an account it
 * handed over stops handing over until the membership changes.
 *
 * <p>Threading: the methods may be called from any thread; state is guarded by this object's
 * monitor. The cluster's members are seen through {@link ClusterMembership}, the statuses of the
 * accounts go out through {@link ClusterStatuses}, the shedding is {@link Handovers}' and one
 * account's lock and socket are its {@link AccountSlot}'s.
 */
public final class AccountOwnership {

  private static final Logger LOG = LoggerFactory.getLogger(AccountOwnership.class);

  /** Internal (publish): a node above its share offers {@code {vendor, account, from}}. */
  public static final String OFFER_ADDRESS = "cloudbus.cluster.offer";

  /** Internal (send), plus the offerer's node name: a node below its share wants the offer. */
  public static final String WANT_ADDRESS_PREFIX = "cloudbus.cluster.want.";

  /** Internal (publish): {@code {vendor, account, from}} was just released; take it now. */
  public static final String HANDOVER_ADDRESS = "cloudbus.cluster.handover";

  /** The most recent socket lifetimes kept for {@link #tenures()}. */
  private static final int TENURES_KEPT = 256;

  private final Vertx vertx;
  private final ClusterOptions options;
  private final Function<CloudSocket, Registration> attach;
  private final ClusterDeduplicator dedup;
  private final List<AccountSlot> slots = new ArrayList<>();
  private final Deque<Tenure> tenures = new ArrayDeque<>();
  private final Handovers handovers;
  private final ClusterMembership membership;
  private final ClusterStatuses statuses;
  private boolean closed;
  private int takes;

  /**
   * A socket lifetime on this node, for diagnostics and tests: from just before its deployment to
   * the end of its undeployment, in {@link System#nanoTime()} units.
   */
  public record Tenure(String node, String account, long startNanos, long endNanos) {}

  private AccountOwnership(
      Vertx vertx, ClusterOptions options, Function<CloudSocket, Registration> attach) {
    this.vertx = vertx;
    this.options = options;
    this.attach = attach;
    this.dedup = new ClusterDeduplicator(vertx, options.dedupTtlSeconds() * 1000);
    this.handovers = new Handovers(this, vertx, options);
    this.membership = new ClusterMembership(vertx);
    this.statuses = new ClusterStatuses(vertx, nodeName(), this::runningSockets);
  }

  /**
   * Starts competing for every account.
   *
   * @param sockets one factory per account, each returning a fresh, undeployed socket of that
   *     account; each is called once here (on the caller's thread: a factory may block, e.g. read a
   *     profile file, so call this off the event loop) and then on a worker thread each time this
   *     node takes the account again. Each socket gets the cluster-shared {@link
   *     ClusterDeduplicator} before it is deployed
   * @param attach called when this node takes an account, before the socket is deployed; e.g.
   *     {@code GatewayService::attach}; its registration is removed when the socket stops
   * @throws RuntimeException what a factory threw (nothing is started then)
   */
  public static AccountOwnership start(
      Vertx vertx,
      ClusterOptions options,
      List<Supplier<CloudSocket>> sockets,
      Function<CloudSocket, Registration> attach) {
    AccountOwnership ownership = new AccountOwnership(vertx, options, attach);
    for (Supplier<CloudSocket> factory : sockets) {
      ownership.slots.add(new AccountSlot(ownership, vertx, factory));
    }
    ownership.statuses.start();
    ownership.membership.watch(ownership::membershipChanged, ownership::fence);
    synchronized (ownership) {
      ownership.handovers.start();
    }
    ownership.slots.forEach(AccountSlot::tryTake);
    return ownership;
  }

  /** This node's name in statuses: the Hazelcast member address {@code host:port}. */
  public String nodeName() {
    return options.host() + ":" + options.port();
  }

  /** The lock name of an account. */
  public static String lockName(String vendor, String account) {
    return "cloudbus.owner." + vendor + "." + account;
  }

  /** {@code vendor/account} of the accounts this node runs now. */
  public synchronized List<String> owned() {
    return slots.stream().filter(AccountSlot::held).map(AccountSlot::key).toList();
  }

  /** How many times this node has taken an account since it started. */
  public synchronized int takes() {
    return takes;
  }

  /** How many accounts this node has handed over to rebalance (graceful stops not counted). */
  public synchronized int handovers() {
    return handovers.count();
  }

  /** This node's recent socket lifetimes, oldest first (a running one ends at Long.MAX_VALUE). */
  public synchronized List<Tenure> tenures() {
    return List.copyOf(tenures);
  }

  /** The live cluster members (this one included, leaving ones not); at least 1. */
  synchronized int members() {
    return Math.max(1, membership.size() - handovers.leaving());
  }

  /** This node's share of the accounts now. */
  int target() {
    return RebalancePolicy.target(slots.size(), members());
  }

  /** This member's Hazelcast UUID, or null without Hazelcast. */
  String memberId() {
    return membership.localId();
  }

  /** Whether the Hazelcast member {@code uuid} is in the cluster now (false without Hazelcast). */
  boolean isMember(String uuid) {
    return membership.isMember(uuid);
  }

  /** The accounts this node holds now. Called with the monitor held. */
  int ownedCount() {
    return (int) slots.stream().filter(AccountSlot::held).count();
  }

  /** Every configured account (do not modify). */
  List<AccountSlot> slots() {
    return slots;
  }

  /** The slot of {@code vendor/account}, or null when this node has no such account. */
  AccountSlot slot(String vendor, String account) {
    for (AccountSlot s : slots) {
      if (s.vendor.equals(vendor) && s.account.equals(account)) {
        return s;
      }
    }
    return null;
  }

  // ------------------------------------------------------------ called by AccountSlot (monitor
  // held)

  ClusterOptions options() {
    return options;
  }

  boolean isClosed() {
    return closed;
  }

  ClusterDeduplicator deduplicator() {
    return dedup;
  }

  Registration attach(CloudSocket socket) {
    return attach.apply(socket);
  }

  /** Whether {@code slot}, whose lock was just acquired, is kept; logs and counts a take. */
  boolean keep(AccountSlot slot) {
    int owned = ownedCount();
    int members = members();
    int target = RebalancePolicy.target(slots.size(), members);
    if (!RebalancePolicy.keepFree(options.rebalance(), owned, target, slot.freeSightings)) {
      LOG.debug(
          "{} is free, leaving it: {} owned, share {}",
          slot.key(),
          owned,
          RebalancePolicy.describe(slots.size(), members));
      return false;
    }
    takes++;
    LOG.info(
        "taking {}: {} owned, share {} with {} nodes{}",
        slot.key(),
        owned,
        RebalancePolicy.describe(slots.size(), members),
        members,
        owned < target || !options.rebalance() ? "" : " (found free " + slot.freeSightings + "x)");
    if (slot.handedOver && options.rebalance()) {
      handovers.tookBack(slot);
    }
    slot.handedOver = false;
    handovers.taken(slot);
    return true;
  }

  void recordTenure(String account, long startNanos, long endNanos) {
    tenures.removeIf(t -> t.account().equals(account) && t.endNanos() == Long.MAX_VALUE);
    tenures.addLast(new Tenure(nodeName(), account, startNanos, endNanos));
    while (tenures.size() > TENURES_KEPT) {
      tenures.removeFirst();
    }
  }

  // ------------------------------------------------------------ membership

  /**
   * Counts membership changes (a change lifts a pause of the handovers) and, when a member leaves,
   * tries its accounts at once instead of at the next retry. {@code removed}: the Hazelcast UUID of
   * the member that left, or null when one joined.
   */
  private void membershipChanged(String removed) {
    handovers.membershipChanged(removed);
    List<AccountSlot> free;
    synchronized (this) {
      if (closed || removed == null) {
        return;
      }
      free = slots.stream().filter(AccountSlot::takeable).toList();
    }
    free.forEach(s -> s.tryTake(Handovers.HANDOVER_QUICK_TRIES));
  }

  /** The sockets this node runs now. */
  private synchronized List<CloudSocket> runningSockets() {
    return slots.stream().map(AccountSlot::socket).filter(s -> s != null).toList();
  }

  // ------------------------------------------------------------ stopping

  /**
   * After a split brain, Hazelcast restarts the merging member: the locks this node held are gone
   * (the other side took the accounts), so its sockets must stop or both sides keep running them.
   * Stops every socket of this node without releasing its lock (it may be someone else's by now)
   * and stops competing: this node runs no account until it is restarted. Never fails.
   */
  Future<Void> fence() {
    List<Future<Void>> all = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return Future.succeededFuture();
      }
      closed = true;
      all.add(stopTimers());
      int owned = 0;
      for (AccountSlot slot : slots) {
        if (slot.held()) {
          owned++;
        }
        all.add(slot.stopWithoutRelease());
      }
      LOG.error(
          "this node was separated from the cluster: stopped its {} account(s); restart it to run"
              + " accounts again",
          owned);
    }
    return Future.join(all).<Void>mapEmpty().recover(err -> Future.succeededFuture());
  }

  /**
   * Stops this node's sockets, then releases their locks and announces each on {@link
   * #HANDOVER_ADDRESS} as leaving, so that the nodes below their share (counted without this node)
   * take them at once. Never fails.
   */
  public Future<Void> close() {
    List<Future<Void>> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      all.add(stopTimers());
      for (AccountSlot slot : slots) {
        boolean held = slot.held();
        all.add(slot.release().onSuccess(v -> handovers.announceLeaving(slot, held)));
      }
    }
    membership.close();
    return Future.join(all)
        .<Void>mapEmpty()
        .recover(err -> Future.succeededFuture())
        .onComplete(v -> statuses.stopTagging());
  }

  /** Called with the monitor held. */
  private Future<Void> stopTimers() {
    statuses.stopRepeating();
    slots.forEach(AccountSlot::cancelTimer);
    return handovers.stop();
  }
}

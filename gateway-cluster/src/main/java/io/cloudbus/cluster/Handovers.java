package io.cloudbus.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rebalancing protocol of one node (see {@link AccountOwnership}, {@link RebalancePolicy} and
 * docs/cluster.md). Every {@code rebalanceIntervalMs}, a node above the floor of its share offers
 * one running account on {@link AccountOwnership#OFFER_ADDRESS}, with how many it runs; a node that
 * has that account configured and wants it ({@link RebalancePolicy#wants}: below the floor, or
 * below the ceiling while the offerer is above it) answers on the offerer's {@link
 * AccountOwnership#WANT_ADDRESS_PREFIX want address}, with no more wants in flight than it has room
 * for ({@link RebalancePolicy#room}), a node at the floor {@value #WANT_DELAY_MS} ms later than one
 * below it. On the first answer the offerer stops the socket, releases the lock and announces the
 * handover, naming the taker, on {@link AccountOwnership#HANDOVER_ADDRESS}; the taker tries that
 * lock at once. An account nobody wants (balanced already, another configuration, a node not yet
 * listening) is not offered again for {@value #UNWANTED_INTERVALS} intervals, and it stays where it
 * runs: no move without a taker.
 *
 * <p>Threading: state is guarded by the owning {@link AccountOwnership}'s monitor; the handlers run
 * on event-loop threads.
 */
final class Handovers {

  private static final Logger LOG = LoggerFactory.getLogger(Handovers.class);

  /** Rebalance intervals during which an account nobody wanted is not offered again. */
  static final int UNWANTED_INTERVALS = 6;

  /**
   * Immediate extra tries of an announced account: its lock is released asynchronously, so the
   * announcement may arrive before it is free (each try waits up to {@link AccountSlot#TRY_MS}).
   */
  static final int HANDOVER_QUICK_TRIES = 3;

  /** How long an offer waits for a taker at most, in ms. */
  static final long OFFER_TIMEOUT_MS = 2000;

  private static final long MS = 1_000_000;

  /** How long a node at the floor waits before it asks for an offered account, in ms. */
  static final long WANT_DELAY_MS = 200;

  private final AccountOwnership ownership;
  private final Vertx vertx;
  private final ClusterOptions options;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private long tickTimer = -1;
  private long offerTimer = -1;
  private AccountSlot offered;
  private boolean offeredAboveShare;
  private long aboveShareOfferSeenNanos = System.nanoTime() - Long.MAX_VALUE / 2;

  /** Accounts this node asked for, with when the want lapses (nanoTime) if never handed over. */
  private final Map<AccountSlot, Long> wanting = new HashMap<>();

  private boolean shedding;
  private long membershipEpoch;
  private long pausedEpoch = -1;
  private int count;

  /**
   * Members (Hazelcast UUID) that announced they are leaving and are still members, with when that
   * is forgotten (nanoTime) if their departure is never seen.
   */
  private final Map<String, Long> leaving = new HashMap<>();

  Handovers(AccountOwnership ownership, Vertx vertx, ClusterOptions options) {
    this.ownership = ownership;
    this.vertx = vertx;
    this.options = options;
  }

  /** Listens to the other nodes and, with rebalancing on, starts the periodic step. */
  void start() {
    consumers.add(
        vertx.eventBus().consumer(AccountOwnership.HANDOVER_ADDRESS, m -> onHandover(m.body())));
    consumers.add(
        vertx.eventBus().consumer(AccountOwnership.OFFER_ADDRESS, m -> onOffer(m.body())));
    consumers.add(
        vertx
            .eventBus()
            .consumer(
                AccountOwnership.WANT_ADDRESS_PREFIX + ownership.nodeName(),
                m -> onWant(m.body())));
    if (options.rebalance()) {
      tickTimer = vertx.setPeriodic(options.rebalanceIntervalMs(), t -> tick());
    }
  }

  /** Stops the step and the listeners. Called with the monitor held. Never fails. */
  Future<Void> stop() {
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(offerTimer);
    offered = null;
    List<Future<Void>> all = new ArrayList<>();
    consumers.forEach(c -> all.add(c.unregister()));
    consumers.clear();
    return Future.join(all).<Void>mapEmpty().recover(err -> Future.succeededFuture());
  }

  /** How many accounts this node has handed over. Called with the monitor held. */
  int count() {
    return count;
  }

  /** How long a node that announced its leaving is not counted as a member, at most, in ms. */
  static final long LEAVING_MS = 30_000;

  /**
   * The members changed: lifts a pause, and lets unwanted accounts be offered again; {@code
   * removed} (a member's UUID, null for a join) is no longer leaving but gone.
   */
  void membershipChanged(String removed) {
    synchronized (ownership) {
      membershipEpoch++;
      ownership.slots().forEach(s -> s.unwantedUntilNanos = 0);
      if (removed != null) {
        leaving.remove(removed);
      }
    }
  }

  /** How many members are leaving (not to be counted). Called with the monitor held. */
  int leaving() {
    long now = System.nanoTime();
    leaving.values().removeIf(until -> until - now <= 0);
    return leaving.size();
  }

  /** A graceful stop released {@code slot} (if it {@code held} it): announce it as leaving. */
  void announceLeaving(AccountSlot slot, boolean held) {
    if (held) {
      vertx
          .eventBus()
          .publish(
              AccountOwnership.HANDOVER_ADDRESS,
              body(slot).put("leaving", true).put("member", ownership.memberId()));
    }
  }

  /**
   * This node took back an account it had handed over: the taker vanished or could not take it.
   * Called with the monitor held.
   */
  void tookBack(AccountSlot slot) {
    pausedEpoch = membershipEpoch;
    LOG.warn(
        "took back {} after handing it over: no handovers until the members change", slot.key());
  }

  /** One step: offers one account when this node is above the floor of its share. */
  void tick() {
    AccountSlot slot;
    int owned;
    synchronized (ownership) {
      if (ownership.isClosed() || shedding || pausedEpoch == membershipEpoch) {
        return;
      }
      owned = ownership.ownedCount();
      int accounts = ownership.slots().size();
      int members = ownership.members();
      if (!RebalancePolicy.shouldShed(options.rebalance(), owned, accounts, members)) {
        return;
      }
      long now = System.nanoTime();
      List<AccountSlot> running =
          ownership.slots().stream()
              .filter(AccountSlot::running)
              .filter(s -> s.unwantedUntilNanos - now <= 0)
              .toList();
      boolean aboveShare = owned > RebalancePolicy.target(accounts, members);
      if (!aboveShare && now - aboveShareOfferSeenNanos < 2 * options.rebalanceIntervalMs() * MS) {
        // A node above the ceiling is still shedding: its accounts go first, or this node's move
        // would have to be undone by another one.
        return;
      }
      slot = RebalancePolicy.pickToShed(running, s -> s.takenAtNanos).orElse(null);
      if (slot == null) {
        return;
      }
      shedding = true;
      offered = slot;
      offeredAboveShare = aboveShare;
      AccountSlot chosen = slot;
      offerTimer =
          vertx.setTimer(
              Math.min(OFFER_TIMEOUT_MS, options.rebalanceIntervalMs()), t -> offerExpired(chosen));
      LOG.debug(
          "offering {}: {} owned, {} accounts on {} nodes", slot.key(), owned, accounts, members);
    }
    vertx.eventBus().publish(AccountOwnership.OFFER_ADDRESS, body(slot).put("owned", owned));
  }

  private void offerExpired(AccountSlot slot) {
    synchronized (ownership) {
      if (offered != slot) {
        return;
      }
      offered = null;
      shedding = false;
      slot.unwantedUntilNanos =
          System.nanoTime() + UNWANTED_INTERVALS * options.rebalanceIntervalMs() * 1_000_000;
      if (offeredAboveShare) {
        LOG.info("nobody below its share wants {}: it stays here", slot.key());
      } else {
        // the usual answer once balanced: offers at the ceiling only look for a node below the
        // floor
        LOG.debug("nobody below the floor wants {}: it stays here", slot.key());
      }
    }
  }

  /**
   * Another node offers an account: ask for it when this node wants it ({@link
   * RebalancePolicy#wants}) and has room for it beside its wants in flight (offers answered at once
   * could overshoot the share). A node at the floor asks a moment later, so that one below it gets
   * the account first.
   */
  private void onOffer(JsonObject body) {
    if (body == null) {
      return;
    }
    String from = body.getString("from");
    if (from == null) {
      return;
    }
    AccountSlot slot;
    boolean waits;
    synchronized (ownership) {
      boolean own = ownership.nodeName().equals(from);
      int accounts = ownership.slots().size();
      int members = ownership.members();
      // an offer without "owned" comes from a node above its share
      int offerer = body.getInteger("owned", Integer.MAX_VALUE);
      if (!own && offerer > RebalancePolicy.target(accounts, members)) {
        aboveShareOfferSeenNanos = System.nanoTime();
      }
      slot = ownership.slot(body.getString("vendor"), body.getString("account"));
      if (slot != null && !own) {
        slot.handedOver = false;
      }
      if (own
          || ownership.isClosed()
          || slot == null
          || !slot.takeable()
          || wanting.containsKey(slot)) {
        return;
      }
      int mine = ownership.ownedCount();
      if (!RebalancePolicy.wants(mine, offerer, accounts, members)
          || wantsInFlight() >= RebalancePolicy.room(mine, accounts, members)) {
        return;
      }
      waits = RebalancePolicy.wantWaits(mine, accounts, members);
      wanting.put(slot, System.nanoTime() + (WANT_DELAY_MS + OFFER_TIMEOUT_MS) * MS);
    }
    JsonObject want = body.copy().put("by", ownership.nodeName());
    String address = AccountOwnership.WANT_ADDRESS_PREFIX + from;
    if (waits) {
      vertx.setTimer(WANT_DELAY_MS, t -> vertx.eventBus().send(address, want));
    } else {
      vertx.eventBus().send(address, want);
    }
  }

  /** How many accounts this node asked for and has not taken yet. Monitor held. */
  private int wantsInFlight() {
    long now = System.nanoTime();
    wanting.values().removeIf(until -> until - now <= 0);
    return wanting.size();
  }

  /** This node took {@code slot}: a want for it is no longer in flight. Monitor held. */
  void taken(AccountSlot slot) {
    wanting.remove(slot);
  }

  /** A node wants the offered account: stop it, release it, announce it. */
  private void onWant(JsonObject body) {
    if (body == null) {
      return;
    }
    synchronized (ownership) {
      AccountSlot slot = offered;
      if (slot == null
          || ownership.isClosed()
          || !slot.vendor.equals(body.getString("vendor"))
          || !slot.account.equals(body.getString("account"))) {
        return;
      }
      offered = null;
      vertx.cancelTimer(offerTimer);
      LOG.info(
          "handing over {} to {}: {} owned, share {} with {} nodes",
          slot.key(),
          body.getString("by"),
          ownership.ownedCount(),
          RebalancePolicy.describe(ownership.slots().size(), ownership.members()),
          ownership.members());
      String to = body.getString("by");
      slot.release().onComplete(v -> handedOver(slot, to));
    }
  }

  private void handedOver(AccountSlot slot, String to) {
    synchronized (ownership) {
      shedding = false;
      if (ownership.isClosed()) {
        return;
      }
      count++;
      slot.handedOver = true;
      slot.freeSightings = 0;
      // Left to the others for a while; then the grace rule applies if nobody took it.
      slot.scheduleTry(Math.max(options.rebalanceIntervalMs(), options.lockRetryMs()));
    }
    vertx.eventBus().publish(AccountOwnership.HANDOVER_ADDRESS, body(slot).put("to", to));
  }

  /** Another node handed an account over: try it at once when below the share. */
  private void onHandover(JsonObject body) {
    if (body == null || body.getString("from") == null) {
      return;
    }
    AccountSlot slot;
    synchronized (ownership) {
      String from = body.getString("from");
      String member = body.getString("member");
      // Counted out only while still a member: an announcement arriving after the departure
      // must not lower the count twice.
      if (Boolean.TRUE.equals(body.getValue("leaving"))
          && member != null
          && !from.equals(ownership.nodeName())
          && ownership.isMember(member)) {
        leaving.put(member, System.nanoTime() + LEAVING_MS * 1_000_000);
      }
      slot = ownership.slot(body.getString("vendor"), body.getString("account"));
      if (slot != null && !ownership.nodeName().equals(from)) {
        // another node ran it: this node taking it later is no "take back"
        slot.handedOver = false;
      }
      String to = body.getString("to");
      if (ownership.nodeName().equals(from)
          || ownership.isClosed()
          || slot == null
          || !slot.takeable()
          // handed over to another node: leave it to that one (the grace rule covers its death)
          || (to != null && !to.equals(ownership.nodeName()))
          || (to == null && ownership.ownedCount() >= ownership.target())) {
        return;
      }
    }
    slot.tryTake(HANDOVER_QUICK_TRIES);
  }

  private JsonObject body(AccountSlot slot) {
    return new JsonObject()
        .put("vendor", slot.vendor)
        .put("account", slot.account)
        .put("from", ownership.nodeName());
  }
}

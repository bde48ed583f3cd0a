package io.cloudbus.cluster;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.Registration;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured account on this node: its cluster lock, the socket that runs while the lock is
 * held (a fresh one per take: a verticle instance is deployable once), and the timer of the next
 * try. Whether a free account is kept is {@link AccountOwnership}'s decision.
 *
 * <p>Threading: every field is guarded by the monitor of the owning {@link AccountOwnership}; the
 * methods may be called from any thread. Invariant: a socket is deployed only while {@link #lock}
 * is held, and the lock is released only after the socket's undeployment has completed.
 */
final class AccountSlot {

  private static final Logger LOG = LoggerFactory.getLogger(AccountSlot.class);

  /** Lock-acquisition wait per try, in ms: short, since it blocks a worker thread. */
  static final long TRY_MS = 50;

  /** How long this node leaves an account whose socket failed to start, in ms. */
  static final long FAILED_START_RETRY_MS = 30_000;

  final String vendor;
  final String account;
  private final AccountOwnership owner;
  private final Vertx vertx;
  private final Supplier<CloudSocket> factory;

  /** The socket for the next take; the first one is created up front, later ones on a worker. */
  private CloudSocket next;

  private CloudSocket socket;
  private Lock lock;
  private String deploymentId;
  private Registration registration;
  private Future<Void> deploying = Future.succeededFuture();
  private long timer = -1;
  private boolean trying;
  private int quickRetries;
  private boolean releasing;
  private long startedNanos;

  /** Tries in a row that found the account free (reset by a failed try and by a take). */
  int freeSightings;

  /** When this node last took the account ({@link System#nanoTime()}). */
  long takenAtNanos;

  /** This node handed the account over and has not run it since. */
  boolean handedOver;

  /** Until when ({@link System#nanoTime()}) it is not offered again: nobody wanted it. */
  long unwantedUntilNanos;

  AccountSlot(AccountOwnership owner, Vertx vertx, Supplier<CloudSocket> factory) {
    this.owner = owner;
    this.vertx = vertx;
    this.factory = factory;
    this.next = factory.get();
    this.vendor = next.vendor();
    this.account = next.account();
  }

  /** {@code vendor/account}. */
  String key() {
    return vendor + "/" + account;
  }

  /** Called with the monitor held. */
  boolean held() {
    return lock != null;
  }

  /** A running socket that is neither starting nor stopping. Called with the monitor held. */
  boolean running() {
    return lock != null && deploymentId != null && !releasing;
  }

  /** The running socket, or null. Called with the monitor held. */
  CloudSocket socket() {
    return deploymentId == null ? null : socket;
  }

  /** Neither held nor being released: this node could take it. Called with the monitor held. */
  boolean takeable() {
    return lock == null && !releasing;
  }

  /** Tries the lock now, unless this node holds it or has stopped. */
  void tryTake() {
    tryTake(0);
  }

  /**
   * Tries the lock now, and up to {@code quick} more times at once if the tries fail (the lock of a
   * handover is released asynchronously, so its announcement may arrive first). While a try is in
   * flight, at least one more follows at once if it fails, so an announcement is not missed.
   */
  void tryTake(int quick) {
    synchronized (owner) {
      if (owner.isClosed() || !takeable()) {
        return;
      }
      if (trying) {
        quickRetries = Math.max(quickRetries, Math.max(1, quick));
        return;
      }
      quickRetries = quick;
      cancelTimer();
      trying = true;
    }
    attempt();
  }

  /** One lock try; {@link #trying} is set. */
  private void attempt() {
    vertx
        .sharedData()
        .getLockWithTimeout(AccountOwnership.lockName(vendor, account), TRY_MS)
        .onComplete(this::tried);
  }

  private void tried(AsyncResult<Lock> ar) {
    if (ar.failed()) {
      synchronized (owner) {
        freeSightings = 0;
        if (owner.isClosed() || quickRetries == 0) {
          trying = false;
          scheduleTry(owner.options().lockRetryMs());
          return;
        }
        quickRetries--;
      }
      attempt();
      return;
    }
    synchronized (owner) {
      trying = false;
      quickRetries = 0;
      if (owner.isClosed()) {
        ar.result().release();
        return;
      }
      freeSightings++;
      if (!owner.keep(this)) {
        // Free, but this node has its share: leave it a while to a node below its share.
        ar.result().release();
        scheduleTry(owner.options().lockRetryMs());
        return;
      }
      freeSightings = 0;
      lock = ar.result();
      takenAtNanos = System.nanoTime();
      deploying = start();
    }
  }

  /** Creates (unless prepared), attaches and deploys the socket. Called with the monitor held. */
  private Future<Void> start() {
    CloudSocket prepared = next;
    next = null;
    Future<CloudSocket> created =
        prepared != null
            ? Future.succeededFuture(prepared)
            : vertx.executeBlocking(factory::get, false);
    return created
        .compose(
            s -> {
              synchronized (owner) {
                if (lock == null) {
                  next = s;
                  return Future.<String>failedFuture("released before its socket started");
                }
                socket = s;
                s.useDeduplicator(owner.deduplicator());
                registration = owner.attach(s);
                startedNanos = System.nanoTime();
                owner.recordTenure(key(), startedNanos, Long.MAX_VALUE);
              }
              return vertx.deployVerticle(s);
            })
        .map(
            id -> {
              synchronized (owner) {
                deploymentId = id;
              }
              return (Void) null;
            })
        .onFailure(this::startFailed);
  }

  /** A socket that could not start gives its account back, so that another node can run it. */
  private void startFailed(Throwable err) {
    synchronized (owner) {
      if (lock == null) {
        return;
      }
      LOG.warn("cannot start {}, releasing it: {}", key(), err.toString());
    }
    release()
        .onComplete(
            v -> {
              synchronized (owner) {
                if (!owner.isClosed()) {
                  scheduleTry(Math.max(FAILED_START_RETRY_MS, owner.options().lockRetryMs()));
                }
              }
            });
  }

  /** Schedules the next try in {@code delayMs}. Called with the monitor held. */
  void scheduleTry(long delayMs) {
    cancelTimer();
    if (!owner.isClosed()) {
      timer = vertx.setTimer(delayMs, t -> tryTake());
    }
  }

  /** Called with the monitor held. */
  void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * Stops the socket, then releases the lock: never two sockets for one account. Completes once the
   * lock is released (at once when not held). Never fails.
   */
  Future<Void> release() {
    Lock held;
    synchronized (owner) {
      cancelTimer();
      if (lock == null || releasing) {
        return Future.succeededFuture();
      }
      releasing = true;
      held = lock;
    }
    return stopSocket()
        .eventually(
            () -> {
              synchronized (owner) {
                lock = null;
                releasing = false;
              }
              held.release();
              LOG.info("released {}", key());
              return Future.succeededFuture();
            })
        .recover(err -> Future.succeededFuture());
  }

  /**
   * Stops the socket without releasing the lock (it may be someone else's by now). Called with the
   * monitor held. Never fails.
   */
  Future<Void> stopWithoutRelease() {
    cancelTimer();
    if (lock == null) {
      return Future.succeededFuture();
    }
    lock = null;
    return stopSocket().recover(err -> Future.succeededFuture());
  }

  /** Undeploys the socket (once its deployment has settled) and removes its registration. */
  private Future<Void> stopSocket() {
    Future<Void> settled;
    synchronized (owner) {
      settled = deploying;
    }
    return settled
        .transform(
            v -> {
              String id;
              synchronized (owner) {
                id = deploymentId;
                deploymentId = null;
              }
              return id == null ? Future.<Void>succeededFuture() : vertx.undeploy(id);
            })
        .eventually(
            () -> {
              synchronized (owner) {
                if (registration != null) {
                  registration.remove();
                  registration = null;
                }
                if (socket != null) {
                  owner.recordTenure(key(), startedNanos, System.nanoTime());
                  socket = null;
                }
              }
              return Future.succeededFuture();
            });
  }
}

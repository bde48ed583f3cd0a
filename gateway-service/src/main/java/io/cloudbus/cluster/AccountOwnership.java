package io.cloudbus.cluster;

import com.hazelcast.core.LifecycleEvent;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.Registration;
import io.cloudbus.service.GatewayService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each account's socket on exactly one node of the cluster: a node deploys a socket only while
 * it holds the cluster-wide lock {@code cloudbus.owner.<vendor>.<account>} (a Hazelcast {@code
 * IMap} lock, owned by this member). Every node tries to take each account it does not own every
 * {@code lockRetryMs}; when the owning member dies, Hazelcast frees its locks as soon as the member
 * is declared dead ({@code maxNoHeartbeatSeconds}) and a survivor takes the account on its next
 * try. {@link #close()} stops the sockets and then releases their locks, so a graceful stop hands
 * over at once.
 *
 * <p>Sockets are deployed at most once each (a node never owns an account twice), so the caller
 * creates them all up front. Threading: the methods may be called from any thread.
 */
public final class AccountOwnership {

  private static final Logger LOG = LoggerFactory.getLogger(AccountOwnership.class);

  /**
   * How often the owner repeats the status of its accounts, in ms: a node that joins later (or
   * whose service started later) learns the accounts it does not own from these.
   */
  static final long STATUS_REPEAT_MS = 5000;

  /** Lock-acquisition wait per try, in ms: short, since it blocks a worker thread. */
  private static final long TRY_MS = 50;

  private final Vertx vertx;
  private final ClusterOptions options;
  private final Function<CloudSocket, Registration> attach;
  private final List<Owned> accounts = new ArrayList<>();
  private boolean closed;
  private long statusTimer = -1;
  private Handler<DeliveryContext<Object>> statusTagger;

  private AccountOwnership(
      Vertx vertx, ClusterOptions options, Function<CloudSocket, Registration> attach) {
    this.vertx = vertx;
    this.options = options;
    this.attach = attach;
  }

  /**
   * Starts competing for every account. Each socket gets a {@link ClusterDeduplicator} first.
   *
   * @param sockets created, never deployed
   * @param attach called (on an event loop) when this node takes an account, before the socket is
   *     deployed; e.g. {@code GatewayService::attach}; its registration is removed on release
   */
  public static AccountOwnership start(
      Vertx vertx,
      ClusterOptions options,
      List<CloudSocket> sockets,
      Function<CloudSocket, Registration> attach) {
    AccountOwnership ownership = new AccountOwnership(vertx, options, attach);
    ownership.tagStatuses();
    ownership.fenceOnMerge();
    ownership.statusTimer = vertx.setPeriodic(STATUS_REPEAT_MS, t -> ownership.repeatStatuses());
    ClusterDeduplicator dedup = new ClusterDeduplicator(vertx, options.dedupTtlSeconds() * 1000);
    for (CloudSocket socket : sockets) {
      socket.useDeduplicator(dedup);
      Owned owned = ownership.new Owned(socket);
      ownership.accounts.add(owned);
      owned.tryTake();
    }
    return ownership;
  }

  /** This node's name in statuses: the Hazelcast member address {@code host:port}. */
  public String nodeName() {
    return options.host() + ":" + options.port();
  }

  /**
   * Names this node in every {@code cloudbus.status} it sends (header {@link
   * GatewayService#NODE_HEADER}), so that every node's service shows who owns each account.
   */
  private void tagStatuses() {
    String node = nodeName();
    statusTagger =
        ctx -> {
          if (CloudbusAddresses.STATUS.equals(ctx.message().address())
              && ctx.message().headers().get(GatewayService.NODE_HEADER) == null) {
            ctx.message().headers().set(GatewayService.NODE_HEADER, node);
          }
          ctx.next();
        };
    vertx.eventBus().addOutboundInterceptor(statusTagger);
  }

  private void repeatStatuses() {
    List<CloudSocket> owned;
    synchronized (this) {
      owned = accounts.stream().filter(o -> o.deploymentId != null).map(o -> o.socket).toList();
    }
    for (CloudSocket socket : owned) {
      JsonObject status = socket.status();
      if (status != null && status.getString("state") != null) {
        vertx
            .eventBus()
            .publish(
                CloudbusAddresses.STATUS,
                status.copy().put("vendor", socket.vendor()).put("account", socket.account()));
      }
    }
  }

  /**
   * After a split brain, Hazelcast restarts the merging member: the locks this node held are gone
   * (the other side took the accounts), so its sockets must stop or both sides keep running them.
   */
  private void fenceOnMerge() {
    if (((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager hz
        && hz.getHazelcastInstance() != null) {
      hz.getHazelcastInstance()
          .getLifecycleService()
          .addLifecycleListener(
              event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
                  fence();
                }
              });
    }
  }

  /**
   * Stops every socket of this node without releasing its lock (it may be someone else's by now)
   * and stops competing: a socket is deployable once only, so this node runs no account until it is
   * restarted. Never fails.
   */
  Future<Void> fence() {
    List<Future<Void>> all = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return Future.succeededFuture();
      }
      closed = true;
      int owned = 0;
      for (Owned o : accounts) {
        if (o.lock != null) {
          owned++;
        }
        all.add(o.stopWithoutRelease());
      }
      LOG.error(
          "this node was separated from the cluster: stopped its {} account(s); restart it to run"
              + " accounts again",
          owned);
    }
    return Future.join(all).<Void>mapEmpty().recover(err -> Future.succeededFuture());
  }

  /** The lock name of an account. */
  public static String lockName(String vendor, String account) {
    return "cloudbus.owner." + vendor + "." + account;
  }

  /** {@code vendor/account} of the accounts this node runs now. */
  public synchronized List<String> owned() {
    return accounts.stream()
        .filter(o -> o.lock != null)
        .map(o -> o.socket.vendor() + "/" + o.socket.account())
        .toList();
  }

  /** Stops this node's sockets, then releases their locks. Never fails. */
  public Future<Void> close() {
    List<Future<Void>> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      vertx.cancelTimer(statusTimer);
      for (Owned o : accounts) {
        all.add(o.release());
      }
    }
    return Future.join(all)
        .<Void>mapEmpty()
        .recover(err -> Future.succeededFuture())
        .onComplete(v -> vertx.eventBus().removeOutboundInterceptor(statusTagger));
  }

  private final class Owned {
    final CloudSocket socket;
    Lock lock;
    String deploymentId;
    Registration registration;
    long timer = -1;
    Future<Void> deploying = Future.succeededFuture();

    Owned(CloudSocket socket) {
      this.socket = socket;
    }

    void tryTake() {
      String name = lockName(socket.vendor(), socket.account());
      vertx
          .sharedData()
          .getLockWithTimeout(name, TRY_MS)
          .onComplete(
              ar -> {
                synchronized (AccountOwnership.this) {
                  if (ar.failed()) {
                    if (!closed) {
                      timer = vertx.setTimer(options.lockRetryMs(), t -> tryTake());
                    }
                    return;
                  }
                  if (closed) {
                    ar.result().release();
                    return;
                  }
                  lock = ar.result();
                  registration = attach.apply(socket);
                  LOG.info("this node owns {}/{} now", socket.vendor(), socket.account());
                  deploying =
                      vertx
                          .deployVerticle(socket)
                          .map(
                              id -> {
                                synchronized (AccountOwnership.this) {
                                  deploymentId = id;
                                }
                                return (Void) null;
                              })
                          .onFailure(this::startFailed);
                }
              });
    }

    /**
     * A socket that could not be deployed gives its account back, so that another node can run it.
     * This node does not try that account again: a socket is deployable once only.
     */
    private void startFailed(Throwable err) {
      LOG.warn(
          "cannot start {}/{}, releasing it: {}",
          socket.vendor(),
          socket.account(),
          err.toString());
      synchronized (AccountOwnership.this) {
        if (registration != null) {
          registration.remove();
          registration = null;
        }
        if (lock != null) {
          lock.release();
          lock = null;
        }
      }
    }

    /** Called with the monitor held. */
    Future<Void> stopWithoutRelease() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      if (lock == null) {
        return Future.succeededFuture();
      }
      lock = null;
      return stopSocket().recover(err -> Future.succeededFuture());
    }

    /** Called with the monitor held. */
    Future<Void> release() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      if (lock == null) {
        return Future.succeededFuture();
      }
      Lock held = lock;
      return stopSocket()
          .eventually(
              () -> {
                synchronized (AccountOwnership.this) {
                  lock = null;
                }
                held.release();
                LOG.info("released {}/{}", socket.vendor(), socket.account());
                return Future.succeededFuture();
              })
          .recover(err -> Future.succeededFuture());
    }

    /** Undeploys the socket (once its deployment has settled) and removes its registration. */
    private Future<Void> stopSocket() {
      return deploying
          .transform(
              v -> {
                String id;
                synchronized (AccountOwnership.this) {
                  id = deploymentId;
                  deploymentId = null;
                }
                return id == null ? Future.<Void>succeededFuture() : vertx.undeploy(id);
              })
          .eventually(
              () -> {
                synchronized (AccountOwnership.this) {
                  if (registration != null) {
                    registration.remove();
                    registration = null;
                  }
                }
                return Future.succeededFuture();
              });
    }
  }
}

package io.cloudbus.cli;

import io.cloudbus.cluster.AccountOwnership;
import io.cloudbus.cluster.ClusterOptions;
import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.Registration;
import io.cloudbus.core.TokenStore;
import io.cloudbus.service.GatewayService;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge service plus one deployed socket verticle per account: what {@code run} and {@code
 * demo} start. The service starts first, so that a taken port fails before any vendor is contacted;
 * then each account's socket is created by its {@link AdapterProvider}, attached to the service (it
 * appears in {@code /health} at once) and deployed (which connects and keeps it connected).
 *
 * <p>Threading: {@link #start} and {@link #close()} may be called from any thread.
 */
final class GatewayRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);

  private final Vertx vertx;
  private final GatewayService service;
  private final List<String> deployments = new ArrayList<>();
  private final List<Registration> attached = new ArrayList<>();
  private AccountOwnership ownership;

  private GatewayRuntime(Vertx vertx, GatewayService service) {
    this.vertx = vertx;
    this.service = service;
  }

  /**
   * Starts the service and every account.
   *
   * @param accounts validated account configs (see {@code AdapterProvider})
   * @return fails when the service cannot start or an account cannot be created or deployed;
   *     whatever had started is closed again; a taken port fails with a {@link CliFailure} naming
   *     the field, the port and the host (see {@link PortInUse})
   */
  static Future<GatewayRuntime> start(
      Vertx vertx,
      ServiceOptions options,
      List<JsonObject> accounts,
      TokenStore tokens,
      Map<String, AdapterProvider> providers) {
    return start(vertx, options, accounts, tokens, providers, null);
  }

  /**
   * As {@link #start(Vertx, ServiceOptions, List, TokenStore, Map)}; with {@code cluster} (and a
   * clustered {@code vertx}) each account is deployed only while this node owns it (see {@link
   * AccountOwnership}), so the future completes before every account runs here.
   */
  static Future<GatewayRuntime> start(
      Vertx vertx,
      ServiceOptions options,
      List<JsonObject> accounts,
      TokenStore tokens,
      Map<String, AdapterProvider> providers,
      ClusterOptions cluster) {
    // Created here, on the caller's thread: an adapter may read files (a generic profile) while
    // building its socket, which must not happen on an event loop.
    List<CloudSocket> sockets = new ArrayList<>();
    List<Supplier<CloudSocket>> factories = new ArrayList<>();
    try {
      for (JsonObject account : accounts) {
        AdapterProvider provider = providers.get(account.getString("adapter"));
        if (provider == null) {
          throw new CliFailure(
              "no adapter named " + account.getString("adapter") + " is installed");
        }
        Supplier<CloudSocket> factory = () -> provider.create(vertx, account.copy(), tokens);
        CloudSocket first = factory.get();
        sockets.add(first);
        factories.add(startingWith(first, factory));
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return GatewayService.start(vertx, options)
        .recover(err -> PortInUse.explain(vertx, options, err))
        .compose(
            service -> {
              GatewayRuntime runtime = new GatewayRuntime(vertx, service);
              if (cluster != null) {
                // A node may take an account several times (rebalancing), each time with a fresh
                // socket: the later ones are created on a worker thread.
                List<Supplier<CloudSocket>> journaled = new ArrayList<>();
                for (Supplier<CloudSocket> f : factories) {
                  journaled.add(() -> f.get().useJournal(service.journal()));
                }
                runtime.ownership =
                    AccountOwnership.start(vertx, cluster, journaled, service::attach);
                return Future.succeededFuture(runtime);
              }
              // every event journaled once, by its socket, in the journal the service reads
              sockets.forEach(s -> s.useJournal(service.journal()));
              return runtime
                  .deployAll(sockets)
                  .map(runtime)
                  .recover(err -> runtime.close().transform(v -> Future.failedFuture(err)));
            });
  }

  /** A factory whose first call returns {@code first} (already created, off the event loop). */
  private static Supplier<CloudSocket> startingWith(CloudSocket first, Supplier<CloudSocket> more) {
    AtomicReference<CloudSocket> pending = new AtomicReference<>(first);
    return () -> {
      CloudSocket s = pending.getAndSet(null);
      return s != null ? s : more.get();
    };
  }

  private Future<Void> deployAll(List<CloudSocket> sockets) {
    List<Future<Void>> all = new ArrayList<>();
    for (CloudSocket socket : sockets) {
      all.add(deploy(socket));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> deploy(CloudSocket socket) {
    synchronized (this) {
      attached.add(service.attach(socket));
    }
    LOG.info("starting account {}/{}", socket.vendor(), socket.account());
    return vertx
        .deployVerticle(socket)
        .onSuccess(
            id -> {
              synchronized (this) {
                deployments.add(id);
              }
            })
        .mapEmpty();
  }

  GatewayService service() {
    return service;
  }

  /** True when every account reports {@code connected}. */
  boolean allConnected() {
    List<JsonObject> accounts = service.accounts();
    return !accounts.isEmpty()
        && accounts.stream().allMatch(a -> "connected".equals(a.getString("state")));
  }

  /** Undeploys the accounts, then closes the service. Never fails. */
  synchronized Future<Void> close() {
    List<Future<?>> undeploys = new ArrayList<>();
    if (ownership != null) {
      undeploys.add(ownership.close());
      ownership = null;
    }
    for (String id : deployments) {
      undeploys.add(vertx.undeploy(id).recover(err -> Future.succeededFuture()));
    }
    deployments.clear();
    return Future.join(undeploys)
        .transform(
            v -> {
              attached.forEach(Registration::remove);
              attached.clear();
              return service.close();
            })
        .recover(err -> Future.succeededFuture());
  }
}

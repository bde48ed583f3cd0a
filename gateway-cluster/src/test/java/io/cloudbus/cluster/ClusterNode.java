package io.cloudbus.cluster;

import static io.cloudbus.cluster.Patience.PATIENT_SECONDS;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.service.GatewayService;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One cluster node for tests: a clustered Vertx, the bridge service (HTTP on a free port, no TCP)
 * and the account ownership, wired as {@code cloudbus run --cluster} wires them.
 */
final class ClusterNode {

  static final Map<String, AdapterProvider> PROVIDERS =
      ServiceLoader.load(AdapterProvider.class).stream()
          .map(ServiceLoader.Provider::get)
          .collect(Collectors.toMap(AdapterProvider::name, p -> p));

  final ClusterOptions options;
  final Vertx vertx;

  /** Tokens this node saved (one per successful login or refresh), by token key. */
  final Map<String, AtomicInteger> tokenSaves;

  final GatewayService service;
  final AccountOwnership ownership;

  private ClusterNode(
      ClusterOptions options,
      Vertx vertx,
      GatewayService service,
      AccountOwnership ownership,
      Map<String, AtomicInteger> tokenSaves) {
    this.options = options;
    this.tokenSaves = tokenSaves;
    this.vertx = vertx;
    this.service = service;
    this.ownership = ownership;
  }

  /** Joins, starts the service, then competes for every account (test thread only). */
  static ClusterNode start(ClusterOptions options, List<JsonObject> accounts) throws Exception {
    return start(options, accounts, null);
  }

  /**
   * As {@link #start(ClusterOptions, List)}; with {@code journalDir} wired as {@code cloudbus run
   * --cluster} wires the journal: the service's SQLite journal in that directory, and every socket
   * this node deploys journaling into it (null: no journal for the sockets, an in-memory one for
   * the service).
   */
  static ClusterNode start(ClusterOptions options, List<JsonObject> accounts, Path journalDir)
      throws Exception {
    Vertx vertx =
        ClusterVertx.create(options, new VertxOptions()).await(PATIENT_SECONDS, TimeUnit.SECONDS);
    Map<String, AtomicInteger> saves = new ConcurrentHashMap<>();
    TokenStore tokens = counting(new ClusterTokenStore(vertx, TokenStore.inMemory()), saves);
    ServiceOptions.Builder serviceOptions = ServiceOptions.builder().httpPort(0).tcpPort(-1);
    if (journalDir != null) {
      serviceOptions.journal(JournalOptions.defaults().withPath(journalDir.toString()));
    }
    GatewayService service =
        GatewayService.start(vertx, serviceOptions.build())
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    List<Supplier<CloudSocket>> sockets = new ArrayList<>();
    for (JsonObject account : accounts) {
      AdapterProvider provider = PROVIDERS.get(account.getString("adapter"));
      sockets.add(
          () -> {
            CloudSocket socket = provider.create(vertx, account.copy(), tokens);
            return journalDir == null ? socket : socket.useJournal(service.journal());
          });
    }
    AccountOwnership ownership = AccountOwnership.start(vertx, options, sockets, service::attach);
    return new ClusterNode(options, vertx, service, ownership, saves);
  }

  /** How many tokens this node saved under {@code key} ({@code vendor/account}). */
  int tokenSaves(String key) {
    AtomicInteger n = tokenSaves.get(key);
    return n == null ? 0 : n.get();
  }

  /** {@code store}, counting this node's saves per key (each is a token the vendor issued). */
  private static TokenStore counting(TokenStore store, Map<String, AtomicInteger> saves) {
    return new TokenStore() {
      @Override
      public Future<AccessToken> load(String key) {
        return store.load(key);
      }

      @Override
      public Future<Void> save(String key, AccessToken token) {
        saves.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return store.save(key, token);
      }

      @Override
      public Future<Void> remove(String key) {
        return store.remove(key);
      }
    };
  }

  String name() {
    return ownership.nodeName();
  }

  /** Graceful stop: sockets and locks first, then the service and the node. */
  void stop() throws Exception {
    ownership.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    service.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Abrupt death: Hazelcast is terminated (no leave, no lock release), then the JVM-local rest is
   * closed so that its sockets stop talking to the mock, as a dead process would.
   */
  void kill() {
    HazelcastClusterManager manager =
        (HazelcastClusterManager) ((VertxInternal) vertx).clusterManager();
    manager.getHazelcastInstance().getLifecycleService().terminate();
    try {
      vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      // a node whose cluster is gone may fail to close cleanly; its sockets are stopped anyway
    }
  }
}

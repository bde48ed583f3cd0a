package io.cloudbus.bench;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.generic.GenericAdapterProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real gateway sockets: generic-adapter accounts with the shipped {@code pylight} profile, all on
 * the mock's {@code products} table, each deployed as its own {@link CloudSocket} verticle exactly
 * as {@code cloudbus run} deploys an account. Connection state is read from the contract status
 * messages on {@code cloudbus.status}. {@link #deploy} may be called again to grow the fleet.
 *
 * <p>Socket options: the reconnect delays given (the throughput fleets use the demo's 500 ms
 * initial, 5 s max); a rate-limited upgrade (HTTP 429, the mock's {@code maxConnectsPerSec}) is
 * retried after the initial delay instead of the default 5 minutes, so that a storm against a
 * connect limit ends within the run; everything else the defaults. Each socket journals its events
 * in the journal given (as {@code cloudbus run} hands every socket the service's journal), so the
 * service receives them with their positions and appends nothing. Threading: any thread.
 */
final class GatewayFleet {

  static final long RECONNECT_INITIAL_DELAY_MS = 500;
  static final long RECONNECT_MAX_DELAY_MS = 5_000;
  private static final int DEPLOY_CHUNK = 250;

  private final Vertx vertx;
  private final String url;
  private final String prefix;
  private final Map<String, String> states = new ConcurrentHashMap<>();
  private final MessageConsumer<JsonObject> status;
  private final List<String> deployments = new ArrayList<>();
  private final long initialDelayMs;
  private final long maxDelayMs;
  private final EventJournal journal;
  private int size;

  /**
   * @param url the mock's Pylight base URL ({@code endpoints("pylight").url})
   * @param prefix account name prefix, unique per fleet
   * @param journal the journal of every socket (the service's)
   * @param reconnectInitialDelayMs bound of the first reconnect delay (full jitter), also the retry
   *     delay after a rate-limited upgrade
   * @param reconnectMaxDelayMs the backoff cap (at least the initial delay)
   */
  GatewayFleet(
      Vertx vertx,
      String url,
      String prefix,
      EventJournal journal,
      long reconnectInitialDelayMs,
      long reconnectMaxDelayMs) {
    this.initialDelayMs = reconnectInitialDelayMs;
    this.maxDelayMs = Math.max(reconnectInitialDelayMs, reconnectMaxDelayMs);
    this.vertx = vertx;
    this.url = url;
    this.prefix = prefix;
    this.journal = journal;
    this.status =
        vertx
            .eventBus()
            .consumer(
                CloudbusAddresses.STATUS,
                m -> {
                  String account = m.body().getString("account");
                  if (account != null && account.startsWith(prefix)) {
                    states.put(account, m.body().getString("state", "?"));
                  }
                });
  }

  /**
   * Deploys {@code n} more sockets (in chunks, so that deploys do not all pile up at once). Not for
   * concurrent use with itself.
   */
  Future<Void> deploy(int n) {
    Future<Void> chain = status.completion();
    int first = size;
    size += n;
    for (int from = first; from < size; from += DEPLOY_CHUNK) {
      int start = from;
      int end = Math.min(size, from + DEPLOY_CHUNK);
      chain = chain.compose(v -> deployRange(start, end));
    }
    return chain;
  }

  private Future<Void> deployRange(int from, int to) {
    GenericAdapterProvider provider = new GenericAdapterProvider();
    List<Future<String>> all = new ArrayList<>();
    for (int i = from; i < to; i++) {
      JsonObject account =
          new JsonObject()
              .put("adapter", "generic")
              .put("profile", "pylight")
              .put("account", prefix + i)
              .put("url", url)
              .put("table", MockAdmin.TABLE)
              .put(
                  "socket",
                  new JsonObject()
                      .put("reconnectInitialDelayMs", initialDelayMs)
                      .put("reconnectMaxDelayMs", maxDelayMs)
                      .put("rateLimitedMinDelayMs", initialDelayMs)
                      .put("rateLimitedMaxDelayMs", Math.max(maxDelayMs, 4 * initialDelayMs)));
      CloudSocket socket =
          provider.create(vertx, account, TokenStore.inMemory()).useJournal(journal);
      all.add(
          vertx
              .deployVerticle(socket)
              .onSuccess(
                  id -> {
                    synchronized (deployments) {
                      deployments.add(id);
                    }
                  }));
    }
    return Future.all(all).mapEmpty();
  }

  /** Sockets deployed (or being deployed) so far. */
  int size() {
    return size;
  }

  /** The number of sockets whose latest status is {@code connected}. */
  int connected() {
    int n = 0;
    for (String s : states.values()) {
      if ("connected".equals(s)) {
        n++;
      }
    }
    return n;
  }

  /** Undeploys every socket (closing its WebSocket) and stops listening to status. */
  Future<Void> close() {
    List<Future<?>> all = new ArrayList<>();
    synchronized (deployments) {
      for (String id : deployments) {
        all.add(vertx.undeploy(id).recover(e -> Future.succeededFuture()));
      }
      deployments.clear();
    }
    return Future.join(all)
        .transform(v -> status.unregister())
        .recover(e -> Future.succeededFuture());
  }
}

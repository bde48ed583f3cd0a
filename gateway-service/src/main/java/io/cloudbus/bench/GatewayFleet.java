package io.cloudbus.bench;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.TokenStore;
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
 * {@code n} real gateway sockets: generic-adapter accounts with the shipped {@code pylight}
 * profile, all on the mock's {@code products} table, each deployed as its own {@link CloudSocket}
 * verticle exactly as {@code cloudbus run} deploys an account. Connection state is read from the
 * contract status messages on {@code cloudbus.status}.
 *
 * <p>Socket options: reconnect delay 500 ms initial, 5 s max (the demo's), everything else the
 * defaults. Threading: methods may be called from any thread.
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

  /**
   * @param url the mock's Pylight base URL ({@code endpoints("pylight").url})
   * @param prefix account name prefix, unique per fleet
   */
  GatewayFleet(Vertx vertx, String url, String prefix) {
    this.vertx = vertx;
    this.url = url;
    this.prefix = prefix;
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

  /** Deploys {@code n} sockets (in chunks, so that deploys do not all pile up at once). */
  Future<Void> deploy(int n) {
    Future<Void> chain = status.completion();
    for (int from = 0; from < n; from += DEPLOY_CHUNK) {
      int start = from;
      int end = Math.min(n, from + DEPLOY_CHUNK);
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
                      .put("reconnectInitialDelayMs", RECONNECT_INITIAL_DELAY_MS)
                      .put("reconnectMaxDelayMs", RECONNECT_MAX_DELAY_MS));
      CloudSocket socket = provider.create(vertx, account, TokenStore.inMemory());
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

package io.cloudbus.cluster;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStore} shared by the cluster, so that an account moving to another node goes on
 * with the tokens its previous owner had (no new login: BTicino e-mails the user on every login,
 * and a refresh token rotated on one node would be stale on the others). Tokens live in the
 * clustered map {@value #MAP_NAME} (Hazelcast {@code IMap}, one backup on another member) as the
 * JSON of {@link AccessToken#toJson()}, and are written through to this node's own store ({@code
 * local}: the file store, or memory), which also answers when the map has no entry, e.g. after the
 * whole cluster restarted.
 *
 * <p>Failure modes: a map error is logged (key and error only, never a token) and the local store
 * answers; {@link #save} and {@link #remove} fail only when the local store fails. Thread-safe;
 * never blocks.
 */
public final class ClusterTokenStore implements TokenStore {

  /** The name of the clustered map holding the tokens. */
  public static final String MAP_NAME = "cloudbus.tokens";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterTokenStore.class);

  private final Vertx vertx;
  private final TokenStore local;
  private volatile Future<AsyncMap<String, String>> map;

  /**
   * @param vertx a clustered Vertx (on a local one the map is per JVM)
   * @param local this node's own store, written through and read when the map has nothing
   */
  public ClusterTokenStore(Vertx vertx, TokenStore local) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.local = Objects.requireNonNull(local, "local");
  }

  @Override
  public Future<AccessToken> load(String key) {
    return map()
        .compose(m -> m.get(key))
        .map(json -> json == null ? null : AccessToken.fromJson(new JsonObject(json)))
        .recover(
            err -> {
              LOG.warn("cluster token store unavailable for {}: {}", key, err.getClass().getName());
              return Future.succeededFuture(null);
            })
        .compose(shared -> shared != null ? Future.succeededFuture(shared) : local.load(key));
  }

  @Override
  public Future<Void> save(String key, AccessToken token) {
    Future<Void> shared =
        map()
            .compose(m -> m.put(key, token.toJson().encode()))
            .recover(
                err -> {
                  LOG.warn(
                      "cannot share the token of {} with the cluster: {}",
                      key,
                      err.getClass().getName());
                  return Future.succeededFuture();
                });
    return shared.compose(v -> local.save(key, token));
  }

  @Override
  public Future<Void> remove(String key) {
    Future<Void> shared =
        map()
            .compose(m -> m.remove(key))
            .<Void>mapEmpty()
            .recover(
                err -> {
                  LOG.warn(
                      "cannot remove the token of {} from the cluster: {}",
                      key,
                      err.getClass().getName());
                  return Future.succeededFuture();
                });
    return shared.compose(v -> local.remove(key));
  }

  private Future<AsyncMap<String, String>> map() {
    Future<AsyncMap<String, String>> m = map;
    if (m == null || m.failed()) {
      m = vertx.sharedData().getAsyncMap(MAP_NAME);
      map = m;
    }
    return m;
  }
}

package io.cloudbus.cluster;

import io.cloudbus.core.EventDeduplicator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventDeduplicator} shared by the whole cluster: the ids live in one clustered async map
 * (a Hazelcast {@code IMap} with a backup on another member), each for {@code ttlMs}. A node that
 * takes an account over therefore drops what the previous owner already published, e.g. the overlap
 * of its catch-up.
 *
 * <p>Cost: one remote {@code putIfAbsent} per event (usually one network round trip, since the
 * key's partition is on another member with probability (n-1)/n). On a map error the event counts
 * as new (delivered twice rather than lost). Thread-safe.
 */
public final class ClusterDeduplicator implements EventDeduplicator {

  /** The name of the clustered map holding the ids. */
  public static final String MAP_NAME = "cloudbus.dedup";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterDeduplicator.class);

  private final Vertx vertx;
  private final long ttlMs;
  private volatile Future<AsyncMap<String, Boolean>> map;

  /**
   * @param vertx a clustered Vertx (on a local one the map is per JVM)
   * @param ttlMs how long an id is remembered, in milliseconds (positive)
   */
  public ClusterDeduplicator(Vertx vertx, long ttlMs) {
    if (ttlMs <= 0) {
      throw new IllegalArgumentException("ttlMs: must be positive");
    }
    this.vertx = vertx;
    this.ttlMs = ttlMs;
  }

  @Override
  public Future<Boolean> firstSeen(String eventId) {
    return map()
        .compose(m -> m.putIfAbsent(eventId, Boolean.TRUE, ttlMs))
        .map(previous -> previous == null)
        .recover(
            err -> {
              LOG.warn("cluster dedup unavailable, delivering {}: {}", eventId, err.toString());
              return Future.succeededFuture(true);
            });
  }

  private Future<AsyncMap<String, Boolean>> map() {
    Future<AsyncMap<String, Boolean>> m = map;
    if (m == null || m.failed()) {
      m = vertx.sharedData().getAsyncMap(MAP_NAME);
      map = m;
    }
    return m;
  }
}

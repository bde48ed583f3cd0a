package io.cloudbus.core.impl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudbus.core.EventDeduplicator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * An {@link EventDeduplicator} on a bounded Caffeine cache: at most {@code maxIds} ids (least
 * recently used evicted first), each forgotten {@code ttl} after it was first seen. Answers
 * synchronously (already-completed futures). Thread-safe.
 *
 * <p>The cache is built on the first id (an idle socket holds none of it: about 2 KB of Caffeine
 * structures per account, docs/benchmarks.md "Heap per idle socket, third round").
 */
public final class CaffeineEventDeduplicator implements EventDeduplicator {

  private static final Future<Boolean> FIRST = Future.succeededFuture(true);
  private static final Future<Boolean> DUPLICATE = Future.succeededFuture(false);

  private final int maxIds;
  private final long ttlNanos;
  private volatile Cache<String, Boolean> seen;

  public CaffeineEventDeduplicator(int maxIds, Duration ttl) {
    if (maxIds <= 0 || ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("maxIds and ttl must be > 0");
    }
    this.maxIds = maxIds;
    this.ttlNanos = ttl.toNanos();
  }

  @Override
  public Future<Boolean> firstSeen(String eventId) {
    if (eventId == null) {
      return FIRST;
    }
    return cache().asMap().putIfAbsent(eventId, Boolean.TRUE) == null ? FIRST : DUPLICATE;
  }

  private Cache<String, Boolean> cache() {
    Cache<String, Boolean> c = seen;
    if (c == null) {
      synchronized (this) {
        c = seen;
        if (c == null) {
          c =
              Caffeine.newBuilder()
                  .maximumSize(maxIds)
                  .expireAfterWrite(Duration.ofNanos(ttlNanos))
                  .executor(CaffeineEventDeduplicator::maintain)
                  .build();
          seen = c;
        }
      }
    }
    return c;
  }

  /** Whether the cache exists yet (it is built on the first id; for tests). */
  boolean allocated() {
    return seen != null;
  }

  /**
   * Runs Caffeine's maintenance (eviction, expiry) at the end of the calling event loop's current
   * work, so that a burst of events of one read is maintained once, on the same thread; off an
   * event loop, at once. With Caffeine's default (the common pool) every burst woke another thread.
   */
  private static void maintain(Runnable task) {
    Context context = Vertx.currentContext();
    if (context != null && context.isEventLoopContext()) {
      context.runOnContext(v -> task.run());
    } else {
      task.run();
    }
  }

  /** Ids currently remembered (approximate; for stats and tests). */
  public long size() {
    Cache<String, Boolean> c = seen;
    return c == null ? 0 : c.estimatedSize();
  }
}

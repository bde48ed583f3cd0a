package io.cloudbus.core.impl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudbus.core.EventDeduplicator;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * An {@link EventDeduplicator} on a bounded Caffeine cache: at most {@code maxIds} ids (least
 * recently used evicted first), each forgotten {@code ttl} after it was first seen. Answers
 * synchronously (already-completed futures). Thread-safe.
 */
public final class CaffeineEventDeduplicator implements EventDeduplicator {

  private static final Future<Boolean> FIRST = Future.succeededFuture(true);
  private static final Future<Boolean> DUPLICATE = Future.succeededFuture(false);

  private final Cache<String, Boolean> seen;

  public CaffeineEventDeduplicator(int maxIds, Duration ttl) {
    if (maxIds <= 0 || ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("maxIds and ttl must be > 0");
    }
    // Maintenance (eviction, expiry) on the calling thread, amortized over writes: with the common
    // pool it was handed to another thread after bursts of inserts, a wake-up per burst.
    this.seen =
        Caffeine.newBuilder()
            .maximumSize(maxIds)
            .expireAfterWrite(ttl)
            .executor(Runnable::run)
            .build();
  }

  @Override
  public Future<Boolean> firstSeen(String eventId) {
    if (eventId == null) {
      return FIRST;
    }
    return seen.asMap().putIfAbsent(eventId, Boolean.TRUE) == null ? FIRST : DUPLICATE;
  }

  /** Ids currently remembered (approximate; for stats and tests). */
  public long size() {
    return seen.estimatedSize();
  }
}

package io.cloudbus.core;

import io.cloudbus.core.impl.CaffeineEventDeduplicator;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Remembers the ids of events already published, so that vendor retransmits and catch-up overlap
 * are dropped. One instance per account socket by default; a cluster may plug in a shared one (e.g.
 * on a distributed map) so that a fail-over node does not re-publish what the old node already did.
 *
 * <p>Implementations are thread-safe. A socket asks for its events strictly one after the other and
 * publishes in answer order, so an asynchronous implementation keeps the event order.
 */
public interface EventDeduplicator {

  /**
   * Records {@code eventId} and answers true when it was not seen before (within the
   * implementation's memory), false for a duplicate. Never fails for a normal id; on an internal
   * error an implementation should answer true (deliver twice rather than lose).
   *
   * @param eventId the key of the event: the socket passes the CloudEvents {@code source} and
   *     {@code id} joined by {@code #} (e.g. {@code /cloudbus/bticino/home#<session>-ring}), unique
   *     across accounts
   */
  Future<Boolean> firstSeen(String eventId);

  /** A local Caffeine cache of at most {@code maxIds} ids, each kept for {@code ttl}. */
  static EventDeduplicator caffeine(int maxIds, Duration ttl) {
    return new CaffeineEventDeduplicator(maxIds, ttl);
  }
}

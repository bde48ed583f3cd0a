package io.cloudbus.webhooks;

import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.webhooks.impl.WebhookVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.List;

/**
 * POSTs each event of this node's bus that matches a webhook's filter to its URL as a CloudEvents
 * HTTP request (structured or binary mode), signed ({@link WebhookSignature}), one request at a
 * time per webhook and account so that each account's events arrive in order. A 2xx answer
 * delivers; a 5xx, 408, 429, a timeout or a connection failure is retried with exponential backoff
 * and full jitter; any other answer, or {@code maxAttempts} failures, dead-letters the event
 * (counted, logged, skipped). See docs/webhooks.md.
 *
 * <p>Without a journal ({@link #start(Vertx, List)}) events wait in memory: a receiver that is down
 * is caught up when it comes back, as long as the gateway runs and fewer than {@code maxPending}
 * events per account wait. With a journal ({@link #start(Vertx, List, EventJournal, Instant)}) each
 * webhook reads the journal from its delivery cursor ({@code webhook:<name>} in {@link
 * EventJournal#cursors()}), so that what was journaled while the receiver or the gateway was down
 * is delivered afterwards, in order per account.
 */
public interface WebhookOutput {

  /** Events held in memory only (at least once while the gateway runs). */
  static Future<WebhookOutput> start(Vertx vertx, List<WebhookOptions> webhooks) {
    return WebhookVerticle.deploy(vertx, webhooks, null, null);
  }

  /**
   * Events read from {@code journal}, each webhook from its stored cursor; a webhook without one
   * (new) starts with the events journaled from {@code liveFrom} on (the time the gateway started,
   * so that its first events are not missed), not with the whole history. Fails when two webhooks
   * have the same name or the journal cannot be read.
   */
  static Future<WebhookOutput> start(
      Vertx vertx, List<WebhookOptions> webhooks, EventJournal journal, Instant liveFrom) {
    return WebhookVerticle.deploy(vertx, webhooks, journal, liveFrom);
  }

  /**
   * Per webhook, in configuration order: {@code name}, {@code delivered}, {@code failed} (attempts
   * answered with a failure or none), {@code retries}, {@code deadLetters}, {@code pending} (in
   * memory), {@code lastSuccess} (epoch milliseconds, 0 before the first); with a journal also
   * {@code cursor} and {@code backlog} (journal positions after the cursor).
   */
  JsonArray stats();

  /** Stops delivering (pending events are dropped; with a journal, the cursor is stored). */
  Future<Void> close();
}

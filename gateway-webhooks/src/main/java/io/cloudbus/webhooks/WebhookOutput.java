package io.cloudbus.webhooks;

import io.cloudbus.webhooks.impl.WebhookVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * POSTs each event of this node's bus that matches a webhook's filter to its URL as a CloudEvents
 * HTTP request (structured or binary mode), signed ({@link WebhookSignature}), one request at a
 * time per webhook and account so that each account's events arrive in order. A 2xx answer
 * delivers; a 5xx, 408, 429, a timeout or a connection failure is retried with exponential backoff
 * and full jitter; any other answer, or {@code maxAttempts} failures, dead-letters the event
 * (counted, logged, skipped). See docs/webhooks.md.
 *
 * <p>Events wait in memory: a receiver that is down is caught up when it comes back, as long as the
 * gateway runs and fewer than {@code maxPending} events per account wait.
 */
public interface WebhookOutput {

  static Future<WebhookOutput> start(Vertx vertx, List<WebhookOptions> webhooks) {
    return WebhookVerticle.deploy(vertx, webhooks);
  }

  /**
   * Per webhook, in configuration order: {@code url}, {@code delivered}, {@code retries}, {@code
   * deadLetters}, {@code pending}.
   */
  JsonArray stats();

  /** Stops delivering (pending events are dropped) and undeploys. Never fails. */
  Future<Void> close();
}

package io.cloudbus.cli;

import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.webhooks.WebhookOptions;
import io.cloudbus.webhooks.WebhookOutput;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;

/** Starts and stops the webhook output for {@code run} (blocking, bounded). */
final class Webhooks {

  private Webhooks() {}

  /**
   * Deploys the output, or returns null when no webhook is configured. With {@code journal} each
   * webhook reads it from its delivery cursor (a new one from the events journaled since {@code
   * startedAt}); without, events wait in memory.
   */
  static WebhookOutput start(
      Vertx vertx, List<WebhookOptions> webhooks, EventJournal journal, Instant startedAt)
      throws InterruptedException {
    if (webhooks.isEmpty()) {
      return null;
    }
    return Blocking.await(
        journal == null
            ? WebhookOutput.start(vertx, webhooks)
            : WebhookOutput.start(vertx, webhooks, journal, startedAt),
        Blocking.START_TIMEOUT_S,
        "cannot start the webhooks");
  }

  /** Stops delivering (with a journal, the cursors are stored); null does nothing. */
  static void close(WebhookOutput output) throws InterruptedException {
    if (output != null) {
      Blocking.await(output.close(), Blocking.CLOSE_TIMEOUT_S, "closing the webhooks");
    }
  }
}

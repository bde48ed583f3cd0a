package io.cloudbus.webhooks.impl;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalFeed;
import io.cloudbus.webhooks.WebhookOptions;
import io.cloudbus.webhooks.WebhookOutput;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WebhookOutput}: a verticle with one {@link Lane} per webhook and account. Without a
 * journal, events come from the bus into the lanes; with one, each webhook's {@link JournalFeed}
 * reads them from the journal (the bus only says that there are new ones).
 */
public final class WebhookVerticle extends VerticleBase implements WebhookOutput {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);

  /** More accounts than one gateway runs; a lane beyond is not created (its events dead-letter). */
  static final int MAX_LANES = 10_000;

  /** How often a journal-fed webhook looks for events it was not told about (another node's). */
  static final long TICK_MS = 1_000;

  private final List<Hook> hooks = new ArrayList<>();
  private final EventJournal journal;
  private final Instant liveFrom;
  private HttpClient client;
  private WebhookPost post;
  private long tick = -1;
  private volatile JsonArray stats = new JsonArray();

  /** One configured webhook with its lanes and counters. */
  private static final class Hook {
    final WebhookOptions options;
    final Map<String, Lane> lanes = new LinkedHashMap<>();
    JournalFeed feed;
    long delivered;
    long failed;
    long retries;
    long deadLetters;
    long lastSuccess;

    Hook(WebhookOptions options) {
      this.options = options;
    }
  }

  private WebhookVerticle(List<WebhookOptions> webhooks, EventJournal journal, Instant liveFrom) {
    Set<String> names = new HashSet<>();
    for (WebhookOptions o : webhooks) {
      if (!names.add(o.name())) {
        throw new IllegalArgumentException(
            "webhooks: two webhooks named " + o.name() + " (set a distinct name on each)");
      }
      hooks.add(new Hook(o));
    }
    this.journal = journal;
    this.liveFrom = liveFrom == null ? Instant.now() : liveFrom;
    updateStats();
  }

  public static Future<WebhookOutput> deploy(
      Vertx vertx, List<WebhookOptions> webhooks, EventJournal journal, Instant liveFrom) {
    WebhookVerticle v;
    try {
      v = new WebhookVerticle(webhooks, journal, liveFrom);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return vertx.deployVerticle(v).map(id -> v);
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient();
    post = new WebhookPost(vertx, client);
    List<Future<?>> started = new ArrayList<>();
    started.add(
        vertx
            .eventBus()
            .<JsonObject>localConsumer(CloudbusAddresses.EVENTS, m -> onEvent(m.body()))
            .completion());
    if (journal != null) {
      for (Hook hook : hooks) {
        hook.feed =
            new JournalFeed(
                journal,
                "webhook:" + hook.options.name(),
                hook.options.maxPending(),
                hook.options::matches,
                e -> enqueue(hook, new Lane.Item(e.event(), e.position())));
        started.add(hook.feed.start(liveFrom));
      }
      tick = vertx.setPeriodic(TICK_MS, id -> onTick());
    }
    return Future.all(started).onSuccess(v -> updateStats());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(tick);
    List<Future<Void>> closed = new ArrayList<>();
    hooks.stream().filter(h -> h.feed != null).forEach(h -> closed.add(h.feed.close()));
    return Future.join(closed).onComplete(ar -> client.close());
  }

  @Override
  public JsonArray stats() {
    return stats.copy();
  }

  @Override
  public Future<Void> close() {
    String id = deploymentID();
    return id == null
        ? Future.succeededFuture()
        : vertx.undeploy(id).recover(err -> Future.succeededFuture());
  }

  private void onTick() {
    for (Hook hook : hooks) {
      hook.feed.refreshLatest();
      hook.feed.wake();
    }
    updateStats();
  }

  private void onEvent(JsonObject event) {
    if (event == null) {
      return;
    }
    for (Hook hook : hooks) {
      if (!hook.options.matches(event)) {
        continue;
      }
      if (hook.feed != null) {
        hook.feed.wake(); // the event is in the journal (or about to be: the next tick)
      } else {
        enqueue(hook, new Lane.Item(event, -1));
      }
    }
    updateStats();
  }

  private void enqueue(Hook hook, Lane.Item item) {
    JsonObject event = item.event();
    String key = event.getValue("vendor") + "/" + event.getValue("account");
    Lane lane = hook.lanes.get(key);
    if (lane == null) {
      if (hook.lanes.size() >= MAX_LANES) {
        hook.deadLetters++;
        finished(hook, item);
        return;
      }
      lane = new Lane(hook.options.maxPending());
      hook.lanes.put(key, lane);
    }
    Lane.Item dropped = lane.add(item);
    if (dropped != null) {
      hook.deadLetters++;
      LOG.warn(
          "webhook {}: {} events waiting for {}: the oldest dropped",
          hook.options.name(),
          hook.options.maxPending(),
          key);
      finished(hook, dropped);
    }
    send(hook, lane);
  }

  /** An item left its lane (delivered or dead-lettered): the journal feed may move on. */
  private static void finished(Hook hook, Lane.Item item) {
    if (hook.feed != null && item.position() >= 0) {
      hook.feed.done(item.position());
    }
  }

  private void send(Hook hook, Lane lane) {
    Lane.Item item = lane.head();
    if (lane.busy || item == null) {
      return;
    }
    lane.busy = true;
    lane.attempts++;
    WebhookOptions o = hook.options;
    WebhookRequest request = WebhookRequest.of(o, item.event(), System.currentTimeMillis() / 1000);
    post.send(o.url(), request, o.timeoutMs())
        .onComplete(
            ar -> {
              lane.busy = false;
              int status = ar.succeeded() ? ar.result() : -1;
              if (status >= 200 && status < 300) {
                hook.delivered++;
                hook.lastSuccess = System.currentTimeMillis();
                finished(hook, lane.done());
                send(hook, lane);
              } else if (retryable(status) && lane.attempts < o.maxAttempts()) {
                hook.failed++;
                hook.retries++;
                long delay = delay(o, lane.attempts);
                LOG.info(
                    "webhook {}: {}; retry {} in {} ms",
                    o.name(),
                    why(status, ar.cause()),
                    lane.attempts,
                    delay);
                lane.busy = true;
                vertx.setTimer(
                    delay,
                    id -> {
                      lane.busy = false;
                      send(hook, lane);
                    });
              } else {
                hook.failed++;
                hook.deadLetters++;
                LOG.warn(
                    "webhook {}: event {} dead-lettered after {} attempts: {}",
                    o.name(),
                    item.event().getValue("id"),
                    lane.attempts,
                    why(status, ar.cause()));
                finished(hook, lane.done());
                send(hook, lane);
              }
              updateStats();
            });
  }

  /** 5xx, 408, 429 and no answer at all (-1) are worth another try; other answers are final. */
  static boolean retryable(int status) {
    return status < 0 || status >= 500 || status == 408 || status == 429;
  }

  /** Attempt n waits a random time in [initial, min(max, initial * 2^(n-1))]. */
  static long delay(WebhookOptions o, int attempt) {
    long initial = o.retryInitialDelayMs();
    long ceiling = Math.min(o.retryMaxDelayMs(), initial << Math.min(attempt - 1, 30));
    return ThreadLocalRandom.current().nextLong(initial, Math.max(initial, ceiling) + 1);
  }

  private static String why(int status, Throwable cause) {
    if (status >= 0) {
      return "HTTP " + status;
    }
    return cause == null ? "failed" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private void updateStats() {
    JsonArray out = new JsonArray();
    for (Hook h : hooks) {
      int pending = h.lanes.values().stream().mapToInt(Lane::size).sum();
      JsonObject s =
          new JsonObject()
              .put("name", h.options.name())
              .put("delivered", h.delivered)
              .put("failed", h.failed)
              .put("retries", h.retries)
              .put("deadLetters", h.deadLetters)
              .put("pending", pending)
              .put("lastSuccess", h.lastSuccess);
      if (h.feed != null) {
        s.put("cursor", h.feed.cursor()).put("backlog", h.feed.backlog());
      }
      out.add(s);
    }
    stats = out;
  }
}

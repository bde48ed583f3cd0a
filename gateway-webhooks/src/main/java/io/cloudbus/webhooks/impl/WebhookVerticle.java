package io.cloudbus.webhooks.impl;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.webhooks.WebhookOptions;
import io.cloudbus.webhooks.WebhookOutput;
import io.cloudbus.webhooks.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link WebhookOutput}: a verticle with one {@link Lane} per webhook and account. */
public final class WebhookVerticle extends VerticleBase implements WebhookOutput {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);

  /** More accounts than one gateway runs; a lane beyond is not created (its events dead-letter). */
  static final int MAX_LANES = 10_000;

  private final List<Hook> hooks = new ArrayList<>();
  private WebClient client;
  private volatile JsonArray stats = new JsonArray();

  /** One configured webhook with its lanes and counters. */
  private static final class Hook {
    final WebhookOptions options;
    final Map<String, Lane> lanes = new LinkedHashMap<>();
    long delivered;
    long retries;
    long deadLetters;

    Hook(WebhookOptions options) {
      this.options = options;
    }
  }

  private WebhookVerticle(List<WebhookOptions> webhooks) {
    webhooks.forEach(o -> hooks.add(new Hook(o)));
    updateStats();
  }

  public static Future<WebhookOutput> deploy(Vertx vertx, List<WebhookOptions> webhooks) {
    WebhookVerticle v = new WebhookVerticle(webhooks);
    return vertx.deployVerticle(v).map(id -> v);
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx);
    return vertx
        .eventBus()
        .<JsonObject>localConsumer(CloudbusAddresses.EVENTS, m -> onEvent(m.body()))
        .completion();
  }

  @Override
  public Future<?> stop() {
    client.close();
    return Future.succeededFuture();
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

  private void onEvent(JsonObject event) {
    if (event == null) {
      return;
    }
    String key = event.getValue("vendor") + "/" + event.getValue("account");
    for (Hook hook : hooks) {
      if (!hook.options.matches(event)) {
        continue;
      }
      Lane lane = hook.lanes.get(key);
      if (lane == null) {
        if (hook.lanes.size() >= MAX_LANES) {
          hook.deadLetters++;
          continue;
        }
        lane = new Lane(hook.options.maxPending());
        hook.lanes.put(key, lane);
      }
      if (lane.add(event) != null) {
        hook.deadLetters++;
        LOG.warn(
            "webhook {}: {} events waiting for {}: the oldest dropped",
            hook.options.url(),
            hook.options.maxPending(),
            key);
      }
      send(hook, lane);
    }
    updateStats();
  }

  private void send(Hook hook, Lane lane) {
    JsonObject event = lane.head();
    if (lane.busy || event == null) {
      return;
    }
    lane.busy = true;
    lane.attempts++;
    WebhookOptions o = hook.options;
    Buffer body;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (o.mode().equals("binary")) {
      Object data = event.getValue("data");
      body = data == null ? Buffer.buffer() : Buffer.buffer(io.vertx.core.json.Json.encode(data));
      headers.set("Content-Type", event.getString("datacontenttype", "application/json"));
      for (String attribute : event.fieldNames()) {
        Object v = event.getValue(attribute);
        if (!attribute.equals("data")
            && !attribute.equals("datacontenttype")
            && v != null
            && !(v instanceof JsonObject)
            && !(v instanceof JsonArray)) {
          headers.set("ce-" + attribute, String.valueOf(v));
        }
      }
    } else {
      body = event.toBuffer();
      headers.set("Content-Type", "application/cloudevents+json; charset=utf-8");
    }
    long now = System.currentTimeMillis() / 1000;
    headers.set(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
    headers.set(
        WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(o.secret(), now, body.getBytes()));
    client
        .postAbs(o.url())
        .putHeaders(headers)
        .timeout(o.timeoutMs())
        .sendBuffer(body)
        .onComplete(
            ar -> {
              lane.busy = false;
              int status = ar.succeeded() ? ar.result().statusCode() : -1;
              if (status >= 200 && status < 300) {
                hook.delivered++;
                lane.done();
                send(hook, lane);
              } else if (retryable(status) && lane.attempts < o.maxAttempts()) {
                hook.retries++;
                long delay = delay(o, lane.attempts);
                LOG.info(
                    "webhook {}: {}; retry {} in {} ms",
                    o.url(),
                    why(ar.succeeded() ? ar.result() : null, ar.cause()),
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
                hook.deadLetters++;
                LOG.warn(
                    "webhook {}: event {} dead-lettered after {} attempts: {}",
                    o.url(),
                    event.getValue("id"),
                    lane.attempts,
                    why(ar.succeeded() ? ar.result() : null, ar.cause()));
                lane.done();
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

  private static String why(HttpResponse<Buffer> response, Throwable cause) {
    if (response != null) {
      return "HTTP " + response.statusCode();
    }
    return cause == null ? "failed" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private void updateStats() {
    JsonArray out = new JsonArray();
    for (Hook h : hooks) {
      int pending = h.lanes.values().stream().mapToInt(Lane::size).sum();
      out.add(
          new JsonObject()
              .put("url", h.options.url())
              .put("delivered", h.delivered)
              .put("retries", h.retries)
              .put("deadLetters", h.deadLetters)
              .put("pending", pending));
    }
    stats = out;
  }
}

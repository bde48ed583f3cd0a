package io.cloudbus.cli;

import io.cloudbus.mqtt.MqttOutput;
import io.cloudbus.webhooks.WebhookOutput;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The outputs' counters in the service's {@code /metrics} (names in docs/service.md, Metrics): each
 * webhook's, labelled {@code webhook="<name>"} (never its URL or secret), and the MQTT output's.
 * Read from the outputs' {@code stats()} at each scrape; removed again by {@link #close()}.
 */
final class OutputMetrics implements AutoCloseable {

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  // function counters hold their object weakly: the suppliers live as long as this
  private final List<Supplier<JsonObject>> sources = new ArrayList<>();

  private OutputMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Registers the meters of the outputs that run (null: not running) in {@code registry} (null: the
   * Vert.x instance has no metrics, nothing is registered).
   */
  static OutputMetrics register(MeterRegistry registry, MqttOutput mqtt, WebhookOutput webhooks) {
    OutputMetrics m = new OutputMetrics(registry);
    if (registry == null) {
      return m;
    }
    if (webhooks != null) {
      JsonArray all = webhooks.stats();
      for (int i = 0; i < all.size(); i++) {
        m.webhook(webhooks, i, all.getJsonObject(i));
      }
    }
    if (mqtt != null) {
      Supplier<JsonObject> s = mqtt::stats;
      m.counter("cloudbus.mqtt.published", "events acknowledged by the broker", s, "published");
      m.counter(
          "cloudbus.mqtt.dropped", "events dropped while held beyond maxPending", s, "dropped");
      m.counter(
          "cloudbus.mqtt.reconnects", "connections to the broker after the first", s, "reconnects");
      m.gauge("cloudbus.mqtt.held", "events held: not yet acknowledged by the broker", s, "held");
      m.meters.add(
          Gauge.builder(
                  "cloudbus.mqtt.connected", () -> s.get().getBoolean("connected", false) ? 1 : 0)
              .description("1 while connected to the broker")
              .register(registry));
    }
    return m;
  }

  private void webhook(WebhookOutput output, int index, JsonObject first) {
    String name = first.getString("name");
    Supplier<JsonObject> s = () -> output.stats().getJsonObject(index);
    String[] tag = {"webhook", name};
    counter(
        "cloudbus.webhook.delivered",
        "events the receiver acknowledged (2xx)",
        s,
        "delivered",
        tag);
    counter(
        "cloudbus.webhook.failed", "attempts that failed (no answer, 4xx, 5xx)", s, "failed", tag);
    counter("cloudbus.webhook.retries", "failed attempts tried again", s, "retries", tag);
    counter("cloudbus.webhook.dead.letters", "events given up", s, "deadLetters", tag);
    gauge("cloudbus.webhook.pending", "events in memory waiting for delivery", s, "pending", tag);
    meters.add(
        Gauge.builder(
                "cloudbus.webhook.last.success", () -> s.get().getLong("lastSuccess", 0L) / 1000.0)
            .description(
                "time of the last acknowledged delivery, seconds since the epoch (0: none)")
            .baseUnit("seconds")
            .tags(tag)
            .register(registry));
    if (first.containsKey("backlog")) {
      gauge(
          "cloudbus.webhook.backlog",
          "journal positions after the delivery cursor",
          s,
          "backlog",
          tag);
    }
  }

  private void counter(
      String meter, String description, Supplier<JsonObject> s, String field, String... tags) {
    sources.add(s);
    meters.add(
        FunctionCounter.builder(meter, s, x -> x.get().getLong(field, 0L))
            .description(description)
            .tags(tags)
            .register(registry));
  }

  private void gauge(
      String meter, String description, Supplier<JsonObject> s, String field, String... tags) {
    meters.add(
        Gauge.builder(meter, () -> s.get().getLong(field, 0L))
            .description(description)
            .tags(tags)
            .register(registry));
  }

  /** Removes the meters (the registry outlives a run in tests and embedding). */
  @Override
  public void close() {
    if (registry != null) {
      meters.forEach(registry::remove);
    }
    meters.clear();
  }
}

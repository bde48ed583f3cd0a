package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.mqtt.MqttOutput;
import io.cloudbus.webhooks.WebhookOutput;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The outputs' stats as Prometheus text: names, labels, values read at each scrape, removal. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutputMetricsTest {

  /** An output whose stats the test sets: the mapping under test reads whatever it reports. */
  static final class Outputs implements MqttOutput {
    final AtomicReference<JsonObject> mqtt = new AtomicReference<>(new JsonObject());
    final AtomicReference<JsonArray> webhooks = new AtomicReference<>(new JsonArray());

    @Override
    public JsonObject stats() {
      return mqtt.get();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  @Test
  void mqttAndWebhookCountersAreScrapedByName() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Outputs o = new Outputs();
    o.mqtt.set(
        new JsonObject()
            .put("connected", true)
            .put("held", 3)
            .put("published", 41)
            .put("dropped", 2)
            .put("reconnects", 1));
    JsonObject hook =
        new JsonObject()
            .put("name", "doorbell")
            .put("delivered", 7)
            .put("failed", 4)
            .put("retries", 3)
            .put("deadLetters", 1)
            .put("pending", 5)
            .put("lastSuccess", 1_796_000_000_000L)
            .put("cursor", 10)
            .put("backlog", 6);
    WebhookOutput webhooks =
        new WebhookOutput() {
          @Override
          public JsonArray stats() {
            return o.webhooks.get();
          }

          @Override
          public Future<Void> close() {
            return Future.succeededFuture();
          }
        };
    o.webhooks.set(new JsonArray().add(hook));

    OutputMetrics metrics = OutputMetrics.register(registry, o, webhooks);
    String text = registry.scrape();
    assertThat(text)
        .contains("cloudbus_mqtt_connected 1.0")
        .contains("cloudbus_mqtt_held 3.0")
        .contains("cloudbus_mqtt_published_total 41.0")
        .contains("cloudbus_mqtt_dropped_total 2.0")
        .contains("cloudbus_mqtt_reconnects_total 1.0")
        .contains("cloudbus_webhook_delivered_total{webhook=\"doorbell\"} 7.0")
        .contains("cloudbus_webhook_failed_total{webhook=\"doorbell\"} 4.0")
        .contains("cloudbus_webhook_retries_total{webhook=\"doorbell\"} 3.0")
        .contains("cloudbus_webhook_dead_letters_total{webhook=\"doorbell\"} 1.0")
        .contains("cloudbus_webhook_pending{webhook=\"doorbell\"} 5.0")
        .contains("cloudbus_webhook_backlog{webhook=\"doorbell\"} 6.0")
        .contains("cloudbus_webhook_last_success_seconds{webhook=\"doorbell\"} 1.796E9");

    // values are read at each scrape
    o.mqtt.set(o.mqtt.get().copy().put("connected", false).put("published", 42));
    o.webhooks.set(new JsonArray().add(hook.copy().put("delivered", 8)));
    assertThat(registry.scrape())
        .contains("cloudbus_mqtt_connected 0.0")
        .contains("cloudbus_mqtt_published_total 42.0")
        .contains("cloudbus_webhook_delivered_total{webhook=\"doorbell\"} 8.0");

    // and gone after close
    metrics.close();
    assertThat(registry.scrape())
        .doesNotContain("cloudbus_mqtt")
        .doesNotContain("cloudbus_webhook");
  }

  @Test
  void withoutARegistryNothingIsRegistered() {
    OutputMetrics.register(null, new Outputs(), null).close();
  }
}

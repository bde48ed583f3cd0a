package io.cloudbus.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * Creates a {@link Vertx} whose own meters (HTTP server, pools; not the event bus, whose
 * per-message meters cost more than the rest of an event's way) are recorded in a Prometheus
 * registry, so that {@code /metrics} shows them next to the gateway's meters. A service started on
 * a plain Vertx still serves its own meters.
 */
public final class ServiceVertx {

  /** The Micrometer registry name under which the service finds Vert.x's meters. */
  public static final String REGISTRY_NAME = "cloudbus";

  private ServiceVertx() {}

  /** A Vertx with default options plus Prometheus metrics. */
  public static Vertx create() {
    return create(new VertxOptions());
  }

  /** A Vertx with {@code options} plus Prometheus metrics (its metrics options are replaced). */
  public static Vertx create(VertxOptions options) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setRegistryName(REGISTRY_NAME)
            // Event-bus meters look a counter and a gauge up in the registry for every delivered
            // message: JFR put them at 3 % of all samples of a bench run, more than the dedup (2
            // %). Events are counted by cloudbus_events_in_total and the adapter gauges.
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder()
        .with(new VertxOptions(options).setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** The Prometheus registry of a Vertx made by {@link #create}, or null for any other. */
  public static PrometheusMeterRegistry registryOf(Vertx vertx) {
    return BackendRegistries.getNow(REGISTRY_NAME) instanceof PrometheusMeterRegistry p
            && vertx.isMetricsEnabled()
        ? p
        : null;
  }
}

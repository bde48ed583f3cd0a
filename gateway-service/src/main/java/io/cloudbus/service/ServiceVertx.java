package io.cloudbus.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
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
    return Vertx.builder()
        .with(new VertxOptions(options).setMetricsOptions(metricsOptions()))
        .withMetrics(
            new MicrometerMetricsFactory(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
        .build();
  }

  /**
   * A clustered Vertx with {@code options} plus Prometheus metrics, joined through {@code cluster};
   * fails when the node cannot join (e.g. its port is taken).
   */
  public static Future<Vertx> createClustered(VertxOptions options, ClusterManager cluster) {
    return Vertx.builder()
        .with(new VertxOptions(options).setMetricsOptions(metricsOptions()))
        .withMetrics(
            new MicrometerMetricsFactory(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
        .withClusterManager(cluster)
        .buildClustered();
  }

  private static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(REGISTRY_NAME)
        // Event-bus meters look a counter and a gauge up in the registry for every delivered
        // message: JFR put them at 3 % of all samples of a bench run, more than the dedup (2 %).
        // Events are counted by cloudbus_events_in_total and the adapter gauges.
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }

  /** The Prometheus registry of a Vertx made by {@link #create}, or null for any other. */
  public static PrometheusMeterRegistry registryOf(Vertx vertx) {
    return BackendRegistries.getNow(REGISTRY_NAME) instanceof PrometheusMeterRegistry p
            && vertx.isMetricsEnabled()
        ? p
        : null;
  }
}

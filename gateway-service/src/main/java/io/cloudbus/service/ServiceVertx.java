package io.cloudbus.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * Creates a {@link Vertx} whose own meters (HTTP server, event bus, pools) are recorded in a
 * Prometheus registry, so that {@code /metrics} shows them next to the gateway's meters. A service
 * started on a plain Vertx still serves its own meters.
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
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder()
        .with(new VertxOptions(options).setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /**
   * A clustered Vertx with {@code options} plus Prometheus metrics, joined through {@code cluster};
   * fails when the node cannot join (e.g. its port is taken).
   */
  public static Future<Vertx> createClustered(VertxOptions options, ClusterManager cluster) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setRegistryName(REGISTRY_NAME)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder()
        .with(new VertxOptions(options).setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withClusterManager(cluster)
        .buildClustered();
  }

  /** The Prometheus registry of a Vertx made by {@link #create}, or null for any other. */
  public static PrometheusMeterRegistry registryOf(Vertx vertx) {
    return BackendRegistries.getNow(REGISTRY_NAME) instanceof PrometheusMeterRegistry p
            && vertx.isMetricsEnabled()
        ? p
        : null;
  }
}

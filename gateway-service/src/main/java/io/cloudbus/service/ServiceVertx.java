package io.cloudbus.service;

import io.cloudbus.service.impl.MeterBounds;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.EnumSet;

/**
 * Creates a {@link Vertx} whose own meters (HTTP server, pools; not the event bus, whose
 * per-message meters cost more than the rest of an event's way) are recorded in a Prometheus
 * registry, so that {@code /metrics} shows them next to the gateway's meters. A service started on
 * a plain Vertx still serves its own meters. The registry is bounded ({@link MeterBounds}): the
 * HTTP {@code method} tag is one of the nine standard methods or {@code OTHER}, and no client can
 * make it grow without bound.
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
    Vertx vertx =
        Vertx.builder()
            .with(new VertxOptions(options).setMetricsOptions(metricsOptions()))
            .withMetrics(new MicrometerMetricsFactory(boundedRegistry()))
            .build();
    io.cloudbus.core.impl.SharedEventCodec.register(vertx.eventBus());
    return vertx;
  }

  /**
   * A clustered Vertx with {@code options} plus Prometheus metrics, joined through {@code cluster};
   * fails when the node cannot join (e.g. its port is taken).
   */
  public static Future<Vertx> createClustered(VertxOptions options, ClusterManager cluster) {
    return Vertx.builder()
        .with(new VertxOptions(options).setMetricsOptions(metricsOptions()))
        .withMetrics(new MicrometerMetricsFactory(boundedRegistry()))
        .withClusterManager(cluster)
        .buildClustered()
        // every node decodes the events other nodes publish (SharedEventCodec's name)
        .onSuccess(v -> io.cloudbus.core.impl.SharedEventCodec.register(v.eventBus()));
  }

  /**
   * A Prometheus registry whose meters stay bounded whatever clients send ({@link MeterBounds}).
   */
  private static PrometheusMeterRegistry boundedRegistry() {
    return MeterBounds.apply(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  private static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(REGISTRY_NAME)
        // Vert.x's own method label copies any token a client sends as its method (one time series
        // per made-up method, 17 MB of /metrics after 20,000 requests); the normalized one instead.
        .setLabels(EnumSet.of(Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME, Label.EB_SIDE))
        .setServerRequestTagsProvider(MeterBounds::serverRequestTags)
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

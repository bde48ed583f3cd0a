package io.cloudbus.service.impl;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.spi.observability.HttpRequest;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the number of meters bounded whatever clients send. A request's method is a free-form token
 * in HTTP, and Vert.x's default {@code method} label copies it into every HTTP server meter: one
 * new time series per made-up method, forever. So the method is normalized at the source ({@link
 * #serverRequestTags}: the nine standard methods, anything else {@code OTHER}), and every registry
 * the service scrapes gets {@link #apply}: the same normalization for any meter that still carries
 * a {@code method} tag, a cap on the values of each free-form tag, and a cap on the meters in all.
 *
 * <p>Thread-safe. Apply the filters before the first meter is registered: Micrometer does not
 * re-filter meters that already exist.
 */
public final class MeterBounds {

  private static final Logger LOG = LoggerFactory.getLogger(MeterBounds.class);

  /** The tag under which HTTP server meters carry the normalized method. */
  public static final String METHOD_TAG = "method";

  /** The value of {@link #METHOD_TAG} for any method outside {@link #METHODS}. */
  public static final String OTHER_METHOD = "OTHER";

  /** The methods kept as they are in the {@code method} tag. */
  public static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE");

  /** Most values kept of one tag of the Vert.x HTTP meters ({@code code}, {@code route}). */
  static final int MAX_TAG_VALUES = 100;

  /** Most meters in a registry; past it new meters are no-ops (never registered, never shown). */
  public static final int MAX_METERS = 5_000;

  private static final String[] CAPPED_TAGS = {"code", "route", "path", METHOD_TAG};

  private MeterBounds() {}

  /**
   * {@code method} tag value of {@code method}: itself when standard, else {@value #OTHER_METHOD}.
   */
  public static String method(String method) {
    return method != null && METHODS.contains(method) ? method : OTHER_METHOD;
  }

  /**
   * The extra tags of an HTTP server request meter: the normalized method only (meant for {@code
   * MicrometerMetricsOptions.setServerRequestTagsProvider} with Vert.x's own method label off).
   */
  public static Iterable<Tag> serverRequestTags(HttpRequest request) {
    HttpMethod method = request.method();
    return Tags.of(METHOD_TAG, method(method == null ? null : method.name()));
  }

  /**
   * Adds the bounding filters to {@code registry}: call it before any meter is registered. Returns
   * {@code registry}.
   */
  public static <R extends MeterRegistry> R apply(R registry) {
    registry.config().meterFilter(MeterFilter.replaceTagValues(METHOD_TAG, MeterBounds::method));
    for (String tag : CAPPED_TAGS) {
      registry
          .config()
          .meterFilter(
              MeterFilter.maximumAllowableTags(
                  "vertx.http", tag, MAX_TAG_VALUES, denied("vertx.http tag " + tag)));
    }
    AtomicInteger meters = new AtomicInteger();
    registry.config().onMeterAdded(m -> meters.incrementAndGet());
    registry.config().onMeterRemoved(m -> meters.decrementAndGet());
    registry.config().meterFilter(new MeterCap(meters));
    return registry;
  }

  /** A filter that denies every meter and logs the first denial once. */
  private static MeterFilter denied(String what) {
    AtomicInteger logged = new AtomicInteger();
    return new MeterFilter() {
      @Override
      public MeterFilterReply accept(Meter.Id id) {
        if (logged.getAndIncrement() == 0) {
          LOG.warn(
              "{} has {} values: further values are not recorded ({})",
              what,
              MAX_TAG_VALUES,
              id.getName());
        }
        return MeterFilterReply.DENY;
      }
    };
  }

  /** Denies new meters once {@link #MAX_METERS} exist (counted by the registry's listeners). */
  private static final class MeterCap implements MeterFilter {

    private final AtomicInteger meters;
    private final AtomicInteger denied = new AtomicInteger();

    MeterCap(AtomicInteger meters) {
      this.meters = meters;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
      if (meters.get() < MAX_METERS) {
        return MeterFilterReply.NEUTRAL;
      }
      if (denied.getAndIncrement() == 0) {
        LOG.warn(
            "the metrics registry holds {} meters: new meters are not recorded (first: {})",
            MAX_METERS,
            id.getName());
      }
      return MeterFilterReply.DENY;
    }
  }
}

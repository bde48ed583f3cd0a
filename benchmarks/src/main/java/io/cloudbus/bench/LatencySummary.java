package io.cloudbus.bench;

import io.vertx.core.json.JsonObject;

/**
 * Percentiles of one latency recording, in nanoseconds; all 0 when {@code count} is 0. Sent from
 * the gateway process to the driver as JSON.
 */
record LatencySummary(long count, long p50, long p99, long p999, long max) {

  static LatencySummary of(Percentiles p) {
    if (p.count() == 0) {
      return new LatencySummary(0, 0, 0, 0, 0);
    }
    return new LatencySummary(
        p.count(), p.percentile(50), p.percentile(99), p.percentile(99.9), p.max());
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("count", count)
        .put("p50", p50)
        .put("p99", p99)
        .put("p999", p999)
        .put("max", max);
  }

  static LatencySummary fromJson(JsonObject json) {
    return new LatencySummary(
        json.getLong("count"),
        json.getLong("p50"),
        json.getLong("p99"),
        json.getLong("p999"),
        json.getLong("max"));
  }
}

package io.cloudbus.bench;

import io.cloudbus.mock.DisconnectMode;
import io.cloudbus.mock.MockCloudAdminClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The bench's only way to drive the mock cloud: its admin API over loopback HTTP (DESIGN.md), so
 * that the mock does exactly what it does for any other client. Pushes Pylight {@code update}
 * frames, each carrying a sequence number (the generic adapter derives the event id from the frame
 * content, so equal frames would be deduplicated) and the {@link System#nanoTime()} at which the
 * harness built it ({@code sentNanos}, for latency: the bench runs in one process).
 *
 * <p>Blocking (the mock's own {@link MockCloudAdminClient} on the JDK HTTP client): call from the
 * harness's driver thread only, never from an event loop. A Vert.x {@code HttpClient} was tried
 * first; a long run of sequential calls stalled in it here (see docs/benchmarks.md).
 */
final class MockAdmin {

  static final String VENDOR = "pylight";
  static final String TABLE = "products";

  /** A stuck admin call fails after this long instead of hanging the run. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final MockCloudAdminClient client;
  private long seq;

  MockAdmin(String adminUrl) {
    this.client = new MockCloudAdminClient(adminUrl, REQUEST_TIMEOUT);
  }

  /** Pushes {@code count} frames to every Pylight socket of the table; returns {@code count}. */
  int push(int count) {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < count; i++) {
      batch.add(frame(++seq, System.nanoTime()));
    }
    client.pushGeneric(VENDOR, batch);
    return count;
  }

  /** Drops every Pylight socket with a TCP reset. */
  void abortAll() {
    client.disconnect(VENDOR, DisconnectMode.ABORT, null);
  }

  /** Sets the mock's Pylight connect limit (upgrades beyond it per second get HTTP 429). */
  void connectLimit(int perSec) {
    client.faults(VENDOR, new JsonObject().put("maxConnectsPerSec", perSec));
  }

  /** Clears every Pylight fault. */
  void clearFaults() {
    client.clearFaults(VENDOR);
  }

  /** The mock's Pylight counters ({@code connections}, {@code handshakes}, {@code pushed}). */
  JsonObject stats() {
    return client.stats().getJsonObject(VENDOR, new JsonObject());
  }

  static JsonObject frame(long seq, long sentNanos) {
    return new JsonObject()
        .put("type", "update")
        .put("model", TABLE)
        .put(
            "data",
            new JsonObject()
                .put("id", seq)
                .put("name", "Widget")
                .put("price", 9.5)
                .put("sentNanos", sentNanos));
  }
}

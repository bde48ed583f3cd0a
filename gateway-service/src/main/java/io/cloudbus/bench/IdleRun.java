package io.cloudbus.bench;

import io.cloudbus.mock.MockCloud;
import io.vertx.core.Vertx;

/**
 * Many idle sockets: heap per connected socket (gateway sockets, then bare Vert.x clients for
 * comparison), and the reconnect storm (the mock resets every gateway socket; time until all are
 * connected again and the peak rate of completed handshakes the mock saw, sampled every 100 ms).
 *
 * <p>Heap is the used heap after {@code System.gc()}, before and after, divided by the socket
 * count. Everything runs in one JVM, so each figure includes the mock's server side of the socket.
 */
final class IdleRun {

  /** Heap figures and the storm. */
  record Result(
      int sockets,
      long connectMs,
      double gatewayBytesPerSocket,
      double rawBytesPerSocket,
      boolean allBack,
      long backMs,
      double peakConnectsPerSec) {}

  private static final long SAMPLE_MS = 100;

  private IdleRun() {}

  static Result run(
      Vertx gateway, MockCloud mock, MockAdmin admin, String pylightUrl, int n, long timeoutMs) {
    long before = Waits.usedHeapAfterGc();
    GatewayFleet fleet = new GatewayFleet(gateway, pylightUrl, "idle");
    long connectMs;
    double gatewayPerSocket;
    boolean allBack;
    long backMs;
    double peak = 0;
    try {
      long t0 = System.nanoTime();
      Waits.await(fleet.deploy(n), timeoutMs, "deploying " + n + " sockets");
      if (!Waits.until(() -> fleet.connected() == n, timeoutMs, 5_000)) {
        throw new IllegalStateException(
            "only " + fleet.connected() + " of " + n + " sockets connected");
      }
      connectMs = (System.nanoTime() - t0) / 1_000_000;
      Waits.pause(1_000);
      gatewayPerSocket = (double) (Waits.usedHeapAfterGc() - before) / n;

      long h0 = handshakes(admin, timeoutMs);
      admin.abortAll();
      long start = System.nanoTime();
      long deadline = start + timeoutMs * 1_000_000L;
      long last = h0;
      long lastAt = start;
      allBack = false;
      while (System.nanoTime() < deadline) {
        Waits.pause(SAMPLE_MS);
        long h = handshakes(admin, timeoutMs);
        long now = System.nanoTime();
        peak = Math.max(peak, (h - last) * 1e9 / (now - lastAt));
        last = h;
        lastAt = now;
        if (h - h0 >= n && fleet.connected() == n) {
          allBack = true;
          break;
        }
      }
      backMs = (System.nanoTime() - start) / 1_000_000;
    } finally {
      Waits.await(fleet.close(), timeoutMs, "closing the sockets");
    }
    Waits.until(() -> openMockSockets(mock) == 0, timeoutMs, 10_000);

    long rawBefore = Waits.usedHeapAfterGc();
    RawFleet raw = new RawFleet(gateway, pylightUrl + "/ws/" + MockAdmin.TABLE, n);
    double rawPerSocket;
    try {
      Waits.await(raw.connect(n), timeoutMs, "connecting " + n + " raw clients");
      Waits.until(() -> openMockSockets(mock) == n, timeoutMs, 10_000);
      Waits.pause(1_000);
      rawPerSocket = (double) (Waits.usedHeapAfterGc() - rawBefore) / n;
    } finally {
      Waits.await(raw.close(), timeoutMs, "closing the raw clients");
    }
    Waits.until(() -> openMockSockets(mock) == 0, timeoutMs, 10_000);
    return new Result(n, connectMs, gatewayPerSocket, rawPerSocket, allBack, backMs, peak);
  }

  private static long handshakes(MockAdmin admin, long timeoutMs) {
    return admin.stats().getLong("handshakes", 0L);
  }

  /**
   * Open Pylight sockets on the mock. The registry is meant for the mock's context; its size is
   * backed by a concurrent list, so reading it from the driver thread for polling is safe.
   */
  static int openMockSockets(MockCloud mock) {
    return mock.context(MockAdmin.VENDOR).sockets().size();
  }
}

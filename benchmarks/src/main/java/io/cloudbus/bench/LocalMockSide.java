package io.cloudbus.bench;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.vertx.core.Vertx;

/**
 * The real mock cloud ({@link MockCloud}, all vendors) in this JVM on loopback, port 0, on a Vert.x
 * instance of its own. Hosted by the mock child process, or by the driver with {@code
 * --in-process}. Threading: blocking methods, never on an event loop.
 */
final class LocalMockSide implements MockSide {

  private final Vertx vertx = Vertx.vertx();
  private final MockCloud mock;
  private final boolean ownProcess;

  LocalMockSide(long timeoutMs, boolean ownProcess) {
    this.ownProcess = ownProcess;
    this.mock =
        Waits.await(
            MockCloud.start(vertx, new MockCloudOptions().host("127.0.0.1").port(0).restPort(0)),
            timeoutMs,
            "starting the mock cloud");
  }

  @Override
  public String adminUrl() {
    return mock.adminUrl();
  }

  @Override
  public String pylightUrl() {
    return mock.endpoints(MockAdmin.VENDOR).getString("url");
  }

  /**
   * The registry is meant for the mock's context; its size is backed by a concurrent list, so
   * reading it from another thread for polling is safe.
   */
  @Override
  public int openSockets() {
    return mock.context(MockAdmin.VENDOR).sockets().size();
  }

  @Override
  public long cpuNanos() {
    return ownProcess ? Cpu.processNanos() : -1;
  }

  @Override
  public String describe() {
    return ownProcess ? "pid " + ProcessHandle.current().pid() : "in-process";
  }

  @Override
  public void close() {
    try {
      Waits.await(mock.close(), 30_000, "closing the mock");
    } catch (RuntimeException ignored) {
      // best effort on the way out
    } finally {
      try {
        Waits.await(vertx.close(), 30_000, "closing the mock's Vert.x");
      } catch (RuntimeException ignored) {
        // best effort on the way out
      }
    }
  }
}

package io.cloudbus.bench;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway side in a child process ({@link BenchChild} {@code gateway}): every call is one
 * request of {@link ChildProtocol} (ops in {@link GatewayOps}), except {@link #delivered} and
 * {@link #rawFrames}, which read the latest {@code counts} event the child streams (at most {@value
 * BenchChild#COUNTS_EVERY_MS} ms old), so the driver's flow-control loop costs the gateway no round
 * trips.
 */
final class RemoteGatewaySide implements GatewaySide {

  /** Margin on top of the child's own timeout, so the child's reason arrives first. */
  private static final long MARGIN_MS = 30_000;

  private final ChildProcess child;
  private final long timeoutMs;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong raw = new AtomicLong();

  RemoteGatewaySide(ChildLauncher launcher, String pylightUrl, long timeoutMs) {
    this.timeoutMs = timeoutMs;
    this.child =
        new ChildProcess(
            "gateway",
            launcher.command("gateway", pylightUrl, Long.toString(timeoutMs)),
            this::onEvent,
            timeoutMs + MARGIN_MS);
  }

  private void onEvent(JsonObject event) {
    if ("counts".equals(event.getString("event"))) {
      delivered.set(event.getLong("delivered", 0L));
      raw.set(event.getLong("raw", 0L));
    }
  }

  private JsonObject call(String op, JsonObject args) {
    // a deploy waits for sockets to deploy, then to connect: up to twice the child's timeout
    return child.request(op, args, 2 * timeoutMs + MARGIN_MS);
  }

  @Override
  public long deploy(String prefix, int n, long initialDelayMs, long maxDelayMs) {
    return call(
            "deploy",
            new JsonObject()
                .put("prefix", prefix)
                .put("n", n)
                .put("initialDelayMs", initialDelayMs)
                .put("maxDelayMs", maxDelayMs))
        .getLong("connectMs");
  }

  @Override
  public int connected(String prefix) {
    return call("connected", new JsonObject().put("prefix", prefix)).getInteger("connected");
  }

  @Override
  public void undeploy(String prefix) {
    call("undeploy", new JsonObject().put("prefix", prefix));
  }

  @Override
  public long delivered() {
    return delivered.get();
  }

  @Override
  public void rawConnect(int n) {
    call("rawConnect", new JsonObject().put("n", n));
  }

  @Override
  public long rawFrames() {
    return raw.get();
  }

  @Override
  public void rawClose() {
    call("rawClose", null);
  }

  @Override
  public void latencyStart(int capacity) {
    call("latencyStart", new JsonObject().put("capacity", capacity));
  }

  @Override
  public LatencySummary latencyStop() {
    return LatencySummary.fromJson(call("latencyStop", null));
  }

  @Override
  public int startService(int maxClients) {
    return call("startService", new JsonObject().put("maxClients", maxClients)).getInteger("port");
  }

  @Override
  public void stopService() {
    call("stopService", null);
  }

  @Override
  public MemorySnapshot memory() {
    return MemorySnapshot.fromJson(call("memory", null));
  }

  @Override
  public long cpuNanos() {
    return call("cpu", null).getLong("cpuNanos");
  }

  @Override
  public String describe() {
    return "pid " + child.pid();
  }

  @Override
  public void close() {
    child.close();
  }
}

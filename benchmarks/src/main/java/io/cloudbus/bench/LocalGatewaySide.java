package io.cloudbus.bench;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.journal.Journals;
import io.cloudbus.service.GatewayService;
import io.cloudbus.service.ServiceLimits;
import io.cloudbus.service.ServiceOptions;
import io.cloudbus.service.ServiceVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway side in this JVM: a Vert.x instance with the service's Micrometer metrics (as {@code
 * cloudbus run} has), a local consumer of {@code cloudbus.events} that counts deliveries (and
 * records latency from each event's {@code data.raw.data.sentNanos} while asked to), gateway fleets
 * by prefix, the raw clients (which record latency too while asked to), and the bridge service on
 * demand. Hosted by the gateway child process ({@link BenchChild}), or by the driver with {@code
 * --in-process}.
 *
 * <p>One journal for the side's whole life, as in {@code cloudbus run}: every socket journals its
 * events in it before publishing them (with flow control), and each service started here reads it.
 * The durable SQLite journal in the directory named by {@code -Dcloudbus.bench.journal=DIR}, else
 * the in-memory one.
 *
 * <p>Latency across processes: {@code sentNanos} is the driver's {@link System#nanoTime()}; on
 * Linux that is {@code CLOCK_MONOTONIC}, one clock for every process of the machine, so the
 * difference taken here is valid. Threading: blocking methods, one caller thread at a time (the
 * driver or the child's control thread), never an event loop.
 */
final class LocalGatewaySide implements GatewaySide {

  private static final int RAW_MAX_SOCKETS = 20_000;

  private final Vertx vertx = ServiceVertx.create();
  private final EventJournal journal;
  private final String pylightUrl;
  private final long timeoutMs;
  private final boolean ownProcess;
  private final AtomicLong delivered = new AtomicLong();
  private final Map<String, GatewayFleet> fleets = new HashMap<>();
  private final MessageConsumer<JsonObject> consumer;
  private volatile LatencyRecorder latency;
  private RawFleet raw;
  private GatewayService service;

  /**
   * @param pylightUrl the mock's Pylight base URL
   * @param timeoutMs bound of every blocking step
   * @param ownProcess whether this JVM hosts the gateway side alone (then {@link #cpuNanos} is its
   *     process CPU time)
   */
  LocalGatewaySide(String pylightUrl, long timeoutMs, boolean ownProcess) {
    this.pylightUrl = pylightUrl;
    this.timeoutMs = timeoutMs;
    this.ownProcess = ownProcess;
    this.journal = Journals.open(journalOptions(), null);
    this.consumer =
        vertx.eventBus().localConsumer(CloudbusAddresses.EVENTS, m -> onEvent(m.body()));
    Waits.await(consumer.completion(), timeoutMs, "bus consumer");
  }

  private void onEvent(JsonObject event) {
    delivered.incrementAndGet();
    LatencyRecorder r = latency;
    if (r != null) {
      JsonObject data = event.getJsonObject("data");
      JsonObject raw = data == null ? null : data.getJsonObject("raw");
      JsonObject row = raw == null ? null : raw.getJsonObject("data");
      Long sent = row == null ? null : row.getLong("sentNanos");
      if (sent != null) {
        r.record(System.nanoTime() - sent);
      }
    }
  }

  @Override
  public long deploy(String prefix, int n, long initialDelayMs, long maxDelayMs) {
    GatewayFleet fleet =
        fleets.computeIfAbsent(
            prefix,
            p -> new GatewayFleet(vertx, pylightUrl, p, journal, initialDelayMs, maxDelayMs));
    long t0 = System.nanoTime();
    Waits.await(fleet.deploy(n), timeoutMs, "deploying " + n + " sockets");
    int want = fleet.size();
    if (!Waits.until(() -> fleet.connected() == want, timeoutMs, 5_000)) {
      throw new IllegalStateException(
          "only " + fleet.connected() + " of " + want + " sockets connected");
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Override
  public int connected(String prefix) {
    GatewayFleet fleet = fleets.get(prefix);
    return fleet == null ? 0 : fleet.connected();
  }

  @Override
  public void undeploy(String prefix) {
    GatewayFleet fleet = fleets.remove(prefix);
    if (fleet != null) {
      Waits.await(fleet.close(), timeoutMs, "closing sockets");
    }
  }

  @Override
  public long delivered() {
    return delivered.get();
  }

  @Override
  public void rawConnect(int n) {
    if (raw == null) {
      raw =
          new RawFleet(
              vertx, pylightUrl + "/ws/" + MockAdmin.TABLE, RAW_MAX_SOCKETS, () -> latency);
    }
    Waits.await(raw.connect(n), timeoutMs, "connecting " + n + " raw clients");
  }

  @Override
  public long rawFrames() {
    RawFleet r = raw;
    return r == null ? 0 : r.frames();
  }

  @Override
  public void rawClose() {
    if (raw != null) {
      Waits.await(raw.close(), timeoutMs, "closing raw clients");
      raw = null;
    }
  }

  @Override
  public void latencyStart(int capacity) {
    latency = new LatencyRecorder(capacity);
  }

  @Override
  public LatencySummary latencyStop() {
    LatencyRecorder r = latency;
    latency = null;
    if (r == null) {
      throw new IllegalStateException("latency recording was not started");
    }
    return LatencySummary.of(r.percentiles());
  }

  @Override
  public int startService(int maxClients) {
    stopService();
    ServiceOptions options =
        ServiceOptions.builder()
            .host("127.0.0.1")
            .httpPort(0)
            .tcpPort(0)
            .maxClients(maxClients)
            // every client is an HTTP connection: the default cap (2,048) refused the fan-out's
            // 10,000 /ws clients with 503 (HttpServerLimits); a few more for /metrics and the like
            .limits(
                ServiceLimits.fromJson(
                    ServiceLimits.defaults()
                        .toJson()
                        .put(
                            "maxConnections",
                            Math.max(ServiceLimits.DEFAULT_MAX_CONNECTIONS, maxClients + 64))))
            .journal(journalOptions())
            .build();
    service =
        Waits.await(
            GatewayService.start(vertx, options, journal), timeoutMs, "starting the service");
    return service.httpPort();
  }

  /** -Dcloudbus.bench.journal=DIR: the durable journal in DIR (docs/benchmarks.md). */
  private static JournalOptions journalOptions() {
    String dir = System.getProperty(ChildLauncher.JOURNAL_PROPERTY);
    return dir == null
        ? JournalOptions.defaults().withEnabled(false)
        : JournalOptions.defaults().withPath(dir);
  }

  @Override
  public void stopService() {
    if (service != null) {
      GatewayService s = service;
      service = null;
      Waits.await(s.close().recover(e -> Future.succeededFuture()), timeoutMs, "closing service");
    }
  }

  @Override
  public MemorySnapshot memory() {
    return MemorySnapshot.take();
  }

  @Override
  public long cpuNanos() {
    return ownProcess ? Cpu.processNanos() : -1;
  }

  @Override
  public String describe() {
    return ownProcess ? "pid " + ProcessHandle.current().pid() : "in-process";
  }

  /** For the child's status line: every fleet's connected count. */
  JsonObject counts() {
    return new JsonObject().put("delivered", delivered.get()).put("raw", rawFrames());
  }

  @Override
  public void close() {
    try {
      stopService();
      rawClose();
      for (String prefix : fleets.keySet().toArray(new String[0])) {
        undeploy(prefix);
      }
    } catch (RuntimeException e) {
      // closing anyway: the Vert.x close below releases whatever is left
    } finally {
      try {
        Waits.await(vertx.close(), 30_000, "closing the gateway's Vert.x");
        Waits.await(journal.close(), 30_000, "closing the journal");
      } catch (RuntimeException ignored) {
        // best effort on the way out
      }
    }
  }
}

package io.cloudbus.bench;

import java.util.List;

/**
 * The sizes of one bench run. {@link #quick()} finishes in about a minute on a loaded 2-core
 * machine; {@link #full()} prints every figure issue #8 asks for in one run of several minutes.
 * Every figure is bounded in count and in time: a step that does not finish within {@link
 * #scenarioTimeoutMs} reports what it got, marked, or fails its row with the reason.
 *
 * @param throughputSockets socket counts of the throughput runs (gateway and raw for each)
 * @param throughputEvents delivered events per throughput run (frames = events / sockets, at least
 *     1)
 * @param throughputWsClients {@code /ws} clients of the throughput run through the service, each
 *     subscribed to every event (that run delivers {@code throughputEvents / clients} events to
 *     each, so that the frames written stay the same)
 * @param latencySockets gateway sockets of the latency run
 * @param latencyEventsPerSec the fixed delivered-event rate of the latency run
 * @param latencyDurationMs how long the latency run pushes (after a 3 s warm-up)
 * @param latencyWsClients {@code /ws} clients connected during the latency run, each subscribed to
 *     one account's events
 * @param idleSockets idle socket counts of the memory figures, ascending (the fleet grows); the
 *     reconnect storm uses the largest
 * @param connectRate the mock's connect limit during the storm ({@code maxConnectsPerSec})
 * @param fanoutClients {@code /ws} client counts of the fan-out runs
 * @param fanoutEventsPerSec events per second pushed in a fan-out run
 * @param fanoutDurationMs how long a fan-out run pushes
 * @param scenarioTimeoutMs upper bound of every single step
 */
public record BenchOptions(
    List<Integer> throughputSockets,
    long throughputEvents,
    int throughputWsClients,
    int latencySockets,
    int latencyEventsPerSec,
    long latencyDurationMs,
    int latencyWsClients,
    List<Integer> idleSockets,
    int connectRate,
    List<Integer> fanoutClients,
    int fanoutEventsPerSec,
    long fanoutDurationMs,
    long scenarioTimeoutMs) {

  /** Validates every field; copies the lists. */
  public BenchOptions {
    throughputSockets = counts(throughputSockets, "throughputSockets");
    positive(throughputEvents, "throughputEvents");
    positive(throughputWsClients, "throughputWsClients");
    positive(latencySockets, "latencySockets");
    positive(latencyEventsPerSec, "latencyEventsPerSec");
    positive(latencyDurationMs, "latencyDurationMs");
    positive(latencyWsClients, "latencyWsClients");
    idleSockets = counts(idleSockets, "idleSockets").stream().sorted().distinct().toList();
    positive(connectRate, "connectRate");
    fanoutClients = counts(fanoutClients, "fanoutClients");
    positive(fanoutEventsPerSec, "fanoutEventsPerSec");
    positive(fanoutDurationMs, "fanoutDurationMs");
    positive(scenarioTimeoutMs, "scenarioTimeoutMs");
  }

  /** Small counts: the whole run in about a minute. */
  public static BenchOptions quick() {
    return new BenchOptions(
        List.of(1, 100),
        50_000,
        1,
        100,
        10_000,
        4_000,
        100,
        List.of(200),
        500,
        List.of(100),
        10,
        3_000,
        30_000);
  }

  /** The sizes: 1, 100, 1,000 sockets; 1,000 and 10,000 idle sockets and /ws clients. */
  public static BenchOptions full() {
    return new BenchOptions(
        List.of(1, 100, 1_000),
        300_000,
        1,
        100,
        10_000,
        15_000,
        100,
        List.of(1_000, 10_000),
        1_000,
        List.of(1_000, 10_000),
        2,
        10_000,
        120_000);
  }

  /** A copy with the idle socket counts replaced. */
  public BenchOptions withIdleSockets(List<Integer> counts) {
    Copy c = new Copy(this);
    c.idleSockets = counts;
    return c.build();
  }

  /** A copy with the fan-out client counts replaced. */
  public BenchOptions withFanoutClients(List<Integer> counts) {
    Copy c = new Copy(this);
    c.fanoutClients = counts;
    return c.build();
  }

  /** A copy with the throughput socket counts and events per run replaced. */
  public BenchOptions withThroughput(List<Integer> sockets, long events) {
    Copy c = new Copy(this);
    c.throughputSockets = sockets;
    c.throughputEvents = events;
    return c.build();
  }

  /** A copy with the number of {@code /ws} clients of the throughput run replaced. */
  public BenchOptions withThroughputWsClients(int clients) {
    Copy c = new Copy(this);
    c.throughputWsClients = clients;
    return c.build();
  }

  /** A copy with the latency run's rate and {@code /ws} client count replaced. */
  public BenchOptions withLatency(int eventsPerSec, int wsClients) {
    Copy c = new Copy(this);
    c.latencyEventsPerSec = eventsPerSec;
    c.latencyWsClients = wsClients;
    return c.build();
  }

  /** A copy with the fan-out event rate replaced. */
  public BenchOptions withFanoutEventsPerSec(int rate) {
    Copy c = new Copy(this);
    c.fanoutEventsPerSec = rate;
    return c.build();
  }

  /** A copy with the storm's connect limit replaced. */
  public BenchOptions withConnectRate(int rate) {
    Copy c = new Copy(this);
    c.connectRate = rate;
    return c.build();
  }

  /** A copy with the durations of the timed runs and the per-step bound replaced. */
  public BenchOptions withDurations(long latencyMs, long fanoutMs, long timeoutMs) {
    Copy c = new Copy(this);
    c.latencyDurationMs = latencyMs;
    c.fanoutDurationMs = fanoutMs;
    c.scenarioTimeoutMs = timeoutMs;
    return c.build();
  }

  /** The fields of a copy being made; {@link #build} validates them again. */
  private static final class Copy {
    List<Integer> throughputSockets;
    long throughputEvents;
    int throughputWsClients;
    int latencySockets;
    int latencyEventsPerSec;
    long latencyDurationMs;
    int latencyWsClients;
    List<Integer> idleSockets;
    int connectRate;
    List<Integer> fanoutClients;
    int fanoutEventsPerSec;
    long fanoutDurationMs;
    long scenarioTimeoutMs;

    Copy(BenchOptions o) {
      throughputSockets = o.throughputSockets;
      throughputEvents = o.throughputEvents;
      throughputWsClients = o.throughputWsClients;
      latencySockets = o.latencySockets;
      latencyEventsPerSec = o.latencyEventsPerSec;
      latencyDurationMs = o.latencyDurationMs;
      latencyWsClients = o.latencyWsClients;
      idleSockets = o.idleSockets;
      connectRate = o.connectRate;
      fanoutClients = o.fanoutClients;
      fanoutEventsPerSec = o.fanoutEventsPerSec;
      fanoutDurationMs = o.fanoutDurationMs;
      scenarioTimeoutMs = o.scenarioTimeoutMs;
    }

    BenchOptions build() {
      return new BenchOptions(
          throughputSockets,
          throughputEvents,
          throughputWsClients,
          latencySockets,
          latencyEventsPerSec,
          latencyDurationMs,
          latencyWsClients,
          idleSockets,
          connectRate,
          fanoutClients,
          fanoutEventsPerSec,
          fanoutDurationMs,
          scenarioTimeoutMs);
    }
  }

  /**
   * The storm fleet's first reconnect delay bound: the sockets' full jitter spreads N reconnects
   * over it, so N / bound is the mean connect rate; 1.5 × N / connectRate keeps the mean at two
   * thirds of the limit (random clusters still hit it; those retry after the same bound).
   */
  public long stormReconnectDelayMs() {
    int n = idleSockets.get(idleSockets.size() - 1);
    return Math.max(GatewayFleet.RECONNECT_INITIAL_DELAY_MS, 1_500L * n / connectRate);
  }

  private static List<Integer> counts(List<Integer> list, String name) {
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException(name + " needs at least one count");
    }
    for (Integer v : list) {
      if (v == null || v <= 0) {
        throw new IllegalArgumentException(name + " must all be > 0, was " + list);
      }
    }
    return List.copyOf(list);
  }

  private static void positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }
  }
}

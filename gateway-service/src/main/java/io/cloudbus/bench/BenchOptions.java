package io.cloudbus.bench;

/**
 * The sizes of one bench run. {@link #quick()} finishes in well under a minute on a loaded 2-core
 * machine; {@link #full()} takes a few minutes. Every figure is bounded in count and in time: a
 * scenario that does not finish within {@link #scenarioTimeoutMs} reports what it got, marked.
 *
 * @param throughputMessagesOneSocket frames pushed to the single socket in the throughput run
 * @param manySockets the socket count of the many-socket throughput and latency runs (100)
 * @param throughputMessagesManySockets frames pushed to each of the {@code manySockets}
 * @param latencyEventsPerSec the fixed delivered-event rate of the latency run
 * @param latencyDurationMs how long the latency run pushes
 * @param idleSockets sockets in the heap and reconnect-storm runs
 * @param fanoutClients {@code /ws} clients in the fan-out run
 * @param fanoutEventsPerSec events per second pushed in the fan-out run
 * @param fanoutDurationMs how long the fan-out run pushes
 * @param scenarioTimeoutMs upper bound of every single measurement
 */
public record BenchOptions(
    int throughputMessagesOneSocket,
    int manySockets,
    int throughputMessagesManySockets,
    int latencyEventsPerSec,
    long latencyDurationMs,
    int idleSockets,
    int fanoutClients,
    int fanoutEventsPerSec,
    long fanoutDurationMs,
    long scenarioTimeoutMs) {

  /** Validates every field. */
  public BenchOptions {
    positive(throughputMessagesOneSocket, "throughputMessagesOneSocket");
    positive(manySockets, "manySockets");
    positive(throughputMessagesManySockets, "throughputMessagesManySockets");
    positive(latencyEventsPerSec, "latencyEventsPerSec");
    positive(latencyDurationMs, "latencyDurationMs");
    positive(idleSockets, "idleSockets");
    positive(fanoutClients, "fanoutClients");
    positive(fanoutEventsPerSec, "fanoutEventsPerSec");
    positive(fanoutDurationMs, "fanoutDurationMs");
    positive(scenarioTimeoutMs, "scenarioTimeoutMs");
  }

  /** Small counts: the whole run in under a minute. */
  public static BenchOptions quick() {
    return new BenchOptions(50_000, 100, 1_000, 10_000, 4_000, 200, 100, 100, 3_000, 30_000);
  }

  /** The sizes where one process on this machine can hold them (see docs/benchmarks.md). */
  public static BenchOptions full() {
    return new BenchOptions(
        300_000, 100, 5_000, 10_000, 15_000, 5_000, 1_000, 100, 10_000, 120_000);
  }

  /** A copy with {@code idleSockets} replaced. */
  public BenchOptions withIdleSockets(int n) {
    return new BenchOptions(
        throughputMessagesOneSocket,
        manySockets,
        throughputMessagesManySockets,
        latencyEventsPerSec,
        latencyDurationMs,
        n,
        fanoutClients,
        fanoutEventsPerSec,
        fanoutDurationMs,
        scenarioTimeoutMs);
  }

  /** A copy with {@code fanoutClients} replaced. */
  public BenchOptions withFanoutClients(int n) {
    return new BenchOptions(
        throughputMessagesOneSocket,
        manySockets,
        throughputMessagesManySockets,
        latencyEventsPerSec,
        latencyDurationMs,
        idleSockets,
        n,
        fanoutEventsPerSec,
        fanoutDurationMs,
        scenarioTimeoutMs);
  }

  /** A copy with the latency run's fixed rate replaced. */
  public BenchOptions withLatencyEventsPerSec(int rate) {
    return new BenchOptions(
        throughputMessagesOneSocket,
        manySockets,
        throughputMessagesManySockets,
        rate,
        latencyDurationMs,
        idleSockets,
        fanoutClients,
        fanoutEventsPerSec,
        fanoutDurationMs,
        scenarioTimeoutMs);
  }

  /** A copy with the fan-out run's event rate replaced. */
  public BenchOptions withFanoutEventsPerSec(int rate) {
    return new BenchOptions(
        throughputMessagesOneSocket,
        manySockets,
        throughputMessagesManySockets,
        latencyEventsPerSec,
        latencyDurationMs,
        idleSockets,
        fanoutClients,
        rate,
        fanoutDurationMs,
        scenarioTimeoutMs);
  }

  private static void positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }
  }
}

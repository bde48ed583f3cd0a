package io.cloudbus.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of one bench run. {@link #quick()} finishes in about a minute on a loaded 2-core
 * machine; {@link #full()} prints every figure issue #8 asks for in one run of several minutes.
 * Every figure is bounded in count and in time: a step that does not finish within {@link
 * #scenarioTimeoutMs} reports what it got, marked, or fails its row with the reason.
 *
 * <p>Immutable, validated at construction ({@link Builder#build()}, an {@link
 * IllegalArgumentException} names the field), JSON round-trippable ({@link #toJson()} / {@link
 * #fromJson(JsonObject)}); the two named presets are {@link #quick()} and {@link #full()}.
 *
 * <p>Fields: <br>
 * throughputSockets socket counts of the throughput runs (gateway and raw for each) <br>
 * throughputEvents delivered events per throughput run (frames = events / sockets, at least 1) <br>
 * throughputWsClients {@code /ws} clients of the throughput run through the service, each
 * subscribed to every event (that run delivers {@code throughputEvents / clients} events to each,
 * so that the frames written stay the same) <br>
 * latencySockets gateway sockets of the latency run <br>
 * latencyEventsPerSec the fixed delivered-event rate of the latency run <br>
 * latencyDurationMs how long the latency run pushes <br>
 * latencyWarmupMs how long the latency run pushes before, not recorded (the JIT compiles the path
 * meanwhile) <br>
 * latencyWsClients {@code /ws} clients connected during the latency run, each subscribed to one
 * account's events <br>
 * idleSockets idle socket counts of the memory figures, ascending (the fleet grows); the reconnect
 * storm uses the largest <br>
 * connectRate the mock's connect limit during the storm ({@code maxConnectsPerSec}) <br>
 * fanoutClients {@code /ws} client counts of the fan-out runs <br>
 * fanoutEventsPerSec events per second pushed in a fan-out run <br>
 * fanoutDurationMs how long a fan-out run pushes <br>
 * scenarioTimeoutMs upper bound of every single step
 */
public final class BenchOptions {

  private final List<Integer> throughputSockets;
  private final long throughputEvents;
  private final int throughputWsClients;
  private final int latencySockets;
  private final int latencyEventsPerSec;
  private final long latencyDurationMs;
  private final long latencyWarmupMs;
  private final int latencyWsClients;
  private final List<Integer> idleSockets;
  private final int connectRate;
  private final List<Integer> fanoutClients;
  private final int fanoutEventsPerSec;
  private final long fanoutDurationMs;
  private final long scenarioTimeoutMs;

  private BenchOptions(Builder b) {
    throughputSockets = counts(b.throughputSockets, "throughputSockets");
    throughputEvents = positive(b.throughputEvents, "throughputEvents");
    throughputWsClients = (int) positive(b.throughputWsClients, "throughputWsClients");
    latencySockets = (int) positive(b.latencySockets, "latencySockets");
    latencyEventsPerSec = (int) positive(b.latencyEventsPerSec, "latencyEventsPerSec");
    latencyDurationMs = positive(b.latencyDurationMs, "latencyDurationMs");
    latencyWarmupMs = positive(b.latencyWarmupMs, "latencyWarmupMs");
    latencyWsClients = (int) positive(b.latencyWsClients, "latencyWsClients");
    idleSockets = counts(b.idleSockets, "idleSockets").stream().sorted().distinct().toList();
    connectRate = (int) positive(b.connectRate, "connectRate");
    fanoutClients = counts(b.fanoutClients, "fanoutClients");
    fanoutEventsPerSec = (int) positive(b.fanoutEventsPerSec, "fanoutEventsPerSec");
    fanoutDurationMs = positive(b.fanoutDurationMs, "fanoutDurationMs");
    scenarioTimeoutMs = positive(b.scenarioTimeoutMs, "scenarioTimeoutMs");
  }

  /** Small counts: the whole run in about a minute. */
  public static BenchOptions quick() {
    return new Builder()
        .throughputSockets(List.of(1, 100))
        .throughputEvents(50_000)
        .throughputWsClients(1)
        .latencySockets(100)
        .latencyEventsPerSec(10_000)
        .latencyDurationMs(4_000)
        .latencyWarmupMs(3_000)
        .latencyWsClients(100)
        .idleSockets(List.of(200))
        .connectRate(500)
        .fanoutClients(List.of(100))
        .fanoutEventsPerSec(10)
        .fanoutDurationMs(3_000)
        .scenarioTimeoutMs(30_000)
        .build();
  }

  /** The sizes: 1, 100, 1,000 sockets; 1,000 and 10,000 idle sockets and /ws clients. */
  public static BenchOptions full() {
    return new Builder()
        .throughputSockets(List.of(1, 100, 1_000))
        .throughputEvents(300_000)
        .throughputWsClients(1)
        .latencySockets(100)
        .latencyEventsPerSec(10_000)
        .latencyDurationMs(15_000)
        .latencyWarmupMs(10_000)
        .latencyWsClients(100)
        .idleSockets(List.of(1_000, 10_000))
        .connectRate(1_000)
        .fanoutClients(List.of(1_000, 10_000))
        .fanoutEventsPerSec(2)
        .fanoutDurationMs(10_000)
        .scenarioTimeoutMs(120_000)
        .build();
  }

  /** A builder holding these options (to change some). */
  public Builder toBuilder() {
    return new Builder()
        .throughputSockets(throughputSockets)
        .throughputEvents(throughputEvents)
        .throughputWsClients(throughputWsClients)
        .latencySockets(latencySockets)
        .latencyEventsPerSec(latencyEventsPerSec)
        .latencyDurationMs(latencyDurationMs)
        .latencyWarmupMs(latencyWarmupMs)
        .latencyWsClients(latencyWsClients)
        .idleSockets(idleSockets)
        .connectRate(connectRate)
        .fanoutClients(fanoutClients)
        .fanoutEventsPerSec(fanoutEventsPerSec)
        .fanoutDurationMs(fanoutDurationMs)
        .scenarioTimeoutMs(scenarioTimeoutMs);
  }

  /** Every field. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("throughputSockets", new JsonArray(new ArrayList<>(throughputSockets)))
        .put("throughputEvents", throughputEvents)
        .put("throughputWsClients", throughputWsClients)
        .put("latencySockets", latencySockets)
        .put("latencyEventsPerSec", latencyEventsPerSec)
        .put("latencyDurationMs", latencyDurationMs)
        .put("latencyWarmupMs", latencyWarmupMs)
        .put("latencyWsClients", latencyWsClients)
        .put("idleSockets", new JsonArray(new ArrayList<>(idleSockets)))
        .put("connectRate", connectRate)
        .put("fanoutClients", new JsonArray(new ArrayList<>(fanoutClients)))
        .put("fanoutEventsPerSec", fanoutEventsPerSec)
        .put("fanoutDurationMs", fanoutDurationMs)
        .put("scenarioTimeoutMs", scenarioTimeoutMs);
  }

  /**
   * Reads the fields of {@link #toJson()}; absent ones come from {@link #full()}.
   *
   * @throws IllegalArgumentException naming a bad field
   */
  public static BenchOptions fromJson(JsonObject json) {
    Builder b = full().toBuilder();
    try {
      if (json.containsKey("throughputSockets")) {
        b.throughputSockets(ints(json.getJsonArray("throughputSockets"), "throughputSockets"));
      }
      b.throughputEvents(json.getLong("throughputEvents", b.throughputEvents));
      b.throughputWsClients(json.getInteger("throughputWsClients", b.throughputWsClients));
      b.latencySockets(json.getInteger("latencySockets", b.latencySockets));
      b.latencyEventsPerSec(json.getInteger("latencyEventsPerSec", b.latencyEventsPerSec));
      b.latencyDurationMs(json.getLong("latencyDurationMs", b.latencyDurationMs));
      b.latencyWarmupMs(json.getLong("latencyWarmupMs", b.latencyWarmupMs));
      b.latencyWsClients(json.getInteger("latencyWsClients", b.latencyWsClients));
      if (json.containsKey("idleSockets")) {
        b.idleSockets(ints(json.getJsonArray("idleSockets"), "idleSockets"));
      }
      b.connectRate(json.getInteger("connectRate", b.connectRate));
      if (json.containsKey("fanoutClients")) {
        b.fanoutClients(ints(json.getJsonArray("fanoutClients"), "fanoutClients"));
      }
      b.fanoutEventsPerSec(json.getInteger("fanoutEventsPerSec", b.fanoutEventsPerSec));
      b.fanoutDurationMs(json.getLong("fanoutDurationMs", b.fanoutDurationMs));
      b.scenarioTimeoutMs(json.getLong("scenarioTimeoutMs", b.scenarioTimeoutMs));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("bench options: a field has the wrong type", e);
    }
    return b.build();
  }

  private static List<Integer> ints(JsonArray array, String name) {
    List<Integer> list = new ArrayList<>();
    for (Object v : array) {
      if (!(v instanceof Number n)) {
        throw new IllegalArgumentException(name + " must be a list of counts");
      }
      list.add(n.intValue());
    }
    return list;
  }

  public List<Integer> throughputSockets() {
    return throughputSockets;
  }

  public long throughputEvents() {
    return throughputEvents;
  }

  public int throughputWsClients() {
    return throughputWsClients;
  }

  public int latencySockets() {
    return latencySockets;
  }

  public int latencyEventsPerSec() {
    return latencyEventsPerSec;
  }

  public long latencyDurationMs() {
    return latencyDurationMs;
  }

  public long latencyWarmupMs() {
    return latencyWarmupMs;
  }

  public int latencyWsClients() {
    return latencyWsClients;
  }

  public List<Integer> idleSockets() {
    return idleSockets;
  }

  public int connectRate() {
    return connectRate;
  }

  public List<Integer> fanoutClients() {
    return fanoutClients;
  }

  public int fanoutEventsPerSec() {
    return fanoutEventsPerSec;
  }

  public long fanoutDurationMs() {
    return fanoutDurationMs;
  }

  public long scenarioTimeoutMs() {
    return scenarioTimeoutMs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BenchOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "BenchOptions" + toJson().encode();
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

  private static long positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }
    return v;
  }

  /** Collects the fields; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {

    private List<Integer> throughputSockets;
    private long throughputEvents;
    private int throughputWsClients;
    private int latencySockets;
    private int latencyEventsPerSec;
    private long latencyDurationMs;
    private long latencyWarmupMs;
    private int latencyWsClients;
    private List<Integer> idleSockets;
    private int connectRate;
    private List<Integer> fanoutClients;
    private int fanoutEventsPerSec;
    private long fanoutDurationMs;
    private long scenarioTimeoutMs;

    private Builder() {}

    public Builder throughputSockets(List<Integer> throughputSockets) {
      this.throughputSockets = throughputSockets;
      return this;
    }

    public Builder throughputEvents(long throughputEvents) {
      this.throughputEvents = throughputEvents;
      return this;
    }

    public Builder throughputWsClients(int throughputWsClients) {
      this.throughputWsClients = throughputWsClients;
      return this;
    }

    public Builder latencySockets(int latencySockets) {
      this.latencySockets = latencySockets;
      return this;
    }

    public Builder latencyEventsPerSec(int latencyEventsPerSec) {
      this.latencyEventsPerSec = latencyEventsPerSec;
      return this;
    }

    public Builder latencyDurationMs(long latencyDurationMs) {
      this.latencyDurationMs = latencyDurationMs;
      return this;
    }

    public Builder latencyWarmupMs(long latencyWarmupMs) {
      this.latencyWarmupMs = latencyWarmupMs;
      return this;
    }

    public Builder latencyWsClients(int latencyWsClients) {
      this.latencyWsClients = latencyWsClients;
      return this;
    }

    public Builder idleSockets(List<Integer> idleSockets) {
      this.idleSockets = idleSockets;
      return this;
    }

    public Builder connectRate(int connectRate) {
      this.connectRate = connectRate;
      return this;
    }

    public Builder fanoutClients(List<Integer> fanoutClients) {
      this.fanoutClients = fanoutClients;
      return this;
    }

    public Builder fanoutEventsPerSec(int fanoutEventsPerSec) {
      this.fanoutEventsPerSec = fanoutEventsPerSec;
      return this;
    }

    public Builder fanoutDurationMs(long fanoutDurationMs) {
      this.fanoutDurationMs = fanoutDurationMs;
      return this;
    }

    public Builder scenarioTimeoutMs(long scenarioTimeoutMs) {
      this.scenarioTimeoutMs = scenarioTimeoutMs;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first invalid field
     */
    public BenchOptions build() {
      return new BenchOptions(this);
    }
  }
}

package io.cloudbus.bench;

/**
 * What the driver needs from the gateway side of a bench run: gateway sockets (real generic-adapter
 * accounts) with a local bus consumer counting deliveries, the raw counting clients, the bridge
 * service for {@code /ws}, and memory and CPU figures of the process that hosts them. {@link
 * LocalGatewaySide} implements it in a Vert.x instance of its own (the child process, or the
 * driver's JVM with {@code --in-process}); {@link RemoteGatewaySide} forwards it to a child.
 *
 * <p>Every blocking method waits at most the given or the side's timeout and throws {@link
 * IllegalStateException} with the reason when it fails. Called from the driver thread only.
 */
interface GatewaySide extends AutoCloseable {

  /**
   * Deploys {@code n} more gateway sockets in fleet {@code prefix} (a new fleet, or one deployed
   * before) and waits until every socket of that fleet is {@code connected}.
   *
   * @param reconnectInitialDelayMs bound of the first reconnect delay (full jitter)
   * @param reconnectMaxDelayMs the backoff cap
   * @return milliseconds from the first deploy of this call until all were connected
   */
  long deploy(String prefix, int n, long reconnectInitialDelayMs, long reconnectMaxDelayMs);

  /** Sockets of fleet {@code prefix} whose latest status is {@code connected}. */
  int connected(String prefix);

  /** Undeploys fleet {@code prefix}; nothing when unknown. */
  void undeploy(String prefix);

  /** Events counted so far by the local consumer of {@code cloudbus.events}. */
  long delivered();

  /** Opens {@code n} raw counting WebSocket clients (see {@link RawFleet}). */
  void rawConnect(int n);

  /** Text frames counted by the raw clients so far. */
  long rawFrames();

  /** Closes every raw client. */
  void rawClose();

  /**
   * From now on, records mock-push-to-receipt latency of each event delivered to the bus consumer
   * and of each frame a raw client receives.
   */
  void latencyStart(int capacity);

  /** Stops recording and returns the percentiles of what was recorded. */
  LatencySummary latencyStop();

  /**
   * Starts the bridge service on loopback, port 0, allowing {@code maxClients} {@code /ws} clients.
   *
   * @return its HTTP port
   */
  int startService(int maxClients);

  /** Closes the service (and its clients' connections); nothing when none runs. */
  void stopService();

  /** Heap after full collections and direct memory of the gateway's process, right now. */
  MemorySnapshot memory();

  /** CPU time of the gateway's process so far (ns), or -1 when it shares the driver's JVM. */
  long cpuNanos();

  /** A label for tables, e.g. {@code pid 1234} or {@code in-process}. */
  String describe();

  /** Stops everything (the child process exits). Never throws. */
  @Override
  void close();
}

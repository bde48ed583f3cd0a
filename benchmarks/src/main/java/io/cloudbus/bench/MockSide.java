package io.cloudbus.bench;

/**
 * The mock cloud of a bench run, as the driver sees it: its URLs (it is otherwise driven through
 * its admin API only), the open Pylight sockets, and its process's CPU. {@link LocalMockSide} runs
 * it in this JVM; {@link RemoteMockSide} in a child process. Called from the driver thread only.
 */
interface MockSide extends AutoCloseable {

  /** The admin API's base URL. */
  String adminUrl();

  /** The Pylight base URL gateway sockets are configured with. */
  String pylightUrl();

  /** Open Pylight push sockets on the mock right now. */
  int openSockets();

  /** CPU time of the mock's process so far (ns), or -1 when it shares the driver's JVM. */
  long cpuNanos();

  /** A label for tables. */
  String describe();

  /** Stops the mock. Never throws. */
  @Override
  void close();
}

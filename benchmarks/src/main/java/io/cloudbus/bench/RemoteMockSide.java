package io.cloudbus.bench;

/**
 * The mock cloud in a child process ({@link BenchChild} {@code mock}); URLs from its ready event.
 */
final class RemoteMockSide implements MockSide {

  private final ChildProcess child;
  private final long timeoutMs;

  RemoteMockSide(ChildLauncher launcher, long timeoutMs) {
    this.timeoutMs = timeoutMs;
    this.child =
        new ChildProcess(
            "mock", launcher.command("mock", Long.toString(timeoutMs)), e -> {}, timeoutMs);
  }

  @Override
  public String adminUrl() {
    return child.ready().getString("adminUrl");
  }

  @Override
  public String pylightUrl() {
    return child.ready().getString("pylightUrl");
  }

  @Override
  public int openSockets() {
    return child.request("openSockets", null, timeoutMs).getInteger("open");
  }

  @Override
  public long cpuNanos() {
    return child.request("cpu", null, timeoutMs).getLong("cpuNanos");
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

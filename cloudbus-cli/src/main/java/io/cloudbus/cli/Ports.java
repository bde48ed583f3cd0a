package io.cloudbus.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks a preferred TCP port when it is free, else "any free port" (0). */
final class Ports {

  private Ports() {}

  /**
   * {@code preferred} when a server could bind it on every interface now, else 0 (the server then
   * takes any free port). 0 and negative values are returned as they are. There is a window between
   * this check and the real bind; the real bind reports a port taken in between.
   */
  static int preferredOrFree(int preferred) {
    if (preferred <= 0) {
      return preferred;
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(preferred));
      return preferred;
    } catch (IOException e) {
      return 0;
    }
  }
}

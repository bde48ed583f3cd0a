package io.cloudbus.mock;

/** How the mock drops a push socket. */
public enum DisconnectMode {
  /** A WebSocket close frame with a code (default 1000), then the TCP close. */
  CLOSE,
  /** The TCP connection is reset with no close frame: the client sees 1006. */
  ABORT;

  /**
   * Parses {@code close} or {@code abort} (case-insensitive).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static DisconnectMode parse(String value) {
    if ("close".equalsIgnoreCase(value)) {
      return CLOSE;
    }
    if ("abort".equalsIgnoreCase(value)) {
      return ABORT;
    }
    throw new IllegalArgumentException("mode must be \"close\" or \"abort\"");
  }
}

package io.cloudbus.mock;

/**
 * Decides on a WebSocket upgrade request before it is accepted. Runs on the mock cloud's event-loop
 * context; must not block.
 */
@FunctionalInterface
public interface UpgradeCheck {
  /**
   * Returns 0 to accept {@code upgrade}, or an HTTP status (e.g. 401, 403, 503) to reject it with.
   * {@code upgrade} carries the upgrade request's path, headers and query; its body is empty.
   */
  int check(MockRequest upgrade);
}

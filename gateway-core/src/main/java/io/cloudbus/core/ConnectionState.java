package io.cloudbus.core;

import java.util.Locale;

/**
 * The connection state of one account's cloud socket, as published on {@link
 * CloudbusAddresses#STATUS}. The wire name is the lower-case constant name.
 */
public enum ConnectionState {
  /** Not connected and not trying (initial state, or after a clean disconnect). */
  OFFLINE,
  /** Opening the socket, authenticating or subscribing. */
  CONNECTING,
  /** Subscribed: pushes flow. */
  CONNECTED,
  /** Connected, but outgoing traffic is held and incoming events are buffered. */
  PAUSED,
  /** Waiting before the next connection attempt (also the traffic guard's cool-down). */
  BACKOFF,
  /** The vendor refused the credentials; retried on a capped schedule (or a new login helps). */
  AUTH_FAILED,
  /** Stopped for good: the verticle was undeployed or the configuration is wrong. */
  STOPPED;

  /** The name used on the wire, e.g. {@code auth_failed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws {@link IllegalArgumentException} naming the bad value. */
  public static ConnectionState fromWireName(String name) {
    for (ConnectionState s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown connection state: " + name);
  }
}

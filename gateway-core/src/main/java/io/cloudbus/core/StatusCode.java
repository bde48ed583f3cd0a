package io.cloudbus.core;

import java.util.Locale;

/**
 * Why an account is not {@code connected}, in machine terms: the {@code code} of a {@code
 * cloudbus.status} body (beside its {@code failureClass} and the human {@code reason}), modelled on
 * openHAB's {@code ThingStatusDetail}. The wire names ({@link #wireName()}) are stable: consumers
 * may switch on them; new codes may be added. A code is set with every failure state ({@code
 * backoff}, {@code auth_failed}, {@code offline}, {@code stopped}) and absent while {@code
 * connecting}, {@code connected} or {@code paused}.
 */
public enum StatusCode {
  /** The WebSocket could not be opened: refused connection, DNS, TLS, network. */
  CONNECT_REFUSED,
  /** The vendor refused the WebSocket upgrade with an HTTP status (other than a throttle). */
  HANDSHAKE_REJECTED,
  /**
   * Something awaited did not come in time (handshake, ack, reply); see {@link
   * CloudbusTimeoutException}.
   */
  TIMEOUT,
  /** An open connection went away: closed by the vendor, dead link, network. */
  CONNECTION_LOST,
  /** The vendor refused the token or the credentials; a refresh or login did not help. */
  TOKEN_REVOKED,
  /** The vendor throttles us (HTTP 429, or its own throttle answer). */
  RATE_LIMITED,
  /**
   * Our own traffic guard tripped (runaway outgoing traffic); the account cools down in backoff.
   */
  TRAFFIC_GUARD,
  /** Stopped on purpose: undeployed, removed or moved to another node. Not a failure. */
  STOPPED_BY_REQUEST,
  /** {@link CloudSocket#disconnect()} was called: offline on purpose, not a failure. */
  DISCONNECTED_BY_REQUEST,
  /** The configuration is wrong (bad URL, missing field); retrying cannot help, so it stopped. */
  INVALID_CONFIG,
  /** Any other transient failure of the vendor or the adapter (5xx, protocol hiccup). */
  VENDOR_ERROR;

  /** The lowercase wire name, e.g. {@code connect_refused}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The code of a failure: the first {@link CloudbusException#code()} set along the cause chain,
   * else {@link #TIMEOUT} for a timeout, else the default of its {@link FailureClass}.
   */
  public static StatusCode of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CloudbusException ce && ce.code() != null) {
        return ce.code();
      }
    }
    if (CloudbusTimeoutException.isTimeout(failure)) {
      return TIMEOUT;
    }
    return switch (CloudbusException.classify(failure)) {
      case CONFIGURATION -> INVALID_CONFIG;
      case AUTH -> TOKEN_REVOKED;
      case RATE_LIMITED -> RATE_LIMITED;
      case TRANSIENT -> VENDOR_ERROR;
    };
  }
}

package io.cloudbus.core.impl;

import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.StatusCode;
import io.cloudbus.core.http.RestClient;
import io.vertx.core.http.UpgradeRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Turns a failed WebSocket open into a classified {@link CloudbusException}: a refused upgrade is
 * classified by the vendor's {@link SocketHooks#classifyUpgradeStatus(int)} and keeps its {@code
 * Retry-After}; anything else (refused connection, TLS, DNS, timeout) is transient.
 */
final class ConnectFailures {

  private ConnectFailures() {}

  /**
   * @param ctx the connection's log context, e.g. {@code vendor/account#3}
   * @param classify the vendor's classification of an upgrade status
   * @return never null
   */
  static CloudbusException classify(
      Throwable err, String ctx, IntFunction<FailureClass> classify, Clock clock) {
    if (err instanceof UpgradeRejectedException u) {
      int code = u.getStatus();
      Duration retryAfter =
          RestClient.retryAfter(
              u.getHeaders() == null ? null : u.getHeaders().get("Retry-After"), clock);
      FailureClass fc = classify.apply(code);
      return new CloudbusException(
              fc, "[" + ctx + "] WebSocket upgrade refused with HTTP " + code, u, retryAfter)
          .withCode(
              switch (fc) {
                case RATE_LIMITED -> StatusCode.RATE_LIMITED;
                case CONFIGURATION -> StatusCode.INVALID_CONFIG;
                case AUTH, TRANSIENT -> StatusCode.HANDSHAKE_REJECTED;
              });
    }
    return CloudbusException.transientFailure(
            "[" + ctx + "] cannot open the WebSocket: " + RestClient.describe(err), err)
        .withCode(StatusCode.CONNECT_REFUSED);
  }

  /** The failure of a lost connection: its own code when it has one, else connection_lost. */
  static Throwable lost(Throwable cause) {
    if (cause == null) {
      return CloudbusException.transientFailure("connection closed", null)
          .withCode(StatusCode.CONNECTION_LOST);
    }
    if (StatusCode.of(cause) != StatusCode.VENDOR_ERROR) {
      return cause;
    }
    return new CloudbusException(FailureClass.TRANSIENT, cause.getMessage(), cause, null)
        .withCode(StatusCode.CONNECTION_LOST);
  }
}

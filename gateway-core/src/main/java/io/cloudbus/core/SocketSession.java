package io.cloudbus.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * One open WebSocket connection as seen by a vendor hook during the handshake or a token refresh.
 * Valid until the connection closes; every method fails (never hangs) after that.
 */
public interface SocketSession {

  /** Sends one JSON text frame. Passes the traffic guard but ignores {@code pauseMessages}. */
  Future<Void> send(JsonObject message);

  /**
   * The next received message that matches {@code filter}, or a failure after {@code timeout} or
   * when the connection closes. A matching message is consumed: it does not reach {@code toEvents}.
   */
  Future<JsonObject> awaitMessage(Predicate<JsonObject> filter, Duration timeout);

  /** A label for logs, e.g. {@code simplisafe/home#3} (vendor/account#connection). */
  String logContext();
}

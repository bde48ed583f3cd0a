package io.cloudbus.core;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How a {@link CloudSocket} keeps its connection alive and detects a dead one. Per vendor: some
 * want WebSocket ping frames (SimpliSafe, every ~55 s), some drop clients that ping (BTicino), some
 * use an application message (Home Assistant's {@code {"type":"ping"}}). Server pings are always
 * answered with a pong carrying the same payload, whatever the policy.
 *
 * <p>Immutable. Intervals in milliseconds; 0 disables that part.
 *
 * @param pingIntervalMs interval of WebSocket ping frames; 0 sends none
 * @param silenceTimeoutMs a socket that receives nothing (frames, pings or pongs) for this long is
 *     treated as dead and reconnected; 0 disables the watchdog
 * @param appPingIntervalMs interval of application ping messages; 0 sends none
 * @param appPingTimeoutMs an application ping with no reply within this long means a dead socket
 * @param appPing builds the application ping message (the correlation id is added by the socket
 *     when the vendor correlates); null when {@code appPingIntervalMs} is 0
 * @param appPong recognizes the reply to an application ping; null when unused
 */
public record KeepalivePolicy(
    long pingIntervalMs,
    long silenceTimeoutMs,
    long appPingIntervalMs,
    long appPingTimeoutMs,
    Supplier<JsonObject> appPing,
    Predicate<JsonObject> appPong) {

  public KeepalivePolicy {
    if (pingIntervalMs < 0
        || silenceTimeoutMs < 0
        || appPingIntervalMs < 0
        || appPingTimeoutMs < 0) {
      throw new IllegalArgumentException("keepalive intervals must be >= 0");
    }
    if (appPingIntervalMs > 0) {
      Objects.requireNonNull(appPing, "appPing");
      Objects.requireNonNull(appPong, "appPong");
      if (appPingTimeoutMs == 0) {
        throw new IllegalArgumentException("appPingTimeoutMs must be > 0 with an app ping");
      }
    }
  }

  /** No pings and no watchdog: only TCP and server pings keep the socket. */
  public static KeepalivePolicy none() {
    return new KeepalivePolicy(0, 0, 0, 0, null, null);
  }

  /** WebSocket ping frames every {@code pingIntervalMs}, dead after {@code silenceTimeoutMs}. */
  public static KeepalivePolicy pingFrames(long pingIntervalMs, long silenceTimeoutMs) {
    return new KeepalivePolicy(pingIntervalMs, silenceTimeoutMs, 0, 0, null, null);
  }

  /** No client pings; a socket silent for {@code silenceTimeoutMs} is dead. */
  public static KeepalivePolicy silenceOnly(long silenceTimeoutMs) {
    return new KeepalivePolicy(0, silenceTimeoutMs, 0, 0, null, null);
  }

  /** An application ping message with an expected reply. */
  public static KeepalivePolicy appMessage(
      long intervalMs, long timeoutMs, Supplier<JsonObject> ping, Predicate<JsonObject> pong) {
    return new KeepalivePolicy(0, 0, intervalMs, timeoutMs, ping, pong);
  }
}

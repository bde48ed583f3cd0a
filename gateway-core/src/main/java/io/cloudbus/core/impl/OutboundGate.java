package io.cloudbus.core.impl;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.ReplyCorrelation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission of outgoing messages for one {@link SocketSupervisor}: refused while stopped, not
 * connected or paused, and counted by the {@link TrafficGuard}, which warns (rate-limited) and,
 * past its trip rate, calls {@code onTrip}: the supervisor closes the connection for a cool-down
 * (never the process).
 *
 * <p>Confined to the socket's event-loop context, like its supervisor. Not thread-safe.
 */
final class OutboundGate {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  private final String label;
  private final SocketStats stats;
  private final EventPipeline pipeline;
  private final StatusTracker status;
  private final TrafficGuard guard;
  private final Consumer<String> onTrip;

  /**
   * @param onTrip called with the reason when the guard trips; starts the cool-down
   */
  OutboundGate(
      CloudSocketOptions options,
      SocketStats stats,
      EventPipeline pipeline,
      StatusTracker status,
      Clock clock,
      Consumer<String> onTrip) {
    this.label = options.label();
    this.stats = stats;
    this.pipeline = pipeline;
    this.status = status;
    this.onTrip = onTrip;
    this.guard =
        new TrafficGuard(
            options.trafficWindowMs(),
            options.trafficWarnPerSec(),
            options.trafficTripPerSec(),
            clock);
  }

  /** A new connection starts with an empty traffic window. */
  void reset() {
    guard.reset();
  }

  /**
   * The connection a message may go out on now.
   *
   * @param conn the current connection, or null
   * @return failed with {@link IllegalStateException} when stopped or tripped, with a transient
   *     {@link CloudbusException} when not connected or paused
   */
  Future<SocketConnection> admit(SocketConnection conn, boolean stopped) {
    if (stopped) {
      return Future.failedFuture(new IllegalStateException("[" + label + "] socket is stopped"));
    }
    if (conn == null || !conn.isOpen() || !conn.isReady()) {
      return Future.failedFuture(
          CloudbusException.transientFailure(
              "[" + label + "] not connected (state " + status.state().wireName() + ")", null));
    }
    if (pipeline.paused()) {
      return Future.failedFuture(
          CloudbusException.transientFailure(
              "[" + label + "] paused: outgoing messages are refused until resumed", null));
    }
    return checkTraffic(conn).map(conn);
  }

  /** Counts one outgoing message; fails (and starts the cool-down) when the guard trips. */
  Future<Void> checkTraffic(SocketConnection c) {
    TrafficGuard.Verdict verdict = guard.record();
    if (verdict == TrafficGuard.Verdict.TRIP) {
      String reason =
          String.format(
              "traffic guard tripped: %.0f messages/s averaged over %d ms (limit %d)",
              guard.ratePerSec(), guard.windowMs(), guard.tripPerSec());
      LOG.error("[{}] {}", c.logContext(), reason);
      onTrip.accept(reason);
      return Future.failedFuture(new IllegalStateException("[" + label + "] " + reason));
    }
    if (verdict == TrafficGuard.Verdict.WARN && guard.warnDue()) {
      LOG.warn(
          "[{}] outgoing traffic high: {} messages/s averaged over {} ms (warn {}, trip {})",
          c.logContext(),
          String.format("%.0f", guard.ratePerSec()),
          guard.windowMs(),
          guard.warnPerSec(),
          guard.tripPerSec());
    }
    return Future.succeededFuture();
  }

  /**
   * Sends an admitted request stamped with the connection's next id and returns its reply.
   *
   * @param correlation the connection's correlation; null fails with {@link IllegalStateException}
   * @return fails on timeout, write failure or disconnect (through {@code replies})
   */
  Future<JsonObject> request(
      SocketConnection c,
      ReplyCorrelation correlation,
      PendingReplies replies,
      JsonObject message,
      long timeoutMs) {
    if (correlation == null) {
      return Future.failedFuture(
          new IllegalStateException(
              "[" + label + "] this socket has no request/reply correlation"));
    }
    JsonObject copy = message.copy();
    long id = c.nextId();
    correlation.stamp(copy, id);
    Future<JsonObject> reply = replies.register(id, timeoutMs, c.logContext());
    write(c, copy).onFailure(e -> replies.fail(id, e));
    return reply;
  }

  /** Writes an admitted message and counts it. */
  Future<Void> write(SocketConnection c, JsonObject message) {
    stats.messagesOut.incrementAndGet();
    LOG.debug("[{}] sending a message", c.logContext());
    return c.write(message);
  }
}

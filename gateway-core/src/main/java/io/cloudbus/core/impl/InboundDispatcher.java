package io.cloudbus.core.impl;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.ReplyCorrelation;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every received message of a connection, in this order: waiters of {@code awaitMessage}
 * (handshake, app pings) → replies to pending requests (a reply to no pending request is counted as
 * late and dropped, never mapped) → held while the handshake runs → the vendor's mapper → the
 * {@link EventPipeline}. Bad frames (malformed JSON, non-object array elements, a throwing mapper
 * or correlation) are counted and skipped.
 *
 * <p>Confined to the socket's context (not thread-safe).
 */
public final class InboundDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

  private final SocketStats stats;
  private final EventPipeline pipeline;
  private final Function<JsonObject, List<CloudbusEvent>> mapper;

  /**
   * @param mapper the vendor's {@code toEvents}; may throw, may return null
   */
  public InboundDispatcher(
      SocketStats stats, EventPipeline pipeline, Function<JsonObject, List<CloudbusEvent>> mapper) {
    this.stats = stats;
    this.pipeline = pipeline;
    this.mapper = mapper;
  }

  /** One text message of connection {@code c} (replies matched against c's own requests). */
  public void onText(SocketConnection c, String text) {
    stats.messagesIn.incrementAndGet();
    JsonFrames.split(text, m -> dispatch(c, m), reason -> badFrame(c, reason));
  }

  /** One parsed message of connection {@code c}. */
  public void dispatch(SocketConnection c, JsonObject message) {
    if (c.offerToWaiters(message)) {
      return;
    }
    ReplyCorrelation corr = c.correlation();
    PendingReplies replies = c.replies();
    if (corr != null && replies != null) {
      Long id;
      Throwable error;
      try {
        id = corr.replyTo(message);
        error = id == null ? null : corr.replyError(message);
      } catch (RuntimeException e) {
        badFrame(c, "correlation failed: " + e);
        return;
      }
      if (id != null) {
        if (!replies.complete(id, message, error)) {
          stats.lateReplies.incrementAndGet();
          LOG.debug("[{}] reply to unknown or expired id {}", c.logContext(), id);
        }
        return;
      }
    }
    if (!c.isReady()) {
      c.hold(message);
      return;
    }
    List<CloudbusEvent> events;
    try {
      events = mapper.apply(message);
    } catch (RuntimeException e) {
      badFrame(c, "toEvents failed: " + e);
      return;
    }
    if (events != null) {
      events.forEach(pipeline::deliver);
    }
  }

  /** Counts and logs a skipped frame; the connection stays up. */
  public void badFrame(SocketConnection c, String reason) {
    stats.badFrames.incrementAndGet();
    LOG.warn("[{}] bad frame skipped: {}", c.logContext(), reason);
  }
}

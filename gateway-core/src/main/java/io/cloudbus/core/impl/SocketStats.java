package io.cloudbus.core.impl;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one account socket, cumulative since deployment. Thread-safe: written on the socket's
 * context, read from anywhere (metrics, health).
 */
public final class SocketStats {

  /** Events produced by {@code toEvents} or catch-up, before dedup. */
  public final AtomicLong eventsIn = new AtomicLong();

  /** Events published on the bus after dedup. */
  public final AtomicLong eventsPublished = new AtomicLong();

  /** Events dropped because their id was already published. */
  public final AtomicLong duplicatesDropped = new AtomicLong();

  /** Frames skipped: binary, malformed JSON, oversized, or {@code toEvents} threw. */
  public final AtomicLong badFrames = new AtomicLong();

  /** Connections established after the first one. */
  public final AtomicLong reconnects = new AtomicLong();

  /** Successful connections (handshake done). */
  public final AtomicLong connections = new AtomicLong();

  /** Failed connection attempts. */
  public final AtomicLong connectFailures = new AtomicLong();

  /** Events dropped from a full pause buffer. */
  public final AtomicLong pauseOverflow = new AtomicLong();

  /** Messages written by the socket (commands, handshake, app pings). */
  public final AtomicLong messagesOut = new AtomicLong();

  /** Text messages received (arrays count once). */
  public final AtomicLong messagesIn = new AtomicLong();

  /** Replies that matched no pending request (late, after a timeout). */
  public final AtomicLong lateReplies = new AtomicLong();

  /** Events received through {@code recentEvents} catch-up, before dedup. */
  public final AtomicLong catchUpEvents = new AtomicLong();

  /** Catch-ups whose history fetch succeeded (its events handed to the pipeline). */
  public final AtomicLong catchUps = new AtomicLong();

  /** Token changes seen while connected. */
  public final AtomicLong tokenRefreshes = new AtomicLong();

  /** Events the journal could not record (published without a position). */
  public final AtomicLong journalFailures = new AtomicLong();

  /** Times reading from the vendor was held because too many events were in flight. */
  public final AtomicLong readHolds = new AtomicLong();

  /** A JSON snapshot (field names as above). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("eventsIn", eventsIn.get())
        .put("eventsPublished", eventsPublished.get())
        .put("duplicatesDropped", duplicatesDropped.get())
        .put("badFrames", badFrames.get())
        .put("connections", connections.get())
        .put("reconnects", reconnects.get())
        .put("connectFailures", connectFailures.get())
        .put("pauseOverflow", pauseOverflow.get())
        .put("messagesIn", messagesIn.get())
        .put("messagesOut", messagesOut.get())
        .put("lateReplies", lateReplies.get())
        .put("catchUpEvents", catchUpEvents.get())
        .put("catchUps", catchUps.get())
        .put("tokenRefreshes", tokenRefreshes.get())
        .put("journalFailures", journalFailures.get())
        .put("readHolds", readHolds.get());
  }
}

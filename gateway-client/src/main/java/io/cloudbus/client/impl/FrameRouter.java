package io.cloudbus.client.impl;

import io.cloudbus.client.CloudbusClientException;
import io.cloudbus.client.Event;
import io.cloudbus.client.ServerError;
import io.cloudbus.client.Status;
import io.cloudbus.client.impl.PendingRequests.Kind;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes each frame a {@link io.cloudbus.client.CloudbusClient} receives: events and statuses to
 * their {@link Inbox}es (then the handlers are told), answers to the oldest {@link PendingRequests}
 * request of their kind, error frames to that request or else to the error handler. A malformed
 * frame is reported and skipped, a frame of an unknown type is ignored.
 *
 * <p>Threading: {@link #route} runs on the socket's event thread, one frame at a time; it blocks
 * while the event buffer is full (that is the client's back pressure).
 */
public final class FrameRouter {

  private static final String UNKNOWN_RESOURCE = "unknown_resource";
  private static final String BAD_SINCE = "bad_since";
  private static final String JOURNAL_RESET = "journal_reset";
  private static final String GAP_TYPE = "io.cloudbus.stream.gap";
  private static final String GAP_SOURCE = "/cloudbus/gateway/journal";

  private final String logId;
  private final Logger log;
  private final Inbox<Event> events;
  private final Inbox<Status> statuses;
  private final ClientHandlers<Event, Status, ?> handlers;
  private final PendingRequests pending;
  private final Runnable resourceRejected;
  private final ResumePoint resume;
  private final String resource;

  /**
   * @param resourceRejected told when the service answers {@code unknown_resource}: retrying the
   *     same URL cannot help
   * @param resource the resource subscribed to ({@code /ws/{resource}}), the subject of a gap the
   *     client reports itself
   */
  public FrameRouter(
      String logId,
      Logger log,
      Inbox<Event> events,
      Inbox<Status> statuses,
      ClientHandlers<Event, Status, ?> handlers,
      PendingRequests pending,
      Runnable resourceRejected,
      ResumePoint resume,
      String resource) {
    this.resume = resume;
    this.resource = resource;
    this.logId = logId;
    this.log = log;
    this.events = events;
    this.statuses = statuses;
    this.handlers = handlers;
    this.pending = pending;
    this.resourceRejected = resourceRejected;
  }

  /** Decodes and routes one text frame. */
  public void route(String text) {
    Frames.Incoming in;
    try {
      in = Frames.decode(text);
    } catch (IllegalArgumentException e) {
      log.log(Level.WARNING, () -> logId + " ignored a malformed frame: " + e.getMessage());
      handlers.report(new CloudbusClientException("malformed frame ignored: " + e.getMessage(), e));
      return;
    }
    if (in instanceof Frames.EventFrame ef) {
      try {
        events.put(ef.event());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      resume.delivered(ef.event().position());
      handlers.eventsArrived();
    } else if (in instanceof Frames.StatusFrame sf) {
      statuses.offerDroppingOldest(sf.status());
      handlers.statusesArrived();
    } else if (in instanceof Frames.Subscribed s) {
      resume.delivered(s.position());
      answer(Kind.SUBSCRIBE, s.filter());
    } else if (in instanceof Frames.Replayed r) {
      log.log(Level.DEBUG, () -> logId + " replayed " + r.count() + " events, now live");
    } else if (in instanceof Frames.Pong) {
      answer(Kind.PING, Boolean.TRUE);
    } else if (in instanceof Frames.ErrorFrame ef) {
      error(ef.error());
    } else if (in instanceof Frames.Welcome) {
      log.log(Level.DEBUG, () -> logId + " welcome");
      answer(Kind.WELCOME, Boolean.TRUE);
    } else if (in instanceof Frames.Unknown u) {
      log.log(Level.DEBUG, () -> logId + " ignored a frame of unknown type " + u.type());
    }
  }

  private void error(ServerError err) {
    CloudbusClientException ex =
        new CloudbusClientException(
            "service error " + err.code() + ": " + err.message(), err, -1, null);
    if (UNKNOWN_RESOURCE.equals(err.code())) {
      resourceRejected.run();
    }
    if (BAD_SINCE.equals(err.code()) && resume.sinceRejected(p -> journalReset(p, err))) {
      return; // subscribed again without it, nobody waits
    }
    if (!pending.failOldest(ex)) {
      handlers.report(ex);
    }
  }

  /**
   * The service no longer knows the position the client resumed from: its journal is another one (a
   * fresh journal since, or another service). The listener gets an {@code io.cloudbus.stream.gap}
   * event ({@code data: {to, reason: "journal_reset", afterPosition}}, no position), as an SSE
   * stream does, before the live events of the new subscription: what happened between the last
   * event it had and now is unknown to it.
   */
  private void journalReset(String position, ServerError err) {
    log.log(
        Level.WARNING,
        () -> logId + " cannot resume: " + err.message() + "; going on live after a gap event");
    String now = Instant.now().toString();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("to", now);
    data.put("reason", JOURNAL_RESET);
    data.put("afterPosition", position);
    Map<String, Object> gap = new LinkedHashMap<>();
    gap.put("specversion", "1.0");
    gap.put("id", JOURNAL_RESET + "-p" + position + "-" + now);
    gap.put("source", GAP_SOURCE);
    gap.put("type", GAP_TYPE);
    gap.put("subject", resource);
    gap.put("time", now);
    gap.put("datacontenttype", "application/json");
    gap.put("data", data);
    try {
      events.put(Event.parse(Json.write(gap), resource));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    handlers.eventsArrived();
  }

  private void answer(Kind kind, Object value) {
    if (!pending.answer(kind, value)) {
      log.log(Level.DEBUG, () -> logId + " unsolicited " + kind + " answer");
    }
  }
}

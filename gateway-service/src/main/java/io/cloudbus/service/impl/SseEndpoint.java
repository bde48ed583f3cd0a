package io.cloudbus.service.impl;

import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /sse/events?vendor=&account=&type=}: Server-Sent Events (W3C EventSource). Each event
 * is {@code id: <journal position>}, {@code event: cloudevent}, {@code data: <CloudEvent JSON>};
 * the stream opens with a {@code retry:} hint and carries a comment line as heartbeat. {@code
 * Last-Event-ID} (sent by every EventSource when it reconnects) or else {@code ?since=} resumes:
 * the journal is replayed (see {@link Replay}) and the stream goes on live; a resume point older
 * than what the journal still holds first gets {@code event: gap} with the {@code
 * io.cloudbus.stream.gap} event ({@link RetentionGap}) and no {@code id:} line. A {@code since}
 * that names nothing is answered 400 with a JSON body, except a {@code Last-Event-ID} beyond the
 * journal's latest position (it names another journal): that stream gets a {@code journal_reset}
 * gap and goes on live, because an EventSource never reconnects after an answer other than 200.
 * Behind the same Origin and token checks as every endpoint; counted as transport {@code sse} in
 * {@code cloudbus_clients}; a client that cannot keep up is cut like a {@code /ws} one.
 *
 * <p>Threading: the service verticle's event loop.
 */
final class SseEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(SseEndpoint.class);

  /** The reconnect delay an EventSource is told to use. */
  static final long RETRY_MS = 2_000;

  /** Longest interval between heartbeats (shorter when the HTTP idle timeout is). */
  static final long MAX_HEARTBEAT_MS = 15_000;

  private final Vertx vertx;
  private final ServiceOptions options;
  private final GatewayMetrics metrics;
  private final Resumes resumes;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private long heartbeatTimer = -1;

  SseEndpoint(Vertx vertx, ServiceOptions options, GatewayMetrics metrics, Resumes resumes) {
    this.vertx = vertx;
    this.options = options;
    this.metrics = metrics;
    this.resumes = resumes;
  }

  /** Heartbeat interval: a third of the HTTP idle timeout, at most {@link #MAX_HEARTBEAT_MS}. */
  long heartbeatMs() {
    return Math.max(1, Math.min(MAX_HEARTBEAT_MS, options.limits().idleTimeoutMs() / 3));
  }

  void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    WsFilter filter;
    try {
      JsonObject f = new JsonObject();
      for (String name : new String[] {"vendor", "account", "type"}) {
        String v = request.getParam(name);
        if (v != null) {
          f.put(name, v);
        }
      }
      filter = WsFilter.parse(f);
    } catch (IllegalArgumentException e) {
      HttpErrors.end(rc, 400, "bad_filter", e.getMessage());
      return;
    }
    String since = request.getHeader("Last-Event-ID");
    boolean fromHeader = since != null && !since.isBlank();
    if (!fromHeader) {
      since = request.getParam("since");
    }
    if (metrics.totalClients() >= options.maxClients()) {
      metrics.clientRejected(GatewayMetrics.SSE, "too_many_clients");
      HttpErrors.end(rc, 503, "too_many_clients", "too many clients");
      return;
    }
    String id = "sse#" + ids.incrementAndGet();
    HttpServerResponse response = rc.response();
    SseClient client =
        new SseClient(
            id,
            response,
            request.connection(),
            filter,
            options.clientQueueHighWaterMark(),
            metrics);
    FlushBatching.install(request.connection());
    metrics.clientConnected(GatewayMetrics.SSE);
    clients.add(client);
    startHeartbeats();
    response.closeHandler(v -> closed(client));
    response.exceptionHandler(e -> LOG.debug("[{}] stream error: {}", id, e.toString()));
    if (since == null) {
      open(response);
      return;
    }
    Replay replay = new Replay(vertx.getOrCreateContext(), resumes.journal(), filter, client);
    client.replay(replay);
    resumes
        .resolve(since, filter)
        .compose(
            from ->
                RetentionGap.check(resumes.journal(), from, "sse", Clock.systemUTC())
                    .map(gap -> new Start(from, gap)))
        .recover(
            e ->
                fromHeader && e instanceof SinceParser.OtherJournal other
                    ? Future.succeededFuture(journalReset(id, other))
                    : Future.failedFuture(e))
        .compose(
            start -> {
              open(response);
              if (start.gap() != null) {
                response.write(SseClient.gapFrame(start.gap()));
              }
              return replay.start(start.from());
            })
        .onFailure(
            e -> {
              if (client.replay() != replay) {
                return;
              }
              if (e instanceof IllegalArgumentException && !response.headWritten()) {
                closed(client);
                HttpErrors.end(rc, 400, "bad_since", e.getMessage());
              } else if (!response.closed()) {
                LOG.warn("[{}] replay failed: {}", id, e.toString());
                response.reset();
              }
            });
  }

  /** Where a resumed stream starts, and the gap event to send before it (null: none). */
  private record Start(SinceParser.ResumePoint from, JsonObject gap) {}

  /**
   * A {@code Last-Event-ID} beyond the journal's latest position or below its base names an event
   * of another journal (the service started with a fresh one, or another node or service answered).
   * An EventSource treats any answer but 200 as final and never reconnects, so instead of a 400 the
   * stream announces the gap and goes on live from this journal's latest position; replaying this
   * journal from its start could hand the consumer events it already had from the other journal.
   */
  private static Start journalReset(String id, SinceParser.OtherJournal other) {
    LOG.info(
        "[{}] Last-Event-ID {} is not a position of this journal ({}); sending a journal_reset gap"
            + " event and going on live",
        id,
        other.position(),
        other.getMessage());
    return new Start(
        new SinceParser.ResumePoint(other.latest(), null),
        RetentionGap.journalReset(other, "sse", Clock.systemUTC()));
  }

  private void open(HttpServerResponse response) {
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no")
        .write("retry: " + RETRY_MS + "\n\n");
  }

  private void closed(SseClient client) {
    if (clients.remove(client)) {
      client.closed();
      metrics.clientDisconnected(GatewayMetrics.SSE);
      LOG.debug("[{}] closed", client.id());
      if (clients.isEmpty() && heartbeatTimer >= 0) {
        vertx.cancelTimer(heartbeatTimer);
        heartbeatTimer = -1;
      }
    }
  }

  private void startHeartbeats() {
    if (heartbeatTimer < 0) {
      heartbeatTimer =
          vertx.setPeriodic(
              heartbeatMs(),
              t -> {
                for (SseClient c : clients) {
                  if (c.replay() == null) {
                    c.heartbeat();
                  }
                }
              });
    }
  }

  /** Sends one event to every matching stream; {@code position} -1: none. */
  void onEvent(JsonObject event, long position) {
    if (clients.isEmpty()) {
      return;
    }
    Object vendor = event.getValue("vendor");
    Object account = event.getValue("account");
    Object type = event.getValue("type");
    String text = null;
    int written = 0;
    for (SseClient c : clients) {
      if (!c.filter().matchesEvent(vendor, account, type)) {
        continue;
      }
      if (text == null) {
        text = SseClient.frame(event, position);
      }
      if (c.offer(event, position, text)) {
        written++;
      }
    }
    metrics.eventsOut(GatewayMetrics.SSE, event, written);
  }

  void closeAll() {
    for (SseClient c : clients) {
      c.close();
    }
  }
}

package io.cloudbus.service.impl;

import io.cloudbus.core.impl.EventJson;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /sse/events} stream: writes events as {@code id: <position>}, {@code event:
 * cloudevent}, {@code data: <CloudEvent JSON>}, a comment line as heartbeat, and is cut when it
 * cannot keep up (see {@link SlowClientGuard}); a replay writes at its own pace instead (see {@link
 * Replay}).
 *
 * <p>Threading: the service verticle's event loop.
 */
final class SseClient implements Replay.Target {

  private static final Logger LOG = LoggerFactory.getLogger(SseClient.class);
  static final String HEARTBEAT = ":\n\n";

  private final String id;
  private final HttpServerResponse response;
  private final HttpConnection connection;
  private final WsFilter filter;
  private final GatewayMetrics metrics;
  private final SlowClientGuard guard;
  private Replay replay;
  private long liveAfter;
  private Runnable drainWaiter;
  private boolean closed;

  SseClient(
      String id,
      HttpServerResponse response,
      HttpConnection connection,
      WsFilter filter,
      int highWaterMark,
      GatewayMetrics metrics) {
    this.id = id;
    this.response = response;
    this.connection = connection;
    this.filter = filter;
    this.metrics = metrics;
    this.guard = new SlowClientGuard(response, highWaterMark, this::cutSlow, this::drained);
  }

  String id() {
    return id;
  }

  WsFilter filter() {
    return filter;
  }

  Replay replay() {
    return replay;
  }

  void replay(Replay replay) {
    this.replay = replay;
  }

  void closed() {
    closed = true;
    if (replay != null) {
      replay.cancel();
      replay = null;
    }
  }

  /** Encodes one event of the stream. */
  static String frame(JsonObject event, long position) {
    String data = "event: cloudevent\ndata: " + EventJson.encode(event) + "\n\n";
    return position > 0 ? "id: " + position + "\n" + data : data;
  }

  /**
   * The {@code event: gap} of a resume older than the journal's retention: no {@code id:}, so that
   * the EventSource's {@code Last-Event-ID} stays that of the last event.
   */
  static String gapFrame(JsonObject gap) {
    return "event: gap\ndata: " + gap.encode() + "\n\n";
  }

  /** A live event: written when new to this client; false when not written. */
  boolean offer(JsonObject event, long position, String text) {
    if (replay != null) {
      replay.offerLive(event, position);
      return false;
    }
    if (position > 0 && position <= liveAfter) {
      return false;
    }
    if (closed || !guard.admit()) {
      return false;
    }
    response.write(text);
    return true;
  }

  void heartbeat() {
    if (!closed && !response.writeQueueFull()) {
      response.write(HEARTBEAT);
    }
  }

  @Override
  public boolean write(JsonObject event, long position) {
    if (!closed) {
      response.write(frame(event, position));
    }
    return true;
  }

  @Override
  public boolean full() {
    return response.writeQueueFull();
  }

  @Override
  public void whenDrained(Runnable next) {
    drainWaiter = next;
  }

  private void drained() {
    Runnable next = drainWaiter;
    drainWaiter = null;
    if (next != null) {
      next.run();
    }
  }

  @Override
  public boolean gone() {
    return closed || guard.tripped();
  }

  @Override
  public void live(int count, long lastPosition) {
    replay = null;
    liveAfter = lastPosition;
    metrics.eventsReplayed(GatewayMetrics.SSE, count);
  }

  private void cutSlow() {
    metrics.slowClientDropped(GatewayMetrics.SSE);
    LOG.info("[{}] disconnected: slow client (write queue stayed full)", id);
    // what is queued would be written first: a slow reader is dropped at once
    ConnectionAbort.abort(connection);
  }

  /** Closes the stream (service stopping). */
  void close() {
    if (!closed) {
      response.end();
    }
  }
}

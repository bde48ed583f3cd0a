package io.cloudbus.service.impl;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way out to one TCP bridge client: replies, pongs, errors, events and command replies all
 * pass through {@link #write}, so one bound covers them all.
 *
 * <ul>
 *   <li>Every write goes through a {@link SlowClientGuard}: over {@code highWaterMark} writes while
 *       the socket's write queue is full, the client is cut ({@code err slow_client}, best effort,
 *       then close).
 *   <li>When a write leaves the write queue full, {@code pauseReading} runs (the connection stops
 *       reading and stops handling frames it already read), and {@code resumeReading} runs on the
 *       drain. A client that sends but never reads thus gets at most one more answer queued after
 *       the queue filled; it cannot make the service buffer more than the transport's buffer plus
 *       {@code highWaterMark} frames.
 *   <li>{@link #close} is bounded: a polite close waits behind everything the client did not read,
 *       so the connection is aborted if it is still open {@value #CLOSE_GRACE_MS} ms later.
 * </ul>
 *
 * <p>Threading: use from the connection's event loop only.
 */
final class TcpOutbound {

  private static final Logger LOG = LoggerFactory.getLogger(TcpOutbound.class);
  static final long CLOSE_GRACE_MS = 2_000;

  private final Vertx vertx;
  private final NetSocket socket;
  private final String id;
  private final GatewayMetrics metrics;
  private final Runnable pauseReading;
  private final Runnable resumeReading;
  private final SlowClientGuard guard;
  private long backedUpSinceMs = -1;
  private long abortTimer = -1;
  private boolean closing;
  private boolean closed;

  TcpOutbound(
      Vertx vertx,
      NetSocket socket,
      String id,
      int highWaterMark,
      GatewayMetrics metrics,
      Runnable pauseReading,
      Runnable resumeReading) {
    this.vertx = vertx;
    this.socket = socket;
    this.id = id;
    this.metrics = metrics;
    this.pauseReading = pauseReading;
    this.resumeReading = resumeReading;
    this.guard = new SlowClientGuard(socket, highWaterMark, this::cutSlow, this::drained);
  }

  /** The wire form of one frame: 4-byte big-endian length, then the UTF-8 JSON. */
  static Buffer encode(JsonObject frame) {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(json.length + 4).appendInt(json.length).appendBytes(json);
  }

  /**
   * Writes {@code frame}, never waiting. False when it was dropped: the connection is closing, or
   * this write tipped the client over the slow-client bound (it is being cut).
   */
  boolean write(JsonObject frame) {
    if (closing || !guard.admit()) {
      return false;
    }
    socket.write(encode(frame));
    if (backedUpSinceMs < 0 && socket.writeQueueFull()) {
      backedUpSinceMs = System.currentTimeMillis();
      LOG.debug("[{}] write queue full: reading paused", id);
      pauseReading.run();
    }
    return true;
  }

  /** Since when the write queue has been full (epoch ms), or -1 when it is not backed up. */
  long backedUpSinceMs() {
    return backedUpSinceMs;
  }

  boolean closing() {
    return closing;
  }

  /** Cuts the client as too slow: counted, {@code err slow_client} best effort, bounded close. */
  void cutSlow() {
    if (closing) {
      return;
    }
    metrics.slowClientDropped(GatewayMetrics.TCP);
    LOG.info("[{}] disconnected: slow client (write queue stayed full)", id);
    close(TcpBridgeConnection.err("slow_client"));
  }

  /**
   * Stops reading, writes {@code lastFrame} (null = none) past the guard, closes, and aborts the
   * connection if the close has not completed after {@value #CLOSE_GRACE_MS} ms. Idempotent.
   */
  void close(JsonObject lastFrame) {
    if (closing) {
      return;
    }
    closing = true;
    pauseReading.run();
    if (lastFrame != null && !closed) {
      socket.write(encode(lastFrame));
    }
    socket.close();
    if (!closed) {
      abortTimer =
          vertx.setTimer(
              CLOSE_GRACE_MS,
              t -> {
                if (!closed) {
                  ConnectionAbort.abort(socket);
                }
              });
    }
  }

  /** The socket is closed: nothing more is written, the abort timer is not needed. */
  void closed() {
    closed = true;
    closing = true;
    vertx.cancelTimer(abortTimer);
  }

  private void drained() {
    if (backedUpSinceMs < 0 || closing) {
      return;
    }
    backedUpSinceMs = -1;
    LOG.debug("[{}] write queue drained: reading resumed", id);
    resumeReading.run();
  }
}

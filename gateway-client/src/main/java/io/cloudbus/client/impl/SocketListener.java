package io.cloudbus.client.impl;

import io.cloudbus.client.CloseEvent;
import io.cloudbus.client.WebSocketException;
import io.cloudbus.client.WebSocketOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The {@code java.net.http} side of one {@link io.cloudbus.client.WebSocket}: assembles text
 * messages (at most {@link WebSocketOptions#maxMessageChars()}), holds them for the handlers,
 * answers the server's close, and runs the keepalive ping. The socket's state lives in its {@link
 * Owner}; this class only tells it what the network did.
 *
 * <p>Threading: the listener methods run one at a time on a {@code java.net.http} thread (as that
 * API guarantees); the keepalive runs on the socket's {@link EventThread}. The partial-message
 * buffer is confined to the listener thread; the outstanding ping time is volatile.
 */
public final class SocketListener implements java.net.http.WebSocket.Listener {

  /** The state machine the listener reports to; every method may be called from any thread. */
  public interface Owner {

    /**
     * Moves CONNECTING to OPEN with {@code ws} and tells the handlers; false if the socket was
     * abandoned meanwhile (the listener then aborts {@code ws}).
     */
    boolean becomeOpen(java.net.http.WebSocket ws);

    /** Whether the socket is OPEN (not closing or closed). */
    boolean isOpen();

    /** OPEN becomes CLOSING with our close frame counted as sent: the connection is failing. */
    void startFailing();

    /** Records the server's close frame; true if our close frame went first. */
    boolean closeFrameReceived();

    /** Moves to CLOSED once, reporting {@code error} (null for a clean close). */
    void finish(CloseEvent ev, Throwable error);
  }

  private final Owner owner;
  private final SocketHandlers handlers;
  private final EventThread events;
  private final WebSocketOptions options;
  private final URI uri;
  private final String logId;
  private final Logger log;
  private final StringBuilder partial = new StringBuilder(); // listener thread only
  private long binaryBytes; // listener thread only
  private volatile long pingSentNanos; // 0 = no ping outstanding

  public SocketListener(
      Owner owner,
      SocketHandlers handlers,
      EventThread events,
      WebSocketOptions options,
      URI uri,
      String logId,
      Logger log) {
    this.owner = owner;
    this.handlers = handlers;
    this.events = events;
    this.options = options;
    this.uri = uri;
    this.logId = logId;
    this.log = log;
  }

  @Override
  public void onOpen(java.net.http.WebSocket ws) {
    if (!owner.becomeOpen(ws)) {
      ws.abort();
      return;
    }
    long pingMs = options.pingInterval().toMillis();
    if (pingMs > 0) {
      events.every(pingMs, () -> keepalive(ws, pingMs));
    }
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
    if (partial.length() + data.length() > options.maxMessageChars()) {
      partial.setLength(0);
      tooBig(ws);
      return null;
    }
    partial.append(data);
    if (!last) {
      ws.request(1);
      return null;
    }
    String msg = partial.toString();
    partial.setLength(0);
    if (handlers.hold(msg, !owner.isOpen())) {
      ws.request(1);
    }
    return null;
  }

  private void tooBig(java.net.http.WebSocket ws) {
    WebSocketException e =
        new WebSocketException(
            "a message exceeded maxMessageChars=" + options.maxMessageChars(), -1, null);
    owner.startFailing();
    // Failing the connection (RFC 6455 7.1.7): a close frame, then the TCP connection goes,
    // without waiting for an answer. 1009 is reserved to the JDK; 1008 is the closest we may
    // send.
    ws.sendClose(1008, "message too big")
        .whenComplete((r, t) -> owner.finish(new CloseEvent(CloseEvent.ABNORMAL, "", false), e));
  }

  @Override
  public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
    binaryBytes += data.remaining();
    if (last) {
      long n = binaryBytes;
      binaryBytes = 0;
      handlers.error(
          new WebSocketException(
              "ignored a binary message of " + n + " bytes: only text is expected", -1, null));
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(java.net.http.WebSocket ws, ByteBuffer message) {
    // java.net.http has already queued the pong, echoing this payload (RFC 6455 5.5.3).
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(java.net.http.WebSocket ws, ByteBuffer message) {
    pingSentNanos = 0;
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
    boolean weClosedFirst = owner.closeFrameReceived();
    if (code == CloseEvent.ABNORMAL) {
      // java.net.http reports end-of-stream without a close frame as 1006 here, not as onError.
      owner.finish(
          new CloseEvent(CloseEvent.ABNORMAL, "", false),
          new WebSocketException(
              "connection to " + Urls.redact(uri) + " dropped without a close frame", -1, null));
      return null;
    }
    CloseEvent ev = new CloseEvent(code, reason, true);
    log.log(Level.DEBUG, () -> logId + " close frame " + code + " received");
    if (weClosedFirst) {
      owner.finish(ev, null);
      return null;
    }
    CompletableFuture<?> reply = ws.sendClose(CloseCodes.echoOf(code), "");
    reply.whenComplete((r, e) -> owner.finish(ev, null));
    return reply;
  }

  @Override
  public void onError(java.net.http.WebSocket ws, Throwable error) {
    owner.finish(
        new CloseEvent(CloseEvent.ABNORMAL, "", false),
        new WebSocketException(
            "connection to " + Urls.redact(uri) + " failed: " + error, -1, error));
  }

  /**
   * Runs every ping interval on the event thread while the socket lives: sends a ping when none is
   * outstanding, and fails the socket when the last one found no pong within one interval.
   */
  private void keepalive(java.net.http.WebSocket ws, long pingMs) {
    if (!owner.isOpen()) {
      return;
    }
    long sent = pingSentNanos;
    if (sent != 0 && System.nanoTime() - sent >= pingMs * 1_000_000) {
      owner.finish(
          new CloseEvent(CloseEvent.ABNORMAL, "", false),
          new WebSocketException(
              "no pong within " + pingMs + " ms: the connection is presumed dead", -1, null));
      return;
    }
    if (sent == 0) {
      pingSentNanos = System.nanoTime();
      try {
        ws.sendPing(ByteBuffer.wrap(new byte[] {'c', 'b'}))
            .whenComplete(
                (r, e) -> {
                  Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                  if (cause != null && !(cause instanceof IllegalStateException)) {
                    owner.finish(
                        new CloseEvent(CloseEvent.ABNORMAL, "", false),
                        new WebSocketException(
                            "connection to " + Urls.redact(uri) + " failed: " + cause, -1, cause));
                  }
                });
      } catch (IllegalStateException e) {
        pingSentNanos = 0; // another ping or pong is being written; try next time
      }
    }
  }
}

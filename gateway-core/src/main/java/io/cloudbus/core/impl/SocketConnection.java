package io.cloudbus.core.impl;

import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.CloudbusTimeoutException;
import io.cloudbus.core.ReplyCorrelation;
import io.cloudbus.core.SocketSession;
import io.cloudbus.core.http.RestClient;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One open WebSocket of a cloud socket: frame reassembly with a size limit, the {@link
 * SocketSession} of the hooks (send, {@link #awaitMessage}), the per-connection request id counter,
 * and a single close notification.
 *
 * <p>Messages that arrive during the handshake and match no waiter are held in a backlog: a later
 * {@link #awaitMessage} can still consume them (servers often speak first, before the hook asks),
 * and {@link #markReady()} hands the rest over for normal processing, so nothing is lost.
 *
 * <p>Confined to the socket's event-loop context (not thread-safe); the session methods may be
 * called from hooks running on that context.
 */
public final class SocketConnection implements SocketSession {

  /** Handshake backlog bound; beyond it the oldest held message is dropped. */
  public static final int MAX_BACKLOG = 10_000;

  /** What the connection reports to its socket. */
  public interface Listener {
    /** Any inbound frame (data, ping, pong): the link is alive. */
    void onInbound(SocketConnection connection);

    /** A complete text message within the size limit. */
    void onText(SocketConnection connection, String text);

    /** A skipped frame (binary, oversized); the connection stays up. */
    void onBadFrame(SocketConnection connection, String reason);

    /** The connection is gone; {@code cause} null for a close we asked for without a cause. */
    void onClosed(SocketConnection connection, Throwable cause);

    /** Admits one outgoing message (traffic guard); a failed future refuses it. */
    Future<Void> beforeSend(SocketConnection connection);
  }

  private record Waiter(Predicate<JsonObject> filter, Promise<JsonObject> promise, long timer) {}

  private final WebSocket ws;
  private final int number;
  private final String logContext;
  private final int maxMessageBytes;
  private final TimerScheduler timers;
  private final Listener listener;
  private final List<Waiter> waiters = new ArrayList<>();
  private final ArrayDeque<JsonObject> backlog = new ArrayDeque<>();
  private final long openedAtNanos = System.nanoTime();

  private ReplyCorrelation correlation;
  private PendingReplies replies;
  private boolean ready;
  private boolean readingHeld;
  private boolean closed;
  private long nextId = 1;
  private Throwable lastError;

  // Reassembly of a fragmented message.
  private Buffer partial;
  private boolean partialBinary;
  private boolean partialOversized;
  private int partialBytes;

  public SocketConnection(
      WebSocket ws,
      int number,
      String logContext,
      int maxMessageBytes,
      TimerScheduler timers,
      Listener listener) {
    this.ws = ws;
    this.number = number;
    this.logContext = logContext;
    this.maxMessageBytes = maxMessageBytes;
    this.timers = timers;
    this.listener = listener;
  }

  /** Attaches the WebSocket handlers; call once, right after the upgrade. */
  public void start() {
    ws.frameHandler(this::onFrame);
    ws.pongHandler(b -> listener.onInbound(this));
    ws.exceptionHandler(e -> lastError = e);
    ws.closeHandler(
        v -> {
          Short code = ws.closeStatusCode();
          String reason = ws.closeReason();
          String text =
              "connection closed by the server"
                  + (code == null
                      ? ""
                      : " (code " + code + (reason == null ? "" : " " + reason) + ")");
          String why = lastError == null ? null : RestClient.describe(lastError);
          if (why != null && !why.equals("the connection was closed")) {
            text += " after " + why;
          }
          shutdown(CloudbusException.transientFailure(text, lastError));
        });
  }

  public int number() {
    return number;
  }

  /**
   * Binds this connection's request/reply state: its correlation (null = none) and its pending
   * requests. Messages that still arrive after the connection was replaced are then matched against
   * their own connection's requests, never the new one's.
   */
  public void bind(ReplyCorrelation correlation, PendingReplies replies) {
    this.correlation = correlation;
    this.replies = replies;
  }

  /** The bound correlation, or null. */
  public ReplyCorrelation correlation() {
    return correlation;
  }

  /** The bound pending requests. */
  public PendingReplies replies() {
    return replies;
  }

  @Override
  public String logContext() {
    return logContext;
  }

  public boolean isOpen() {
    return !closed;
  }

  /** Milliseconds since the upgrade. */
  public long ageMs() {
    return (System.nanoTime() - openedAtNanos) / 1_000_000;
  }

  /** The next request id of this connection: 1, 2, 3... */
  public long nextId() {
    return nextId++;
  }

  @Override
  public Future<Void> send(JsonObject message) {
    if (closed) {
      return Future.failedFuture(closedFailure());
    }
    return listener.beforeSend(this).compose(v -> write(message));
  }

  /** Writes one JSON text frame without the traffic guard. */
  public Future<Void> write(JsonObject message) {
    if (closed) {
      return Future.failedFuture(closedFailure());
    }
    return ws.writeTextMessage(message.encode());
  }

  /** Writes a WebSocket ping frame. */
  public Future<Void> ping() {
    if (closed) {
      return Future.failedFuture(closedFailure());
    }
    return ws.writePing(Buffer.buffer("cloudbus"));
  }

  @Override
  public Future<JsonObject> awaitMessage(Predicate<JsonObject> filter, Duration timeout) {
    if (closed) {
      return Future.failedFuture(closedFailure());
    }
    for (Iterator<JsonObject> it = backlog.iterator(); it.hasNext(); ) {
      JsonObject held = it.next();
      if (matches(filter, held)) {
        it.remove();
        return Future.succeededFuture(held);
      }
    }
    Promise<JsonObject> promise = Promise.promise();
    long[] timer = new long[1];
    Waiter[] self = new Waiter[1];
    timer[0] =
        timers.schedule(
            TimerScheduler.TIMEOUT,
            timeout.toMillis(),
            () -> {
              if (waiters.remove(self[0])) {
                promise.tryFail(
                    new CloudbusTimeoutException(
                        "["
                            + logContext
                            + "] expected message not received within "
                            + timeout.toMillis()
                            + " ms",
                        timeout.toMillis()));
              }
            });
    self[0] = new Waiter(filter, promise, timer[0]);
    waiters.add(self[0]);
    return promise.future();
  }

  /**
   * Offers a received message to the waiters of {@link #awaitMessage}.
   *
   * @return true when a waiter consumed it
   */
  public boolean offerToWaiters(JsonObject message) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (matches(w.filter, message)) {
        it.remove();
        timers.cancel(w.timer);
        w.promise.tryComplete(message);
        return true;
      }
    }
    return false;
  }

  /** Whether the handshake is done (messages then go to {@code toEvents}). */
  public boolean isReady() {
    return ready;
  }

  /** Holds a message received before the handshake completed. */
  public void hold(JsonObject message) {
    if (backlog.size() >= MAX_BACKLOG) {
      backlog.pollFirst();
    }
    backlog.addLast(message);
  }

  /** Marks the handshake done and returns the held messages no waiter took, oldest first. */
  /**
   * Holds ({@code true}) or resumes reading from the vendor (flow control, {@link ReadFlow}): a
   * held WebSocket delivers nothing more and stops reading from TCP once Vert.x's inbound queue is
   * full, so the vendor's sends wait in its buffers.
   */
  public void holdReading(boolean hold) {
    if (closed || hold == readingHeld) {
      return;
    }
    readingHeld = hold;
    if (hold) {
      ws.pause();
    } else {
      ws.resume();
    }
  }

  /** Whether reading is held now. */
  public boolean readingHeld() {
    return readingHeld;
  }

  public List<JsonObject> markReady() {
    ready = true;
    List<JsonObject> rest = new ArrayList<>(backlog);
    backlog.clear();
    return rest;
  }

  /**
   * Closes the connection (if not yet closed) and reports {@code cause} to the listener once.
   * Waiters fail. The WebSocket close runs in the background: a half-open link must not delay the
   * reconnect.
   */
  public void shutdown(Throwable cause) {
    if (closed) {
      return;
    }
    closed = true;
    Throwable failure = cause != null ? cause : closedFailure();
    List<Waiter> all = new ArrayList<>(waiters);
    waiters.clear();
    for (Waiter w : all) {
      timers.cancel(w.timer);
      w.promise.tryFail(failure);
    }
    if (!ws.isClosed()) {
      ws.close((short) 1000, "bye").onFailure(e -> {});
    }
    listener.onClosed(this, cause);
  }

  private CloudbusException closedFailure() {
    return CloudbusException.transientFailure("[" + logContext + "] connection closed", null);
  }

  private static boolean matches(Predicate<JsonObject> filter, JsonObject message) {
    try {
      return filter.test(message);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void onFrame(WebSocketFrame frame) {
    listener.onInbound(this);
    switch (frame.type()) {
      case TEXT, BINARY -> {
        if (frame.isText() && frame.isFinal() && frame.binaryData().length() <= maxMessageBytes) {
          // the common case, a whole message in one frame: no copy into the reassembly buffer
          partial = null;
          partialBytes = 0;
          listener.onText(this, frame.textData());
          return;
        }
        partial = null;
        partialBinary = frame.isBinary();
        partialOversized = false;
        partialBytes = 0;
        append(frame);
      }
      case CONTINUATION -> append(frame);
      default -> {
        // PING (answered by Vert.x), PONG, CLOSE (closeHandler): liveness only.
      }
    }
  }

  private void append(WebSocketFrame frame) {
    Buffer data = frame.binaryData();
    partialBytes += data.length();
    if (!partialBinary && !partialOversized) {
      if (partialBytes > maxMessageBytes) {
        partialOversized = true;
        partial = null;
      } else {
        if (partial == null) {
          partial = Buffer.buffer();
        }
        partial.appendBuffer(data);
      }
    }
    if (!frame.isFinal()) {
      return;
    }
    if (partialBinary) {
      listener.onBadFrame(this, "binary message of " + partialBytes + " bytes");
    } else if (partialOversized) {
      listener.onBadFrame(
          this, "message of " + partialBytes + " bytes over the limit of " + maxMessageBytes);
    } else {
      String text = partial == null ? "" : partial.toString(StandardCharsets.UTF_8);
      listener.onText(this, text);
    }
    partial = null;
    partialBytes = 0;
  }
}

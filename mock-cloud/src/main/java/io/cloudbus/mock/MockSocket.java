package io.cloudbus.mock;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * One accepted push WebSocket of a vendor emulation, wrapping the server-side Vert.x socket. The
 * machinery applies the vendor's faults to it: while {@code silent}, nothing is sent and nothing is
 * read (so neither application pings nor WebSocket pings are answered, the TCP stays open); {@code
 * malformedEvery} N puts a malformed JSON frame before every Nth {@link #push}; {@code
 * acceptThenClose} closes the socket right after {@link #handshakeDone()}.
 *
 * <p>Threading: use on the mock cloud's context only. Sends on a closed socket are dropped.
 */
public interface MockSocket {

  /** A number unique within the mock cloud, for logs. */
  long id();

  /** The vendor this socket belongs to. */
  String vendor();

  /** The upgrade request (path relative to the vendor root, headers, query). */
  MockRequest upgrade();

  /**
   * Sets the handler of text frames from the client (replacing any previous one). Binary frames are
   * passed to it decoded as UTF-8.
   */
  MockSocket textHandler(Handler<String> handler);

  /** Sets the handler called once when the socket is closed, by either side. */
  MockSocket closeHandler(Handler<Void> handler);

  /**
   * Sends a protocol frame (hello, acks, replies): not counted as pushed, not subject to {@code
   * malformedEvery}.
   */
  void send(String text);

  /** {@link #send(String)} of {@code json} encoded. */
  default void send(JsonObject json) {
    send(json.encode());
  }

  /**
   * Pushes an event frame: counted in {@code pushed}, subject to {@code malformedEvery}.
   *
   * @return whether the frame was written (false when closed or silent)
   */
  boolean push(String text);

  /** {@link #push(String)} of {@code json} encoded. */
  default boolean push(JsonObject json) {
    return push(json.encode());
  }

  /** Sends a binary frame (e.g. to test a client's handling of one). */
  void sendBinary(Buffer data);

  /** Sends a WebSocket ping control frame (vendors that ping from the server side). */
  void ping();

  /**
   * Marks this socket's protocol handshake (identify/subscribe acknowledged) as done: counts a
   * handshake, and under the {@code acceptThenClose} fault closes the socket right away (code
   * 1000), after the frames already sent.
   */
  void handshakeDone();

  /** Whether {@link #handshakeDone()} was called. */
  boolean isHandshakeDone();

  /** Closes with a close frame carrying {@code code} (1000..4999) and {@code reason}. */
  void close(int code, String reason);

  /** Resets the TCP connection with no close frame (the client sees 1006). */
  void abort();

  /** Whether the socket is still open. */
  boolean isOpen();

  /** Per-socket emulation state, e.g. the joined user id. Null when absent. */
  <T> T attribute(String key);

  /** Sets per-socket state ({@code null} removes it); returns this socket. */
  MockSocket attribute(String key, Object value);
}

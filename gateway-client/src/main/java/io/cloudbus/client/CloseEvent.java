package io.cloudbus.client;

/**
 * What a {@link WebSocket} reports once it is {@link WebSocket#CLOSED}, like the browser's {@code
 * CloseEvent}.
 *
 * @param code the close code: the one the server sent (or echoed), {@code 1005} when its close
 *     frame had no code, {@code 1006} when the connection ended without a close handshake (refused,
 *     rejected, dropped, or the server never answered our close in time)
 * @param reason the reason text, never null (empty when none)
 * @param wasClean true only when both close frames were exchanged
 */
public record CloseEvent(int code, String reason, boolean wasClean) {

  /** Normal closure. */
  public static final int NORMAL = 1000;

  /** No status code was present in the close frame (never sent on the wire). */
  public static final int NO_STATUS = 1005;

  /** The connection ended without a close frame (never sent on the wire). */
  public static final int ABNORMAL = 1006;

  /** A message was larger than this client accepts. */
  public static final int MESSAGE_TOO_BIG = 1009;

  public CloseEvent {
    reason = reason == null ? "" : reason;
  }
}

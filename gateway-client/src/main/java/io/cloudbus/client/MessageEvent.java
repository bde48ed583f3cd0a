package io.cloudbus.client;

/**
 * One complete text message received by a {@link WebSocket}, like the browser's {@code
 * MessageEvent}.
 *
 * @param data the message text, never null; fragments are already joined
 */
public record MessageEvent(String data) {

  public MessageEvent {
    if (data == null) {
      throw new NullPointerException("data");
    }
  }
}

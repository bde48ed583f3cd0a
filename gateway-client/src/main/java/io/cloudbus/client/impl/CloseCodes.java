package io.cloudbus.client.impl;

import java.nio.charset.StandardCharsets;

/** RFC 6455 close code and reason rules for what a client may send. Stateless. */
public final class CloseCodes {

  /** RFC 6455 section 5.5: a control frame payload is at most 125 bytes, 2 of them the code. */
  public static final int MAX_REASON_BYTES = 123;

  private CloseCodes() {}

  /**
   * Whether an application may put {@code code} in a close frame: 1000 (normal), 1001 (going away),
   * 1008 (policy violation), 1011 (unexpected condition) and 3000-4999 (registered and private
   * use). RFC 6455 section 7.4 reserves 1004-1006 and 1015 (never sent) and gives 1012-1014 to
   * servers; 1002, 1003, 1007, 1009 and 1010 describe protocol failures that the JDK's WebSocket
   * detects and sends itself, so its client API refuses them too.
   */
  public static boolean isSendable(int code) {
    return code == 1000 || code == 1001 || code == 1008 || code == 1011 || isApplication(code);
  }

  private static boolean isApplication(int code) {
    return code >= 3000 && code <= 4999;
  }

  /**
   * Checks a code and reason a caller passed to {@code close}.
   *
   * @throws IllegalArgumentException if the code may not be sent or the reason exceeds {@value
   *     #MAX_REASON_BYTES} UTF-8 bytes
   */
  public static void validate(int code, String reason) {
    if (!isSendable(code)) {
      throw new IllegalArgumentException(
          "close code "
              + code
              + " may not be sent: use 1000, 1001, 1008, 1011 or 3000-4999 (RFC 6455 section 7.4)");
    }
    if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      throw new IllegalArgumentException(
          "close reason is longer than " + MAX_REASON_BYTES + " UTF-8 bytes");
    }
  }

  /** The code to echo when answering a server's close: its own code if sendable, else 1000. */
  public static int echoOf(int received) {
    return isSendable(received) ? received : 1000;
  }
}

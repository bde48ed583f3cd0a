package io.cloudbus.core.impl;

import io.cloudbus.core.CloudbusException;

/** Failure codes of replies on {@code cloudbus.command.<vendor>.<account>}. */
public final class CommandReplies {

  /** A bad command (not JSON, unknown action, missing field). */
  public static final int BAD_REQUEST = 400;

  private CommandReplies() {}

  /**
   * The failure code of {@code t}: 400 {@link IllegalArgumentException}; for a {@link
   * CloudbusException} 401 auth, 429 rate limited, 503 transient (not connected, paused, timeout),
   * 500 configuration; 503 {@link IllegalStateException} (stopped); 500 anything else.
   */
  public static int failureCode(Throwable t) {
    if (t instanceof IllegalArgumentException) {
      return BAD_REQUEST;
    }
    if (t instanceof CloudbusException ce) {
      return switch (ce.failureClass()) {
        case AUTH -> 401;
        case RATE_LIMITED -> 429;
        case TRANSIENT -> 503;
        case CONFIGURATION -> 500;
      };
    }
    return t instanceof IllegalStateException ? 503 : 500;
  }
}

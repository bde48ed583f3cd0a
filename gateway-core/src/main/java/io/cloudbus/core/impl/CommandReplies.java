package io.cloudbus.core.impl;

import io.cloudbus.core.CloudbusException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The default command and the failure codes of replies on {@code
 * cloudbus.command.<vendor>.<account>}.
 */
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

  /**
   * The {@code error.code} of a command reply for {@code t}: a {@link
   * io.cloudbus.core.CommandException}'s own code; {@code bad_request} for an {@link
   * IllegalArgumentException}; {@code timeout} for a {@link
   * io.cloudbus.core.CloudbusTimeoutException}; for another {@link CloudbusException} {@code
   * auth_failed}, {@code rate_limited}, {@code unavailable} (transient: not connected, paused,
   * dropped) or {@code invalid_config}; {@code unavailable} for an {@link IllegalStateException}
   * (stopped); {@code internal_error} otherwise.
   */
  public static String errorCode(Throwable t) {
    if (t instanceof io.cloudbus.core.CommandException ce) {
      return ce.code();
    }
    if (t instanceof IllegalArgumentException) {
      return io.cloudbus.core.CommandException.BAD_REQUEST;
    }
    if (t instanceof io.cloudbus.core.CloudbusTimeoutException) {
      return io.cloudbus.core.CommandException.TIMEOUT;
    }
    if (t instanceof CloudbusException ce) {
      return switch (ce.failureClass()) {
        case AUTH -> "auth_failed";
        case RATE_LIMITED -> "rate_limited";
        case TRANSIENT -> "unavailable";
        case CONFIGURATION -> "invalid_config";
      };
    }
    return t instanceof IllegalStateException ? "unavailable" : "internal_error";
  }

  /**
   * The default {@code CloudSocket#handleCommand}: {@code {"action":"send","message":{...}}} goes
   * through {@code sendMessage} (answering {@code {"reply":{...}}}) when the socket correlates
   * replies, else through {@code send} (answering {@code {"sent":true}}), when {@code actions}
   * names {@code send}; anything else fails with an {@link IllegalArgumentException} (code {@link
   * #BAD_REQUEST}) naming {@code actions}, the socket's whole list (its own actions handled before
   * this default). A socket whose list leaves {@code send} out does not pass raw messages on.
   */
  public static Future<JsonObject> defaultCommand(
      JsonObject command,
      List<String> actions,
      BooleanSupplier correlates,
      Function<JsonObject, Future<JsonObject>> sendMessage,
      Function<JsonObject, Future<Void>> send) {
    Object action = command.getValue("action");
    if (!"send".equals(action) || !actions.contains("send")) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "unknown action '"
                  + action
                  + "' (supported: "
                  + String.join(", ", actions)
                  + "; the action \"actions\" lists them with their arguments)"));
    }
    Object message = command.getValue("message");
    if (!(message instanceof JsonObject m)) {
      return Future.failedFuture(new IllegalArgumentException("'message' must be a JSON object"));
    }
    if (correlates.getAsBoolean()) {
      return sendMessage.apply(m).map(reply -> new JsonObject().put("reply", reply));
    }
    return send.apply(m).map(v -> new JsonObject().put("sent", true));
  }
}

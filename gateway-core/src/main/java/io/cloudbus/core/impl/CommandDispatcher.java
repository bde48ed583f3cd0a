package io.cloudbus.core.impl;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CommandException;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.EventTypes;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code cloudbus.command.<vendor>.<account>}. A command is refused with {@code
 * not_connected} unless the account is {@code connected} (nothing is sent, so nothing stale runs
 * later); the read-only {@code actions} (the declared actions) and {@code devices} (the device
 * snapshot) are answered in every state and not audited. every reply is {@code
 * {"ok":true,"result":{...}}} or {@code {"ok":false,"error":{"code","message"}}} (never a bus
 * failure, so every transport shows the named reason), and every command but the read-only {@code
 * actions} is published as an {@code io.cloudbus.command.succeeded} / {@code .failed} event (the
 * audit trail): {@code data: {action, device?, sender?, result? | error}}. {@code sender} is the
 * request header {@value #SENDER_HEADER}, which the bridge service sets to the token's name; no
 * argument value other than {@code device} is copied into the event (arguments may hold a PIN).
 * When the request carries the header {@value #ALLOWED_ACTIONS_HEADER} (a comma-separated list, set
 * by the bridge service from the token's {@code commands}), an action not in it is refused with
 * {@code forbidden_action} (audited, nothing sent).
 */
final class CommandDispatcher {

  /** Request header naming who sent the command (a token name; never a secret). */
  static final String SENDER_HEADER = "cloudbus-sender";

  /** Request header listing the actions the sender may send (comma-separated); absent = all. */
  static final String ALLOWED_ACTIONS_HEADER = "cloudbus-allowed-actions";

  private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

  private final String vendor;
  private final String account;
  private final SafeHooks hooks;
  private final Function<List<CloudbusEvent>, Future<Void>> publisher;
  private final Supplier<ConnectionState> state;

  CommandDispatcher(
      io.cloudbus.core.CloudSocketOptions options,
      SafeHooks hooks,
      Function<List<CloudbusEvent>, Future<Void>> publisher,
      Supplier<ConnectionState> state) {
    this.state = state;
    this.vendor = options.vendor();
    this.account = options.account();
    this.hooks = hooks;
    this.publisher = publisher;
  }

  void handle(Message<Object> message) {
    if (!(message.body() instanceof JsonObject command)) {
      message.reply(error(CommandException.BAD_REQUEST, "a command must be a JSON object"));
      return;
    }
    Object action = command.getValue("action");
    if ("actions".equals(action)) {
      JsonArray list = new JsonArray();
      hooks.commandActions(vendor + "/" + account).forEach(a -> list.add(a.toJson()));
      message.reply(ok(new JsonObject().put("actions", list)));
      return;
    }
    if ("devices".equals(action)) {
      message.reply(ok(new JsonObject().put("devices", hooks.devices(vendor + "/" + account))));
      return;
    }
    String sender = message.headers().get(SENDER_HEADER);
    ConnectionState now = state.get();
    String refused = forbidden(message.headers().get(ALLOWED_ACTIONS_HEADER), action);
    Future<JsonObject> outcome =
        refused != null
            ? Future.failedFuture(new CommandException(CommandException.FORBIDDEN_ACTION, refused))
            : now == ConnectionState.CONNECTED
                ? hooks.command(command)
                : Future.failedFuture(
                    new CommandException(
                        CommandException.NOT_CONNECTED,
                        vendor
                            + "/"
                            + account
                            + " is "
                            + now.wireName()
                            + ", not connected: nothing was sent"));
    outcome.onComplete(
        ar -> {
          JsonObject reply =
              ar.succeeded()
                  ? ok(ar.result())
                  : error(CommandReplies.errorCode(ar.cause()), message(ar.cause()));
          message.reply(reply);
          audit(command, sender, reply);
        });
  }

  /** Why {@code action} is not in {@code allowed} (a comma-separated list), or null. */
  static String forbidden(String allowed, Object action) {
    if (allowed == null) {
      return null;
    }
    for (String a : allowed.split(",")) {
      if (a.trim().equals(action)) {
        return null;
      }
    }
    return "this token may not send "
        + action
        + " (its commands: "
        + (allowed.isBlank() ? "none" : allowed)
        + ")";
  }

  private void audit(JsonObject command, String sender, JsonObject reply) {
    boolean ok = reply.getBoolean("ok");
    Object device = command.getValue("device");
    JsonObject data = new JsonObject().put("action", String.valueOf(command.getValue("action")));
    if (device != null) {
      data.put("device", String.valueOf(device));
    }
    if (sender != null) {
      data.put("sender", sender);
    }
    if (ok) {
      data.put("result", reply.getJsonObject("result"));
    } else {
      data.put("error", reply.getJsonObject("error"));
    }
    CloudbusEvent event =
        CloudbusEvent.builder(vendor, account)
            .id("command-" + UUID.randomUUID())
            .name(ok ? EventTypes.COMMAND_SUCCEEDED : EventTypes.COMMAND_FAILED)
            .subject(device != null ? String.valueOf(device) : vendor + "/" + account)
            .time(Instant.now())
            .vendorType("command")
            .data(data)
            .build();
    publisher
        .apply(List.of(event))
        .onFailure(
            e ->
                LOG.debug(
                    "[{}/{}] command audit not published: {}", vendor, account, e.toString()));
  }

  static JsonObject ok(JsonObject result) {
    return new JsonObject()
        .put("ok", true)
        .put("result", result == null ? new JsonObject() : result);
  }

  static JsonObject error(String code, String message) {
    return new JsonObject()
        .put("ok", false)
        .put("error", new JsonObject().put("code", code).put("message", message));
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}

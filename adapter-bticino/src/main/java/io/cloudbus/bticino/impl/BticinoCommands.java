package io.cloudbus.bticino.impl;

import io.cloudbus.core.CommandAction;
import io.cloudbus.core.CommandException;
import io.cloudbus.core.http.RestStatusException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The BTicino actions, each one {@code POST /syncapi/v1/setstate} as pybticino's {@code
 * async_set_module_state} sends it ({@code home.id}, {@code home.timezone}, the module's {@code id}
 * and {@code bridge}): {@code unlock_door} / {@code lock_door} ({@code {"lock":false|true}} on the
 * door lock), {@code light_on} / {@code light_off} ({@code {"on":true|false}} on the staircase
 * light). Argument {@code device} (module id or device id) is needed only when the home has several
 * of that type. A partial error in {@code body.errors} fails the command: code 6 as {@code
 * device_unreachable}, others as {@code vendor_error} with Netatmo's code and message. Never
 * retried (an unlock must not run twice); answered within {@value #DEFAULT_COMMAND_TIMEOUT_MS} ms
 * ({@code timeout}). On the socket's context.
 */
public final class BticinoCommands {

  public static final long DEFAULT_COMMAND_TIMEOUT_MS = 20_000;

  public static final List<CommandAction> ACTIONS =
      List.of(
          action("unlock_door", "open the door lock", "lock"),
          action("lock_door", "lock the door lock", "lock"),
          action("light_on", "switch the staircase light on", "light"),
          action("light_off", "switch the staircase light off", "light"));

  private final Vertx vertx;
  private final BticinoApi api;
  private final BticinoDevices devices;

  public BticinoCommands(Vertx vertx, BticinoApi api, BticinoDevices devices) {
    this.vertx = vertx;
    this.api = api;
    this.devices = devices;
  }

  private static CommandAction action(String name, String description, String type) {
    return new CommandAction(name, description, List.of("device"), List.of(), List.of(type));
  }

  /** Whether {@code action} is one of these. */
  public static boolean handles(Object action) {
    return ACTIONS.stream().anyMatch(a -> a.name().equals(action));
  }

  public Future<JsonObject> run(JsonObject command) {
    String action = command.getString("action");
    boolean lock = action.endsWith("_door");
    BticinoDevices.Module module;
    try {
      module = devices.module(command.getValue("device"), lock ? "lock" : "light");
    } catch (CommandException e) {
      return Future.failedFuture(e);
    }
    String field = lock ? "lock" : "on";
    boolean value = "lock_door".equals(action) || "light_on".equals(action);
    JsonObject change = new JsonObject().put("id", module.id()).put(field, value);
    if (module.bridge() != null) {
      change.put("bridge", module.bridge());
    }
    JsonObject home = new JsonObject().put("id", module.homeId());
    String tz = devices.timezone(module.homeId());
    if (tz != null) {
      home.put("timezone", tz);
    }
    home.put("modules", new JsonArray().add(change));
    String stateField = lock ? "locked" : "on";
    return bounded(api.call("/syncapi/v1/setstate", new JsonObject().put("home", home)))
        .compose(this::checkErrors)
        .map(
            v -> {
              devices.registry().merge(module.id(), new JsonObject().put(stateField, value));
              return new JsonObject()
                  .put("device", devices.registry().idOf(module.id()))
                  .put(stateField, value);
            });
  }

  private Future<Void> checkErrors(JsonObject resp) {
    JsonObject body = resp.getValue("body") instanceof JsonObject b ? b : new JsonObject();
    JsonArray errors = body.getJsonArray("errors", new JsonArray());
    if (errors.isEmpty() || !(errors.getValue(0) instanceof JsonObject first)) {
      return Future.succeededFuture();
    }
    Integer code = first.getInteger("code");
    String message = first.getString("message", "");
    if (Integer.valueOf(6).equals(code)) {
      return Future.failedFuture(
          new CommandException(
              "device_unreachable",
              "module " + first.getString("id") + " is unreachable (Netatmo error 6)"));
    }
    return Future.failedFuture(
        new CommandException(
            CommandException.VENDOR_ERROR, "Netatmo error " + code + ": " + message));
  }

  private Future<JsonObject> bounded(Future<JsonObject> call) {
    Promise<JsonObject> done = Promise.promise();
    long timer =
        vertx.setTimer(
            DEFAULT_COMMAND_TIMEOUT_MS,
            id ->
                done.tryFail(
                    new CommandException(
                        CommandException.TIMEOUT,
                        "Netatmo did not answer within "
                            + DEFAULT_COMMAND_TIMEOUT_MS
                            + " ms; the command may or may not have taken effect")));
    call.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            done.tryComplete(ar.result());
          } else {
            done.tryFail(named(ar.cause()));
          }
        });
    return done.future();
  }

  private static Throwable named(Throwable t) {
    if (t instanceof RestStatusException rse) {
      Integer code = BticinoErrors.code(rse.body());
      String message = BticinoErrors.message(rse.body());
      if (rse.status() == 429 || (code != null && code == BticinoErrors.THROTTLED)) {
        return new CommandException("rate_limited", rse.getMessage(), rse);
      }
      return new CommandException(
          CommandException.VENDOR_ERROR,
          rse.getMessage() + (code == null ? "" : " (Netatmo error " + code + ": " + message + ")"),
          rse);
    }
    return t;
  }
}

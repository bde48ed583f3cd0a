package io.cloudbus.simplisafe;

import io.cloudbus.core.CommandAction;
import io.cloudbus.core.CommandException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The SimpliSafe actions: {@code arm_home}, {@code arm_away}, {@code disarm} (argument {@code
 * system}: a system id, needed only when the account has several) and {@code lock}, {@code unlock}
 * (argument {@code device}: the lock's serial or device id, needed only when there are several
 * locks). Results: {@code {"system":sid,"state":"AWAY","exitDelay":120}} and {@code
 * {"device":id,"locked":true}}; the device state is updated from them at once. Runs on the socket's
 * context.
 */
final class SimpliSafeCommands {

  static final List<CommandAction> ACTIONS =
      List.of(
          arm("arm_home", "arm the system in home mode"),
          arm("arm_away", "arm the system in away mode (exit delay first)"),
          arm("disarm", "disarm the system"),
          lock("lock", "lock a SimpliSafe lock"),
          lock("unlock", "unlock a SimpliSafe lock"));

  private static final Map<String, String> STATES =
      Map.of("arm_home", "home", "arm_away", "away", "disarm", "off");

  private final SimpliSafeControlApi api;
  private final SimpliSafeDevices devices;

  SimpliSafeCommands(SimpliSafeControlApi api, SimpliSafeDevices devices) {
    this.api = api;
    this.devices = devices;
  }

  private static CommandAction arm(String name, String description) {
    return new CommandAction(name, description, List.of("system"), List.of(), List.of("alarm"));
  }

  private static CommandAction lock(String name, String description) {
    return new CommandAction(name, description, List.of("device"), List.of(), List.of("lock"));
  }

  /** Whether {@code action} is one of these; others go to the default command handling. */
  static boolean handles(Object action) {
    return action instanceof String a && (STATES.containsKey(a) || isLock(a));
  }

  private static boolean isLock(String action) {
    return "lock".equals(action) || "unlock".equals(action);
  }

  Future<JsonObject> run(JsonObject command) {
    String action = command.getString("action");
    try {
      return isLock(action) ? lock(action, command) : arm(action, command);
    } catch (CommandException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<JsonObject> arm(String action, JsonObject command) {
    long sid = devices.system(command.getValue("system"));
    String state = STATES.get(action);
    devices.commandSent(sid);
    return api.setState(sid, devices.version(sid), state)
        .map(
            answer -> {
              int exitDelay = answer.getInteger("exitDelay", 0);
              String now =
                  "away".equals(state) && exitDelay > 0 ? "AWAY_COUNT" : state.toUpperCase();
              devices.alarmState(sid, now);
              return new JsonObject()
                  .put("system", sid)
                  .put("state", state.toUpperCase())
                  .put("exitDelay", exitDelay);
            });
  }

  private Future<JsonObject> lock(String action, JsonObject command) {
    SimpliSafeDevices.Lock lock = devices.lock(command.getValue("device"));
    boolean locking = "lock".equals(action);
    devices.commandSent(lock.sid());
    return api.setLock(lock.sid(), lock.serial(), action)
        .map(
            v -> {
              devices.lockState(lock.serial(), locking);
              return new JsonObject().put("device", lock.id()).put("locked", locking);
            });
  }
}

package io.cloudbus.bticino.impl;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CommandException;
import io.cloudbus.core.DeviceRegistry;
import io.cloudbus.core.EventTypes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BTicino device state from {@code homesdata} (which modules, their names, bridges and the home's
 * timezone) and {@code homestatus} (each module's {@code reachable}, the door lock's {@code lock},
 * the light's {@code on}/{@code status}). Device types: {@code bridge} (BNC1, BNCX, BDIY), {@code
 * external_unit} (BNEU), {@code lock} (BNDL: {@code locked}), {@code light} (BNSL: {@code on}),
 * {@code module} otherwise; every state has {@code reachable}. A module named in {@code
 * homestatus}' {@code errors} with code 6 is unreachable.
 *
 * <p>Refresh policy: at connect and after every reconnect (the HA integration polls every 5 min;
 * cloudbus does not poll: pushes and command results keep the state, a reconnect re-reads it). The
 * cloud pushes nothing known for a lock or light change, so a change made from the app shows after
 * the next reconnect. Bridge {@code connection}/{@code disconnection} pushes set {@code reachable}.
 * On the socket's context only.
 */
public final class BticinoDevices {

  /** A module as {@code homesdata} describes it. */
  public record Module(String id, String type, String name, String bridge, String homeId) {}

  private static final Set<String> BRIDGES = Set.of("BNC1", "BNCX", "BDIY");

  private final DeviceRegistry registry;
  private final BticinoApi api;
  private final Map<String, Module> modules = new LinkedHashMap<>();
  private final Map<String, String> timezones = new LinkedHashMap<>();

  public BticinoDevices(DeviceRegistry registry, BticinoApi api) {
    this.registry = registry;
    this.api = api;
  }

  /** Reads the topology, then each home's status. */
  public Future<Void> refresh() {
    return api.call(
            "/api/homesdata", new JsonObject().put("device_types", BticinoApi.DEVICE_TYPES.copy()))
        .compose(
            resp -> {
              List<Future<?>> statuses = new ArrayList<>();
              JsonObject body =
                  resp.getValue("body") instanceof JsonObject b ? b : new JsonObject();
              for (Object h : body.getJsonArray("homes", new JsonArray())) {
                if (h instanceof JsonObject home && home.getValue("id") instanceof String homeId) {
                  topology(homeId, home);
                  statuses.add(
                      api.call("/syncapi/v1/homestatus", new JsonObject().put("home_id", homeId))
                          .map(this::status));
                }
              }
              return Future.all(statuses).mapEmpty();
            });
  }

  private void topology(String homeId, JsonObject home) {
    if (home.getValue("timezone") instanceof String tz) {
      timezones.put(homeId, tz);
    }
    for (Object o : home.getJsonArray("modules", new JsonArray())) {
      if (o instanceof JsonObject m && m.getValue("id") instanceof String id) {
        modules.put(
            id,
            new Module(
                id,
                m.getString("type", "unknown"),
                m.getString("name", id),
                m.getValue("bridge") instanceof String b ? b : null,
                homeId));
      }
    }
  }

  private Void status(JsonObject resp) {
    JsonObject body = resp.getValue("body") instanceof JsonObject b ? b : new JsonObject();
    JsonObject home = body.getValue("home") instanceof JsonObject h ? h : new JsonObject();
    Set<String> unreachable = new java.util.HashSet<>();
    for (Object e : body.getJsonArray("errors", new JsonArray())) {
      if (e instanceof JsonObject err && Integer.valueOf(6).equals(err.getInteger("code"))) {
        unreachable.add(err.getString("id"));
      }
    }
    for (Object o : home.getJsonArray("modules", new JsonArray())) {
      if (!(o instanceof JsonObject m) || !(m.getValue("id") instanceof String id)) {
        continue;
      }
      Module known = modules.get(id);
      String vendorType = m.getString("type", known == null ? "unknown" : known.type());
      JsonObject state =
          new JsonObject()
              .put("reachable", !unreachable.contains(id) && m.getBoolean("reachable", true));
      if (m.getValue("lock") instanceof Boolean lock) {
        state.put("locked", lock);
      }
      if (m.getValue("on") instanceof Boolean on) {
        state.put("on", on);
      } else if (m.getValue("status") instanceof String s && ("on".equals(s) || "off".equals(s))) {
        state.put("on", "on".equals(s));
      }
      if (m.getValue("websocket_connected") instanceof Boolean ws) {
        state.put("websocketConnected", ws);
      }
      registry.put(
          id,
          typeOf(vendorType),
          known == null ? id : known.name(),
          state.put("moduleType", vendorType));
    }
    return null;
  }

  static String typeOf(String vendorType) {
    if (BRIDGES.contains(vendorType)) {
      return "bridge";
    }
    return switch (vendorType) {
      case "BNEU" -> "external_unit";
      case "BNDL" -> "lock";
      case "BNSL" -> "light";
      default -> "module";
    };
  }

  /** Bridge connection pushes set {@code reachable}. */
  public void onEvent(CloudbusEvent event) {
    boolean lost = EventTypes.DEVICE_UNREACHABLE.equals(event.name());
    if (!lost && !EventTypes.DEVICE_RESTORED.equals(event.name())) {
      return;
    }
    JsonObject raw = event.data().getValue("raw") instanceof JsonObject r ? r : new JsonObject();
    JsonObject extra = raw.getValue("extra_params") instanceof JsonObject e ? e : new JsonObject();
    if (extra.getValue("device_id") instanceof String device) {
      registry.merge(device, new JsonObject().put("reachable", !lost));
    }
  }

  /**
   * The module a command names ({@code device}: module id or device id) of {@code type}, or the
   * only one of that type.
   */
  public Module module(Object arg, String type) {
    List<Module> ofType =
        modules.values().stream().filter(m -> typeOf(m.type()).equals(type)).toList();
    if (arg == null) {
      if (ofType.size() == 1) {
        return ofType.get(0);
      }
      throw new CommandException(
          CommandException.BAD_REQUEST,
          ofType.isEmpty()
              ? "this account has no " + type + " module"
              : "device: required, one of " + ofType.stream().map(Module::id).toList());
    }
    String s = String.valueOf(arg);
    String prefix = registry.idOf("");
    String id = s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    return ofType.stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new CommandException(
                    CommandException.UNKNOWN_DEVICE, "device: no " + type + " module " + arg));
  }

  public String timezone(String homeId) {
    return timezones.get(homeId);
  }

  public DeviceRegistry registry() {
    return registry;
  }
}

package io.cloudbus.mock.bticino;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live {@code homestatus} modules of the demo home, with the fields of the 2025-04 capture
 * (docs/protocols bticino.md §3): the bridge ({@code reachable}, {@code websocket_connected}), the
 * external unit, the door lock ({@code lock}: true when locked; the captured lock had no such
 * field, the HA integration defaults to locked, so the mock starts locked) and the staircase light
 * ({@code on}, and {@code status} "on"/"off" as the fixture has it). Not thread-safe: the mock
 * cloud's context only.
 */
final class BticinoModuleState {

  private final Map<String, JsonObject> modules = new LinkedHashMap<>();

  BticinoModuleState() {
    modules.put(
        BticinoHomeSeed.BRIDGE_ID,
        new JsonObject()
            .put("id", BticinoHomeSeed.BRIDGE_ID)
            .put("type", BticinoHomeSeed.BRIDGE_TYPE)
            .put("firmware_name", "2.1.0")
            .put("firmware_revision", 2_001_000)
            .put("hardware_version", 1)
            .put("connection", "wifi")
            .put("wifi_strength", 62)
            .put("local_ipv4", "192.168.1.50")
            .put("reachable", true)
            .put("uptime", 86_400)
            .put("websocket_connected", true)
            .put("busy", false)
            .put("configured", true)
            .put("last_seen", 1_700_000_000L));
    modules.put(
        BticinoHomeSeed.EXTERNAL_UNIT_ID,
        bridged(BticinoHomeSeed.EXTERNAL_UNIT_ID, "BNEU", "BNEU:bneu_external_unit")
            .put("websocket_connected", true));
    modules.put(
        BticinoHomeSeed.DOOR_LOCK_ID,
        bridged(BticinoHomeSeed.DOOR_LOCK_ID, "BNDL", "BNDL:bndl_doorlock").put("lock", true));
    modules.put(
        BticinoHomeSeed.LIGHT_ID,
        bridged(BticinoHomeSeed.LIGHT_ID, "BNSL", "BNSL:bnsl_staircase_light")
            .put("on", false)
            .put("status", "off"));
  }

  private static JsonObject bridged(String id, String type, String variant) {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("bridge", BticinoHomeSeed.BRIDGE_ID)
        .put("variant", variant)
        .put("reachable", true)
        .put("configured", true)
        .put("firmware_revision", 101)
        .put("last_user_interaction", 1_700_000_000L)
        .put("uptime", 86_400);
  }

  JsonObject module(String id) {
    return modules.get(id);
  }

  /**
   * The {@code body} of {@code homestatus}; unreachable modules are named in {@code errors} (code
   * 6).
   */
  JsonObject homeStatusBody() {
    JsonArray list = new JsonArray();
    JsonArray errors = new JsonArray();
    for (JsonObject m : modules.values()) {
      list.add(m.copy());
      if (!m.getBoolean("reachable", true)) {
        errors.add(new JsonObject().put("code", 6).put("id", m.getString("id")));
      }
    }
    JsonObject body =
        new JsonObject()
            .put(
                "home",
                new JsonObject()
                    .put("id", BticinoHomeSeed.HOME_ID)
                    .put("modules", list)
                    .put("rooms", new JsonArray().add(new JsonObject().put("id", "1"))));
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    return body;
  }

  /**
   * Applies an admin change: an object of module id → fields merged into that module ({@code
   * reachable}, {@code lock}, {@code on}, ...).
   *
   * @throws IllegalArgumentException naming an unknown module or a non-object value
   */
  void merge(JsonObject change) {
    for (String id : change.fieldNames()) {
      JsonObject module = modules.get(id);
      if (module == null) {
        throw new IllegalArgumentException(id + ": no such module");
      }
      if (!(change.getValue(id) instanceof JsonObject fields)) {
        throw new IllegalArgumentException(id + ": a JSON object");
      }
      fields.forEach(e -> module.put(e.getKey(), e.getValue()));
      if (fields.getValue("on") instanceof Boolean on) {
        module.put("status", on ? "on" : "off");
      }
    }
  }

  /** Everything, for {@code GET /admin/bticino/modules}. */
  JsonObject toJson() {
    JsonObject out = new JsonObject();
    modules.forEach((id, m) -> out.put(id, m.copy()));
    return out;
  }
}

package io.cloudbus.mock.generic;

import io.cloudbus.mock.AdminHandler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * The Home Assistant admin calls: the seeded entities, setting and removing entities, and firing
 * admin-pushed events, all through the one state machine. An admin-pushed {@code state_changed} for
 * a valid entity id sets that entity with Home Assistant's {@code force_update} (so every push is
 * an event, even with an unchanged state), its {@code old_state} being the machine's; the caller's
 * {@code context} wins, completed to {@code {id, parent_id, user_id}}.
 */
final class HomeAssistantAdmin {

  private HomeAssistantAdmin() {}

  /** The entities a fresh (or reset) mock holds. */
  static void seed(HomeAssistantStates states) {
    states.set("light.kitchen", "off", light("Kitchen", null), HaTime.context(null), false);
    states.set("light.living_room", "on", light("Living Room", 180), HaTime.context(null), false);
    states.set(
        "switch.coffee",
        "off",
        new JsonObject().put("friendly_name", "Coffee"),
        HaTime.context(null),
        false);
    states.set(
        "weather.home",
        "sunny",
        new JsonObject()
            .put("temperature", 18.5)
            .put("temperature_unit", "°C")
            .put("humidity", 62)
            .put("friendly_name", "Home")
            .put("supported_features", 3),
        HaTime.context(null),
        false);
  }

  private static JsonObject light(String name, Integer brightness) {
    return new JsonObject()
        .put("supported_color_modes", new JsonArray().add("brightness"))
        .put("color_mode", brightness == null ? null : "brightness")
        .put("brightness", brightness)
        .put("friendly_name", name)
        .put("supported_features", 0);
  }

  /** {@code POST states}: one or an array of {@code {entity_id, state, attributes?, context?}}. */
  static AdminHandler setStates(HomeAssistantStates states) {
    return request -> {
      JsonArray out = new JsonArray();
      int i = 0;
      for (JsonObject s : request.jsonObjects()) {
        String where = "element " + i++ + ": ";
        if (!(s.getValue("entity_id") instanceof String entity)) {
          throw new IllegalArgumentException(where + "entity_id: required string");
        }
        if (!(s.getValue("state") instanceof String state)) {
          throw new IllegalArgumentException(where + "state: required string");
        }
        Object attrs = s.getValue("attributes");
        if (attrs != null && !(attrs instanceof JsonObject)) {
          throw new IllegalArgumentException(where + "attributes: must be an object");
        }
        try {
          out.add(
              states
                  .set(
                      entity,
                      state,
                      (JsonObject) attrs,
                      HaTime.context(s.getValue("context"), null),
                      Boolean.TRUE.equals(s.getValue("force_update")))
                  .toJson());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + e.getMessage());
        }
      }
      return new JsonObject().put("states", out);
    };
  }

  static JsonObject listStates(HomeAssistantStates states) {
    JsonArray out = new JsonArray();
    states.all().forEach(s -> out.add(s.toJson()));
    return new JsonObject().put("states", out);
  }

  /** {@code DELETE states/:entity_id}: fires {@code state_changed} with {@code new_state: null}. */
  static AdminHandler removeState(HomeAssistantStates states) {
    return request -> {
      String entity = request.pathParam("entity_id");
      if (!states.remove(entity, HaTime.context(null))) {
        throw new IllegalArgumentException("entity_id: no entity " + entity + " in the mock");
      }
      return new JsonObject().put("removed", entity);
    };
  }

  /**
   * Fires an admin-pushed event (the {@code event} of an {@code {"type":"event"}} message).
   *
   * @throws IllegalArgumentException when {@code event_type} is missing, or a {@code state_changed}
   *     for a known entity id carries a bad state
   */
  static void fire(JsonObject given, HomeAssistantStates states, Consumer<HaEvent> bus) {
    if (!(given.getValue("event_type") instanceof String type)) {
      throw new IllegalArgumentException("event.event_type: required string");
    }
    JsonObject context = HaTime.context(given.getValue("context"), null);
    JsonObject data = given.getValue("data") instanceof JsonObject d ? d : new JsonObject();
    if ("state_changed".equals(type)
        && data.getValue("entity_id") instanceof String entity
        && HomeAssistantStates.validEntityId(entity)) {
      Object next = data.getValue("new_state");
      if (next == null) {
        if (states.remove(entity, context)) {
          return;
        }
      } else if (next instanceof JsonObject n) {
        Object state = n.getValue("state");
        states.set(
            entity,
            state == null ? "unknown" : String.valueOf(state),
            n.getValue("attributes") instanceof JsonObject a ? a : null,
            context,
            true);
        return;
      } else {
        throw new IllegalArgumentException("event.data.new_state: must be an object or null");
      }
    }
    JsonObject event =
        new JsonObject()
            .put("event_type", type)
            .put("data", data.copy())
            .put("origin", given.getValue("origin", "LOCAL"))
            .put("time_fired", given.getValue("time_fired", HaTime.iso(HaTime.now())))
            .put("context", context);
    bus.accept(new HaEvent(event, null, null));
  }
}

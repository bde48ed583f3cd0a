package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The subscribing commands besides {@code subscribe_events}: {@code subscribe_entities} (the
 * compressed format: {@code {"a":..}} with every state right after the result, then {@code
 * {"c":..}} diffs, {@code {"a":..}} for added and {@code {"r":[..]}} for removed entities), {@code
 * subscribe_trigger} (state triggers) and {@code render_template} (re-rendered when an entity it
 * looked at changes). Used on the mock cloud's context only.
 */
final class HomeAssistantSubscriptions {

  private HomeAssistantSubscriptions() {}

  static void entities(
      HomeAssistantEmulation ha, HomeAssistantConnection c, long id, JsonObject msg) {
    Set<String> only = HomeAssistantCommands.entityIds(msg.getValue("entity_ids"));
    c.subscribe(
        id,
        event -> {
          if (!event.stateChanged() || !(only.isEmpty() || only.contains(event.entityId()))) {
            return;
          }
          HaState old = event.oldState();
          HaState now = event.newState();
          JsonObject body;
          if (now == null) {
            body = new JsonObject().put("r", new JsonArray().add(event.entityId()));
          } else if (old == null) {
            body =
                new JsonObject().put("a", new JsonObject().put(now.entityId(), now.compressed()));
          } else {
            body =
                new JsonObject().put("c", new JsonObject().put(now.entityId(), now.diffFrom(old)));
          }
          c.event(id, body);
        });
    c.result(id, null);
    JsonObject all = new JsonObject();
    for (HaState s : ha.states().all()) {
      if (only.isEmpty() || only.contains(s.entityId())) {
        all.put(s.entityId(), s.compressed());
      }
    }
    c.event(id, new JsonObject().put("a", all));
  }

  /** A state trigger: entities, and optional {@code from}/{@code to} (a value or a list). */
  private record StateTrigger(int idx, Set<String> entities, Object from, Object to) {

    boolean matches(HaEvent e) {
      HaState to = e.newState();
      if (to == null || !entities.contains(e.entityId())) {
        return false;
      }
      HaState from = e.oldState();
      boolean stateChanged = from == null || !from.state().equals(to.state());
      if ((this.from != null || this.to != null) && !stateChanged) {
        return false;
      }
      return allows(this.from, from == null ? null : from.state()) && allows(this.to, to.state());
    }

    private static boolean allows(Object wanted, String state) {
      if (wanted == null) {
        return true;
      }
      return wanted instanceof JsonArray a ? a.contains(state) : Objects.equals(wanted, state);
    }
  }

  static void trigger(
      HomeAssistantEmulation ha, HomeAssistantConnection c, long id, JsonObject msg) {
    Object config = msg.getValue("trigger");
    if (config == null) {
      throw HaError.missing("trigger");
    }
    List<Object> items = config instanceof JsonArray a ? a.getList() : List.of(config);
    List<StateTrigger> triggers = new ArrayList<>();
    for (Object item : items) {
      JsonObject t =
          item instanceof JsonObject o
              ? o
              : item instanceof java.util.Map<?, ?> m ? new JsonObject(castMap(m)) : null;
      if (t == null) {
        throw HaError.invalid("expected a dictionary @ data['trigger'][" + triggers.size() + "]");
      }
      Object platform = t.containsKey("trigger") ? t.getValue("trigger") : t.getValue("platform");
      if (!"state".equals(platform)) {
        throw HaError.invalid(
            "Invalid trigger '"
                + platform
                + "' specified (the mock knows only state triggers) @ data['trigger']");
      }
      Set<String> entities = HomeAssistantCommands.entityIds(t.getValue("entity_id"));
      if (entities.isEmpty()) {
        throw HaError.missing("entity_id");
      }
      triggers.add(
          new StateTrigger(triggers.size(), entities, t.getValue("from"), t.getValue("to")));
    }
    c.subscribe(
        id,
        event -> {
          if (!event.stateChanged()) {
            return;
          }
          for (StateTrigger t : triggers) {
            if (t.matches(event)) {
              JsonObject data = event.json().getJsonObject("data");
              JsonObject trigger =
                  new JsonObject()
                      .put("id", String.valueOf(t.idx()))
                      .put("idx", String.valueOf(t.idx()))
                      .put("alias", null)
                      .put("platform", "state")
                      .put("entity_id", event.entityId())
                      .put("from_state", data.getValue("old_state"))
                      .put("to_state", data.getValue("new_state"))
                      .put("for", null)
                      .put("attribute", null)
                      .put("description", "state of " + event.entityId());
              c.event(
                  id,
                  new JsonObject()
                      .put("variables", new JsonObject().put("trigger", trigger))
                      .put("context", event.json().getJsonObject("context").copy()));
            }
          }
        });
    c.result(id, null);
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> castMap(java.util.Map<?, ?> m) {
    return (java.util.Map<String, Object>) m;
  }

  static void template(
      HomeAssistantEmulation ha, HomeAssistantConnection c, long id, JsonObject msg) {
    if (!(msg.getValue("template") instanceof String template)) {
      throw msg.containsKey("template")
          ? HaError.invalid("expected str for dictionary value @ data['template']")
          : HaError.missing("template");
    }
    HomeAssistantTemplate.Rendered first = HomeAssistantTemplate.render(template, ha.states());
    Object[] last = {first.result()};
    c.subscribe(
        id,
        event -> {
          if (!event.stateChanged()) {
            return;
          }
          HomeAssistantTemplate.Rendered now;
          try {
            now = HomeAssistantTemplate.render(template, ha.states());
          } catch (HaError e) {
            return;
          }
          if (now.entities().contains(event.entityId()) && !Objects.equals(now.result(), last[0])) {
            last[0] = now.result();
            c.event(
                id, new JsonObject().put("result", now.result()).put("listeners", now.listeners()));
          }
        });
    c.result(id, null);
    c.event(id, new JsonObject().put("result", first.result()).put("listeners", first.listeners()));
  }
}

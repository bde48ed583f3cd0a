package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command handlers of the emulated WebSocket API, each with its schema (allowed keys, types)
 * checked first as voluptuous does ({@code invalid_format}, naming the key). Subscriptions ({@code
 * subscribe_events}, {@code subscribe_entities}, {@code subscribe_trigger}, {@code
 * render_template}) all live in the connection's one subscription table, so {@code
 * unsubscribe_events} ends any of them. Used on the mock cloud's context only.
 */
final class HomeAssistantCommands {

  private static final Set<String> BASE = Set.of("id", "type");
  private static final Map<String, Set<String>> KEYS =
      Map.ofEntries(
          Map.entry("supported_features", Set.of("features")),
          Map.entry("ping", Set.of()),
          Map.entry("get_states", Set.of()),
          Map.entry("get_config", Set.of()),
          Map.entry("get_services", Set.of()),
          Map.entry("get_panels", Set.of()),
          Map.entry("auth/current_user", Set.of()),
          Map.entry("subscribe_events", Set.of("event_type")),
          Map.entry("unsubscribe_events", Set.of("subscription")),
          Map.entry("subscribe_entities", Set.of("entity_ids")),
          Map.entry("subscribe_trigger", Set.of("trigger", "variables")),
          Map.entry(
              "render_template",
              Set.of("template", "entity_ids", "variables", "timeout", "strict", "report_errors")),
          Map.entry("fire_event", Set.of("event_type", "event_data")),
          Map.entry(
              "call_service",
              Set.of("domain", "service", "service_data", "target", "return_response")));

  private final HomeAssistantEmulation ha;

  HomeAssistantCommands(HomeAssistantEmulation ha) {
    this.ha = ha;
  }

  boolean known(String type) {
    return KEYS.containsKey(type);
  }

  /**
   * Runs command {@code type} (known) for connection {@code c}.
   *
   * @throws HaError the command's failure, sent by the caller as the result
   */
  void run(HomeAssistantConnection c, long id, String type, JsonObject msg) {
    for (String key : msg.fieldNames()) {
      if (!BASE.contains(key) && !KEYS.get(type).contains(key)) {
        throw HaError.invalid("extra keys not allowed @ data['" + key + "']");
      }
    }
    switch (type) {
      case "supported_features" -> {
        JsonObject features = object(msg, "features", true);
        c.coalesce(Integer.valueOf(1).equals(features.getValue("coalesce_messages")));
        c.result(id, null);
      }
      case "ping" -> c.pong(id);
      case "get_states" -> {
        JsonArray out = new JsonArray();
        ha.states().all().forEach(s -> out.add(s.toJson()));
        c.result(id, out);
      }
      case "get_config" -> c.result(id, HomeAssistantInfo.config());
      case "get_services" -> c.result(id, ha.services().descriptions());
      case "get_panels" -> c.result(id, HomeAssistantInfo.panels());
      case "auth/current_user" -> c.result(id, HomeAssistantInfo.currentUser());
      case "subscribe_events" -> subscribeEvents(c, id, msg);
      case "unsubscribe_events" -> {
        if (!(msg.getValue("subscription") instanceof Number n)
            || n instanceof Double
            || n instanceof Float
            || n.longValue() < 1) {
          throw msg.containsKey("subscription")
              ? HaError.invalid("expected a positive integer @ data['subscription']")
              : HaError.missing("subscription");
        }
        if (!c.unsubscribe(n.longValue())) {
          throw new HaError("not_found", "Subscription not found.");
        }
        c.result(id, null);
      }
      case "subscribe_entities" -> HomeAssistantSubscriptions.entities(ha, c, id, msg);
      case "subscribe_trigger" -> HomeAssistantSubscriptions.trigger(ha, c, id, msg);
      case "render_template" -> HomeAssistantSubscriptions.template(ha, c, id, msg);
      case "fire_event" -> {
        if (!(msg.getValue("event_type") instanceof String eventType)) {
          throw msg.containsKey("event_type")
              ? HaError.invalid("expected str for dictionary value @ data['event_type']")
              : HaError.missing("event_type");
        }
        JsonObject data = object(msg, "event_data", true);
        JsonObject context = HaTime.context(HomeAssistantInfo.USER_ID);
        ha.bus().fire(eventType, data, context);
        c.result(id, new JsonObject().put("context", context));
      }
      case "call_service" -> {
        for (String key : List.of("domain", "service")) {
          if (!(msg.getValue(key) instanceof String)) {
            throw msg.containsKey(key)
                ? HaError.invalid("expected str for dictionary value @ data['" + key + "']")
                : HaError.missing(key);
          }
        }
        object(msg, "service_data", true);
        object(msg, "target", true);
        if (msg.containsKey("return_response")
            && !(msg.getValue("return_response") instanceof Boolean)) {
          throw HaError.invalid("expected bool for dictionary value @ data['return_response']");
        }
        c.result(id, ha.services().call(msg, HomeAssistantInfo.USER_ID));
      }
      default -> throw new IllegalStateException("no handler for " + type);
    }
  }

  private void subscribeEvents(HomeAssistantConnection c, long id, JsonObject msg) {
    Object typeValue = msg.getValue("event_type");
    if (typeValue != null && !(typeValue instanceof String)) {
      throw HaError.invalid("expected str for dictionary value @ data['event_type']");
    }
    String eventType = (String) typeValue;
    ha.stats().increment(HomeAssistantEmulation.SUBSCRIBE_COMMANDS);
    c.subscribe(
        id,
        event -> {
          if (eventType == null || "*".equals(eventType) || eventType.equals(event.type())) {
            c.event(id, event.json().copy());
          }
        });
    c.result(id, null);
  }

  /** An optional (or required) dict field: an empty object when absent and optional. */
  static JsonObject object(JsonObject msg, String key, boolean optional) {
    Object v = msg.getValue(key);
    if (v == null && optional && !msg.containsKey(key)) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject o)) {
      throw v == null && !msg.containsKey(key)
          ? HaError.missing(key)
          : HaError.invalid("expected dict for dictionary value @ data['" + key + "']");
    }
    return o;
  }

  /** {@code entity_ids}: a string (comma-separated) or a list of valid entity ids; empty: none. */
  static Set<String> entityIds(Object v) {
    Set<String> out = new HashSet<>();
    if (v == null) {
      return out;
    }
    List<Object> items =
        v instanceof JsonArray a ? a.getList() : List.of((Object[]) String.valueOf(v).split(","));
    for (Object item : items) {
      String e = String.valueOf(item).trim().toLowerCase();
      if (!HomeAssistantStates.validEntityId(e)) {
        throw HaError.invalid(
            "Entity ID " + item + " is an invalid entity ID @ data['entity_ids']");
      }
      out.add(e);
    }
    return out;
  }
}

package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonObject;

/**
 * An event on the emulated bus: its JSON as subscribers see it, plus, for {@code state_changed},
 * the states themselves (for {@code subscribe_entities} diffs and triggers; null otherwise or when
 * the entity was added or removed).
 */
record HaEvent(JsonObject json, HaState oldState, HaState newState) {

  String type() {
    return json.getString("event_type");
  }

  boolean stateChanged() {
    return "state_changed".equals(type());
  }

  String entityId() {
    return json.getJsonObject("data").getString("entity_id");
  }
}

package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The one state machine behind every Home Assistant command and admin call, as {@code
 * homeassistant.core.StateMachine}: setting a state that differs (or with {@code force}) fires
 * {@code state_changed} with the old and new state and the change's context; setting an identical
 * state only moves {@code last_reported}; removing fires {@code state_changed} with {@code
 * new_state: null}. Entity ids and state lengths are validated as the real one does. Used on the
 * mock cloud's context only.
 */
final class HomeAssistantStates {

  /** Home Assistant's {@code MAX_LENGTH_STATE_STATE}. */
  static final int MAX_STATE_LENGTH = 255;

  /** Home Assistant's {@code VALID_ENTITY_ID}. */
  private static final Pattern ENTITY_ID =
      Pattern.compile("^(?!.+__)(?!_)[\\da-z_]+(?<!_)\\.(?!_)[\\da-z_]+(?<!_)$");

  /** A bound on hostile admin input. */
  static final int MAX_ENTITIES = 10_000;

  private final Map<String, HaState> states = new TreeMap<>();
  private final Consumer<HaEvent> bus;

  /**
   * {@code bus} receives every fired event ({@code event_type, data, origin, time_fired, context}).
   */
  HomeAssistantStates(Consumer<HaEvent> bus) {
    this.bus = bus;
  }

  static boolean validEntityId(String entityId) {
    return entityId != null && ENTITY_ID.matcher(entityId).matches();
  }

  HaState get(String entityId) {
    return states.get(entityId);
  }

  List<HaState> all() {
    return new ArrayList<>(states.values());
  }

  void clear() {
    states.clear();
  }

  /**
   * Sets a state. Fires {@code state_changed} when state or attributes differ, or when {@code
   * force} (Home Assistant's {@code force_update}: {@code last_changed} then stays unless the state
   * differs).
   *
   * @param attributes the complete new attributes (null: none)
   * @param context the change's context (complete, with {@code id})
   * @return the new state
   * @throws IllegalArgumentException for an invalid entity id or a state over 255 characters
   */
  HaState set(
      String entityId, String state, JsonObject attributes, JsonObject context, boolean force) {
    if (!validEntityId(entityId)) {
      throw new IllegalArgumentException("Invalid entity ID: " + entityId);
    }
    if (state == null || state.length() > MAX_STATE_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid state for " + entityId + ": a string of at most 255 characters is required");
    }
    HaState old = states.get(entityId);
    if (old == null && states.size() >= MAX_ENTITIES) {
      throw new IllegalArgumentException("the mock holds at most " + MAX_ENTITIES + " entities");
    }
    JsonObject attrs = attributes == null ? new JsonObject() : attributes;
    Instant now = HaTime.now();
    boolean same = old != null && old.state().equals(state) && old.attributes().equals(attrs);
    if (same && !force) {
      HaState reported =
          new HaState(
              entityId,
              state,
              old.attributes(),
              old.lastChanged(),
              now,
              old.lastUpdated(),
              old.context());
      states.put(entityId, reported);
      return reported;
    }
    Instant lastChanged = old != null && old.state().equals(state) ? old.lastChanged() : now;
    HaState next = new HaState(entityId, state, attrs, lastChanged, now, now, context);
    states.put(entityId, next);
    fire(entityId, old, next, context, now);
    return next;
  }

  /**
   * Removes an entity, firing {@code state_changed} with {@code new_state: null}; false if none.
   */
  boolean remove(String entityId, JsonObject context) {
    HaState old = states.remove(entityId);
    if (old == null) {
      return false;
    }
    fire(entityId, old, null, context, HaTime.now());
    return true;
  }

  private void fire(String entityId, HaState old, HaState next, JsonObject context, Instant at) {
    JsonObject data =
        new JsonObject()
            .put("entity_id", entityId)
            .put("old_state", old == null ? null : old.toJson())
            .put("new_state", next == null ? null : next.toJson());
    bus.accept(new HaEvent(event("state_changed", data, context, at), old, next));
  }

  /** An event as Home Assistant serializes it. */
  static JsonObject event(String type, JsonObject data, JsonObject context, Instant at) {
    return new JsonObject()
        .put("event_type", type)
        .put("data", data)
        .put("origin", "LOCAL")
        .put("time_fired", HaTime.iso(at))
        .put("context", context.copy());
  }
}

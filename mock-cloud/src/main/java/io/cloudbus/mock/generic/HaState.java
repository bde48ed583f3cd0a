package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One entity's state as Home Assistant's {@code State}: immutable, with its three times and the
 * context of the change that made it. Written as the full dict ({@code get_states}, events) or the
 * compressed form of {@code subscribe_entities} ({@code s}, {@code a}, {@code c}, {@code lc},
 * {@code lu}), and diffed into {@code +}/{@code -} changes the way the server does.
 */
record HaState(
    String entityId,
    String state,
    JsonObject attributes,
    Instant lastChanged,
    Instant lastReported,
    Instant lastUpdated,
    JsonObject context) {

  HaState {
    Objects.requireNonNull(entityId);
    Objects.requireNonNull(state);
    attributes = attributes == null ? new JsonObject() : attributes.copy();
    context = context.copy();
  }

  /** The full state dict, keys in Home Assistant's order. */
  JsonObject toJson() {
    return new JsonObject()
        .put("entity_id", entityId)
        .put("state", state)
        .put("attributes", attributes.copy())
        .put("last_changed", HaTime.iso(lastChanged))
        .put("last_reported", HaTime.iso(lastReported))
        .put("last_updated", HaTime.iso(lastUpdated))
        .put("context", context.copy());
  }

  /** The compressed form: the context as its id alone when it has no parent and no user. */
  JsonObject compressed() {
    JsonObject c =
        new JsonObject()
            .put("s", state)
            .put("a", attributes.copy())
            .put("c", plainContext() ? context.getValue("id") : context.copy())
            .put("lc", HaTime.seconds(lastChanged));
    if (!lastChanged.equals(lastUpdated)) {
      c.put("lu", HaTime.seconds(lastUpdated));
    }
    return c;
  }

  /**
   * The {@code subscribe_entities} change from {@code old} to this state: {@code {"+":..,"-":..}}.
   */
  JsonObject diffFrom(HaState old) {
    JsonObject add = new JsonObject();
    JsonObject diff = new JsonObject().put("+", add);
    if (!old.state.equals(state)) {
      add.put("s", state);
    }
    if (!old.lastChanged.equals(lastChanged)) {
      add.put("lc", HaTime.seconds(lastChanged));
    } else if (!old.lastUpdated.equals(lastUpdated)) {
      add.put("lu", HaTime.seconds(lastUpdated));
    }
    JsonObject ctx = new JsonObject();
    if (!Objects.equals(old.context.getValue("parent_id"), context.getValue("parent_id"))) {
      ctx.put("parent_id", context.getValue("parent_id"));
    }
    if (!Objects.equals(old.context.getValue("user_id"), context.getValue("user_id"))) {
      ctx.put("user_id", context.getValue("user_id"));
    }
    boolean idChanged = !Objects.equals(old.context.getValue("id"), context.getValue("id"));
    if (!ctx.isEmpty()) {
      if (idChanged) {
        ctx.put("id", context.getValue("id"));
      }
      add.put("c", ctx);
    } else if (idChanged) {
      add.put("c", context.getValue("id"));
    }
    if (!old.attributes.equals(attributes)) {
      JsonObject added = new JsonObject();
      attributes.forEach(
          e -> {
            if (!old.attributes.containsKey(e.getKey())
                || !Objects.equals(old.attributes.getValue(e.getKey()), e.getValue())) {
              added.put(e.getKey(), e.getValue());
            }
          });
      if (!added.isEmpty()) {
        add.put("a", added);
      }
      JsonArray removed = new JsonArray();
      old.attributes.fieldNames().stream()
          .filter(k -> !attributes.containsKey(k))
          .sorted()
          .forEach(removed::add);
      if (!removed.isEmpty()) {
        diff.put("-", new JsonObject().put("a", removed));
      }
    }
    return diff;
  }

  String domain() {
    return entityId.substring(0, entityId.indexOf('.'));
  }

  private boolean plainContext() {
    return context.getValue("parent_id") == null && context.getValue("user_id") == null;
  }
}

package io.cloudbus.generic.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A predicate on a JSON message written as a map from JSON Pointer to condition, all of which must
 * hold: a scalar means "equals" (numbers by value), a list means "equals one of", {@code {present:
 * true|false}} tests presence (a JSON null counts as absent). {@code {}} matches every message.
 * Immutable and thread-safe.
 */
public final class Matcher implements Predicate<JsonObject> {

  private record Condition(JsonPointer pointer, List<Object> anyOf, Boolean present) {
    boolean test(JsonObject message) {
      Object actual = pointer.get(message);
      if (present != null) {
        return present == (actual != null);
      }
      for (Object expected : anyOf) {
        if (Json.scalarEquals(expected, actual)) {
          return true;
        }
      }
      return false;
    }
  }

  private final String text;
  private final List<Condition> conditions;

  private Matcher(String text, List<Condition> conditions) {
    this.text = text;
    this.conditions = conditions;
  }

  /** Matches every message. */
  public static Matcher any() {
    return new Matcher("{}", List.of());
  }

  /**
   * Compiles a matcher from its JSON form.
   *
   * @throws IllegalArgumentException starting with the offending pointer key, e.g. {@code event:
   *     unknown JSON pointer syntax ...}
   */
  public static Matcher compile(JsonObject spec) {
    List<Condition> conditions = new ArrayList<>();
    for (Map.Entry<String, Object> e : spec) {
      JsonPointer pointer;
      try {
        pointer = JsonPointer.parse(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(e.getKey() + ": " + ex.getMessage(), ex);
      }
      Object cond = Json.normalize(e.getValue());
      if (cond instanceof JsonObject o) {
        if (o.size() != 1 || !(o.getValue("present") instanceof Boolean)) {
          throw new IllegalArgumentException(
              e.getKey() + ": a condition object must be {present: true|false}");
        }
        conditions.add(new Condition(pointer, List.of(), o.getBoolean("present")));
      } else if (cond instanceof JsonArray a) {
        for (Object item : a) {
          requireScalar(e.getKey(), item);
        }
        conditions.add(new Condition(pointer, a.getList(), null));
      } else {
        requireScalar(e.getKey(), cond);
        List<Object> one = new ArrayList<>();
        one.add(cond);
        conditions.add(new Condition(pointer, one, null));
      }
    }
    return new Matcher(spec.encode(), List.copyOf(conditions));
  }

  private static void requireScalar(String key, Object value) {
    if (value instanceof Map
        || value instanceof List
        || value instanceof JsonObject
        || value instanceof JsonArray) {
      throw new IllegalArgumentException(key + ": expected a scalar or a list of scalars");
    }
  }

  @Override
  public boolean test(JsonObject message) {
    for (Condition c : conditions) {
      if (!c.test(message)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}

package io.cloudbus.generic.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value whose strings are {@link Template}s, e.g. {@code {"type":"auth",
 * "access_token":"${token}"}}. Rendering builds a fresh value; an object member whose template is a
 * single placeholder that resolves to nothing is left out (so optional command fields such as HA's
 * {@code target} disappear instead of being sent as null). Immutable and thread-safe.
 */
public final class JsonTemplate {

  private final Object node; // Template, Map<String, JsonTemplate>, List<JsonTemplate> or scalar

  private JsonTemplate(Object node) {
    this.node = node;
  }

  /**
   * Compiles a JSON value (JsonObject, JsonArray, Map, List, String, Number, Boolean, null).
   *
   * @throws IllegalArgumentException for a bad template, prefixed with the member path
   */
  public static JsonTemplate compile(Object value) {
    return new JsonTemplate(compileNode(Json.normalize(value), ""));
  }

  private static Object compileNode(Object value, String path) {
    value = Json.normalize(value);
    if (value instanceof JsonObject o) {
      Map<String, JsonTemplate> members = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : o) {
        members.put(
            e.getKey(), new JsonTemplate(compileNode(e.getValue(), path + "." + e.getKey())));
      }
      return members;
    }
    if (value instanceof JsonArray a) {
      List<JsonTemplate> items = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        items.add(new JsonTemplate(compileNode(a.getValue(i), path + "[" + i + "]")));
      }
      return items;
    }
    if (value instanceof String s) {
      try {
        return Template.compile(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            (path.isEmpty() ? "" : path.substring(1) + ": ") + e.getMessage(), e);
      }
    }
    return value;
  }

  /** The variable names used by every template in this value. */
  @SuppressWarnings("unchecked")
  public List<String> variables() {
    List<String> out = new ArrayList<>();
    if (node instanceof Template t) {
      out.addAll(t.variables());
    } else if (node instanceof Map<?, ?> m) {
      ((Map<String, JsonTemplate>) m).values().forEach(v -> out.addAll(v.variables()));
    } else if (node instanceof List<?> l) {
      ((List<JsonTemplate>) l).forEach(v -> out.addAll(v.variables()));
    }
    return out;
  }

  /** Renders against {@code message} (pointers) and {@code vars} (names). */
  @SuppressWarnings("unchecked")
  public Object render(Object message, JsonObject vars) {
    if (node instanceof Template t) {
      return t.render(message, vars);
    }
    if (node instanceof Map<?, ?> m) {
      JsonObject out = new JsonObject();
      for (Map.Entry<String, JsonTemplate> e : ((Map<String, JsonTemplate>) m).entrySet()) {
        Object v = e.getValue().render(message, vars);
        if (v != null || !(e.getValue().node instanceof Template)) {
          out.put(e.getKey(), v);
        }
      }
      return out;
    }
    if (node instanceof List<?> l) {
      JsonArray out = new JsonArray();
      for (JsonTemplate item : (List<JsonTemplate>) l) {
        out.add(item.render(message, vars));
      }
      return out;
    }
    return node;
  }

  /** Renders a template that must produce an object (a message). */
  public JsonObject renderObject(Object message, JsonObject vars) {
    Object v = render(message, vars);
    if (v instanceof JsonObject o) {
      return o;
    }
    throw new IllegalStateException("template did not render to a JSON object");
  }
}

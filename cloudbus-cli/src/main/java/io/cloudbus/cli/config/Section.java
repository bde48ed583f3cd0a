package io.cloudbus.cli.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one configuration object, recording an error per bad field (named by its
 * path) instead of failing on the first, and remembering which fields were read so that {@link
 * #rejectUnknown()} can name the ones nobody expects. Error messages never contain a value.
 */
final class Section {

  private final JsonObject json;
  private final String path;
  private final List<String> errors;
  private final Set<String> known = new LinkedHashSet<>();

  Section(JsonObject json, String path, List<String> errors) {
    this.json = json == null ? new JsonObject() : json;
    this.path = path;
    this.errors = errors;
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  void error(String field, String problem) {
    errors.add(path(field) + ": " + problem);
  }

  boolean has(String field) {
    known.add(field);
    return json.getValue(field) != null;
  }

  /** A string field; null (and an error when {@code required}) when absent or not a string. */
  String string(String field, boolean required) {
    known.add(field);
    Object v = json.getValue(field);
    if (v == null) {
      if (required) {
        error(field, "required");
      }
      return null;
    }
    if (v instanceof String s) {
      if (required && s.isBlank()) {
        error(field, "required (empty)");
        return null;
      }
      return s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    error(field, "expected a string");
    return null;
  }

  /**
   * An integer in {@code [min, max]}; numeric strings are accepted because environment references
   * always resolve to strings. Returns {@code def} when absent or invalid.
   */
  long integer(String field, long def, long min, long max) {
    known.add(field);
    Object v = json.getValue(field);
    if (v == null) {
      return def;
    }
    Long value = null;
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      value = ((Number) v).longValue();
    } else if (v instanceof String s && s.trim().matches("-?\\d{1,18}")) {
      value = Long.parseLong(s.trim());
    }
    if (value == null) {
      error(field, "expected an integer");
      return def;
    }
    if (value < min || value > max) {
      error(field, "must be between " + min + " and " + max);
      return def;
    }
    return value;
  }

  /**
   * A boolean; the strings {@code true} and {@code false} are accepted because environment
   * references always resolve to strings. Returns {@code def} when absent or invalid.
   */
  boolean bool(String field, boolean def) {
    known.add(field);
    Object v = json.getValue(field);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && s.trim().matches("(?i)true|false")) {
      return Boolean.parseBoolean(s.trim());
    }
    error(field, "expected true or false");
    return def;
  }

  /** A nested object; absent gives an empty object, a non-object an error and an empty object. */
  JsonObject object(String field) {
    known.add(field);
    Object v = json.getValue(field);
    if (v == null) {
      return new JsonObject();
    }
    if (v instanceof JsonObject o) {
      return o;
    }
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) m;
      return new JsonObject(map);
    }
    error(field, "expected an object");
    return new JsonObject();
  }

  /** A list; absent gives an empty list, a non-list an error and an empty list. */
  JsonArray array(String field) {
    known.add(field);
    Object v = json.getValue(field);
    if (v == null) {
      return new JsonArray();
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    if (v instanceof List<?> l) {
      return new JsonArray(new ArrayList<>(l));
    }
    error(field, "expected a list");
    return new JsonArray();
  }

  /** The names of the fields present, for sections whose field names are free. */
  List<String> fieldNamesForCheck() {
    return List.copyOf(json.fieldNames());
  }

  /** This section's own path. */
  String base() {
    return path;
  }

  /** Marks fields as known without reading them (they are checked elsewhere). */
  void allow(String... fields) {
    known.addAll(List.of(fields));
  }

  /** Names every field that was neither read nor allowed. */
  void rejectUnknown() {
    for (String field : json.fieldNames()) {
      if (!known.contains(field)) {
        error(field, "unknown field");
      }
    }
  }
}

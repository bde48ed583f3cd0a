package io.cloudbus.core.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the typed fields of one configuration object, recording one error per bad field, named by
 * its full path ({@code accounts[2].refreshToken: required}), instead of failing on the first; it
 * remembers which fields were read so that {@link #rejectUnknown()} names the ones nobody expects.
 * Error messages never contain a value, so a secret cannot leak through them.
 *
 * <p>Values from environment references are strings, so integers, numbers and booleans are accepted
 * as strings too; {@link #check(List)} returns them converted. Readers made by {@link #child} share
 * the error list of their parent. Not thread-safe: one reader per parse.
 *
 * <p>Typical use in an adapter: {@code ConfigReader r = ConfigReader.of(json, "accounts[home]");
 * String user = r.string("username", true); ... r.throwIfInvalid();}
 */
public final class ConfigReader {

  private final JsonObject json;
  private final String path;
  private final List<String> errors;
  private final Set<String> known = new LinkedHashSet<>();

  private ConfigReader(JsonObject json, String path, List<String> errors) {
    this.json = json == null ? new JsonObject() : json;
    this.path = path == null ? "" : path;
    this.errors = errors;
  }

  /**
   * A reader of {@code json} (null: empty) at {@code path} ("" for the root), with its own errors.
   */
  public static ConfigReader of(JsonObject json, String path) {
    return new ConfigReader(json, path, new ArrayList<>());
  }

  /** A reader that adds its errors to {@code errors} (shared with other readers). */
  public static ConfigReader of(JsonObject json, String path, List<String> errors) {
    return new ConfigReader(json, path, errors);
  }

  /** The object read (not a copy). */
  public JsonObject json() {
    return json;
  }

  /** This object's own path. */
  public String path() {
    return path;
  }

  /** The full path of {@code field}. */
  public String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** Records {@code <path>.<field>: <problem>}. */
  public void error(String field, String problem) {
    errors.add(path(field) + ": " + problem);
  }

  /** Every error recorded so far (shared with the children), in order. */
  public List<String> errors() {
    return errors;
  }

  /** Whether no error was recorded. */
  public boolean ok() {
    return errors.isEmpty();
  }

  /**
   * @throws IllegalArgumentException with every error joined by {@code "; "}, if any
   */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
  }

  /** Whether {@code field} is present (not null); marks it as known. */
  public boolean has(String field) {
    known.add(field);
    return json.getValue(field) != null;
  }

  /** A string; null (and an error when {@code required}) when absent, blank or not a string. */
  public String string(String field, boolean required) {
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

  /** A string, or {@code def} when absent. */
  public String string(String field, String def) {
    String s = string(field, false);
    return s == null ? def : s;
  }

  /**
   * An integer in {@code [min, max]}; numeric strings are accepted. Returns {@code def} when absent
   * or invalid.
   */
  public long integer(String field, long def, long min, long max) {
    known.add(field);
    Object v = json.getValue(field);
    if (v == null) {
      return def;
    }
    Long value = toLong(v);
    if (value == null) {
      error(field, "expected an integer");
      return def;
    }
    if (value < min || value > max) {
      error(
          field,
          max == Long.MAX_VALUE
              ? "must be at least " + min
              : "must be between " + min + " and " + max);
      return def;
    }
    return value;
  }

  /** Any number; numeric strings are accepted. Returns {@code def} when absent or invalid. */
  public double number(String field, double def) {
    known.add(field);
    Object v = json.getValue(field);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    error(field, "expected a number");
    return def;
  }

  /** A boolean; {@code "true"}/{@code "false"} accepted. {@code def} when absent or invalid. */
  public boolean bool(String field, boolean def) {
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

  /**
   * An absolute URL (with a host) whose scheme is one of {@code schemes}, as written; {@code def}
   * when absent or invalid (an error then).
   */
  public String url(String field, String def, String... schemes) {
    String value = string(field, false);
    if (value == null) {
      return def;
    }
    if (!isUrl(value, schemes)) {
      error(field, "expected an absolute " + schemeText(schemes) + " URL");
      return def;
    }
    return value;
  }

  /** A nested object; absent gives an empty object, a non-object an error and an empty object. */
  public JsonObject object(String field) {
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

  /** A reader of the nested object {@code field} (see {@link #object}), sharing the errors. */
  public ConfigReader child(String field) {
    return new ConfigReader(object(field), path(field), errors);
  }

  /** A list; absent gives an empty list, a non-list an error and an empty list. */
  public JsonArray array(String field) {
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
  public List<String> fieldNames() {
    return List.copyOf(json.fieldNames());
  }

  /** Marks fields as known without reading them (they are checked elsewhere). */
  public void allow(String... fields) {
    known.addAll(List.of(fields));
  }

  /** Names every field that was neither read nor allowed: {@code <path>: unknown field}. */
  public void rejectUnknown() {
    rejectUnknown(false);
  }

  /**
   * As {@link #rejectUnknown()}; with {@code listKnown} the message lists the known fields: {@code
   * unknown field (expected one of [a, b])}.
   */
  public void rejectUnknown(boolean listKnown) {
    for (String field : json.fieldNames()) {
      if (!known.contains(field)) {
        error(field, listKnown ? "unknown field (expected one of " + known + ")" : "unknown field");
      }
    }
  }

  /**
   * Reads every declared field by its type (nested objects with declared fields recursively, and
   * only those), recording an error per bad field. Does not reject unknown fields of this object
   * (the caller may allow more first); nested declared objects do.
   *
   * @return a copy of this object with integers, numbers and booleans given as strings converted
   */
  public JsonObject check(List<ConfigField> fields) {
    JsonObject out = json.copy();
    for (ConfigField f : fields) {
      String name = f.name();
      if (f.required() && f.type() != FieldType.STRING && f.type() != FieldType.URL && !has(name)) {
        error(name, "required");
        continue;
      }
      switch (f.type()) {
        case STRING -> string(name, f.required());
        case URL -> {
          String s = string(name, f.required());
          if (s != null && !isUrl(s, f.schemes().toArray(String[]::new))) {
            error(
                name,
                "expected an absolute " + schemeText(f.schemes().toArray(String[]::new)) + " URL");
          }
        }
        case INTEGER -> {
          int before = errors.size();
          long v = integer(name, 0, f.min(), f.max());
          if (has(name) && errors.size() == before) {
            out.put(name, v);
          }
        }
        case NUMBER -> {
          int before = errors.size();
          double v = number(name, 0);
          if (has(name) && errors.size() == before) {
            out.put(name, v);
          }
        }
        case BOOLEAN -> {
          int before = errors.size();
          boolean v = bool(name, false);
          if (has(name) && errors.size() == before) {
            out.put(name, v);
          }
        }
        case LIST -> listOfStrings(name);
        case OBJECT -> {
          if (has(name)) {
            ConfigReader nested = child(name);
            if (!f.fields().isEmpty()) {
              out.put(name, nested.check(f.fields()));
              nested.rejectUnknown();
            }
          }
        }
      }
    }
    return out;
  }

  private void listOfStrings(String field) {
    if (!has(field)) {
      return;
    }
    int before = errors.size();
    JsonArray list = array(field);
    if (errors.size() > before) {
      return;
    }
    for (Object item : list) {
      if (!(item instanceof String s) || s.isBlank()) {
        error(field, "expected a list of non-empty strings");
        return;
      }
    }
  }

  private static Long toLong(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if ((v instanceof Double || v instanceof Float)
        && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())
        && Math.abs(((Number) v).doubleValue()) < 9e15) {
      return ((Number) v).longValue();
    }
    if (v instanceof String s && s.trim().matches("-?\\d{1,18}")) {
      return Long.parseLong(s.trim());
    }
    return null;
  }

  /** Whether {@code url} is absolute, has a host and one of {@code schemes} (any case). */
  public static boolean isUrl(String url, String... schemes) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme();
      if (scheme == null || uri.getHost() == null) {
        return false;
      }
      String lower = scheme.toLowerCase(Locale.ROOT);
      for (String s : schemes) {
        if (s.equals(lower)) {
          return true;
        }
      }
      return false;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** {@code http(s)} for {@code http, https}, else the schemes joined by {@code /}. */
  private static String schemeText(String... schemes) {
    if (schemes.length == 2 && schemes[1].equals(schemes[0] + "s")) {
      return schemes[0] + "(s)";
    }
    if (schemes.length == 4
        && List.of(schemes).containsAll(List.of("http", "https", "ws", "wss"))) {
      return "http(s) or ws(s)";
    }
    return String.join("/", schemes);
  }
}

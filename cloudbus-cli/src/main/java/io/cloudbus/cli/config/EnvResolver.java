package io.cloudbus.cli.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:-default}} references in every string value of a
 * parsed configuration, so that secrets can come from the environment. {@code $${} stands for a
 * literal {@code ${}. References are resolved in values only (never in keys), after parsing, so an
 * environment value can never change the document's structure. A value that is exactly one
 * reference stays a string: the validator accepts numeric strings where it expects numbers.
 *
 * <p>Not thread-safe; use one instance per load.
 */
final class EnvResolver {

  private static final Pattern REF =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$\\{[^}]*}?");

  private final Function<String, String> env;
  private final List<String> errors;

  /**
   * @param env looks up a variable; returns null when it is not set
   * @param errors receives one error per unresolvable reference
   */
  EnvResolver(Function<String, String> env, List<String> errors) {
    this.env = env;
    this.errors = errors;
  }

  /** Resolves in place and returns {@code root}. */
  JsonObject resolve(JsonObject root) {
    resolveObject(root, "");
    return root;
  }

  private void resolveObject(JsonObject obj, String path) {
    for (Map.Entry<String, Object> e : List.copyOf(obj.getMap().entrySet())) {
      String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      obj.put(e.getKey(), resolveValue(e.getValue(), child));
    }
  }

  private Object resolveValue(Object value, String path) {
    if (value instanceof JsonObject o) {
      resolveObject(o, path);
      return o;
    }
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      JsonObject o = new JsonObject((Map<String, Object>) m);
      resolveObject(o, path);
      return o;
    }
    if (value instanceof List<?> l) {
      return resolveArray(new JsonArray(new ArrayList<>(l)), path);
    }
    if (value instanceof JsonArray a) {
      return resolveArray(a, path);
    }
    if (value instanceof String s) {
      return resolveString(s, path);
    }
    return value;
  }

  private JsonArray resolveArray(JsonArray array, String path) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < array.size(); i++) {
      out.add(resolveValue(array.getValue(i), path + "[" + i + "]"));
    }
    return out;
  }

  private String resolveString(String s, String path) {
    if (!s.contains("${")) {
      return s;
    }
    Matcher m = REF.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String token = m.group();
      String replacement;
      if (token.equals("$${")) {
        replacement = "${";
      } else if (m.group(1) == null) {
        errors.add(path + ": malformed environment reference (use ${NAME} or ${NAME:-default})");
        replacement = "";
      } else {
        String value = env.apply(m.group(1));
        if (value == null || (value.isEmpty() && m.group(2) != null)) {
          value = m.group(2);
        }
        if (value == null) {
          errors.add(path + ": environment variable " + m.group(1) + " is not set");
          value = "";
        }
        replacement = value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}

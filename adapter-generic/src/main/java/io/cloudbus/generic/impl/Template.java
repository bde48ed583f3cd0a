package io.cloudbus.generic.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A string with {@code ${...}} placeholders. A placeholder is either a JSON Pointer into the
 * current message ({@code ${/event/data/entity_id}}) or a dotted variable name ({@code ${token}},
 * {@code ${config.url}}, {@code ${item}}). {@code $$} writes a literal {@code $}.
 *
 * <p>A template that is exactly one placeholder renders to the raw value, keeping its JSON type (an
 * object stays an object); otherwise the parts are concatenated as text and an absent value renders
 * as the empty string. Immutable and thread-safe.
 */
public final class Template {

  private final String text;
  private final List<Object> parts; // String literal or Ref

  private record Ref(String expression, JsonPointer pointer, String[] variable) {}

  private Template(String text, List<Object> parts) {
    this.text = text;
    this.parts = parts;
  }

  /**
   * Compiles a template.
   *
   * @throws IllegalArgumentException naming the problem (unclosed placeholder, bad pointer, bad
   *     variable name)
   */
  public static Template compile(String text) {
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
        literal.append('$');
        i += 2;
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed placeholder '${' in '" + text + "'");
        }
        if (!literal.isEmpty()) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(ref(text.substring(i + 2, end)));
        i = end + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    if (!literal.isEmpty() || parts.isEmpty()) {
      parts.add(literal.toString());
    }
    return new Template(text, List.copyOf(parts));
  }

  private static Ref ref(String expression) {
    if (expression.startsWith("/") || expression.isEmpty()) {
      return new Ref(expression, JsonPointer.parse(expression), null);
    }
    if (!expression.matches("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*")) {
      throw new IllegalArgumentException(
          "bad placeholder '${"
              + expression
              + "}': use a JSON pointer (${/a/b}) or a variable name (${token}, ${config.url})");
    }
    return new Ref(expression, null, expression.split("\\."));
  }

  /** True when the template contains no placeholder. */
  public boolean isConstant() {
    return parts.stream().noneMatch(Ref.class::isInstance);
  }

  /**
   * The variable names this template uses (first segment, e.g. {@code config} or {@code token}).
   */
  public List<String> variables() {
    List<String> names = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof Ref r && r.variable() != null) {
        names.add(String.join(".", r.variable()));
      }
    }
    return names;
  }

  /**
   * Renders with {@code message} for pointers and {@code vars} for names; either may be null.
   * Returns the raw value for a single-placeholder template (possibly null), else a String.
   */
  public Object render(Object message, JsonObject vars) {
    if (parts.size() == 1 && parts.get(0) instanceof Ref r) {
      return resolve(r, message, vars);
    }
    StringBuilder out = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof Ref r) {
        Object v = resolve(r, message, vars);
        if (v != null) {
          out.append(v instanceof JsonObject || v instanceof JsonArray ? encode(v) : v);
        }
      } else {
        out.append((String) p);
      }
    }
    return out.toString();
  }

  /**
   * Renders as text like {@link #renderString}, but null when any placeholder is absent or empty:
   * for an id that must be complete or not be used at all.
   */
  public String renderComplete(Object message, JsonObject vars) {
    for (Object p : parts) {
      if (p instanceof Ref r) {
        Object v = resolve(r, message, vars);
        if (v == null || "".equals(v)) {
          return null;
        }
      }
    }
    return renderString(message, vars);
  }

  /** Renders as text: null when the single placeholder is absent, JSON text for structures. */
  public String renderString(Object message, JsonObject vars) {
    Object v = render(message, vars);
    if (v == null) {
      return null;
    }
    return v instanceof JsonObject || v instanceof JsonArray ? encode(v) : String.valueOf(v);
  }

  private static String encode(Object v) {
    return v instanceof JsonObject o ? o.encode() : ((JsonArray) v).encode();
  }

  private static Object resolve(Ref r, Object message, JsonObject vars) {
    if (r.pointer() != null) {
      return Json.normalize(r.pointer().get(message));
    }
    Object current = vars;
    for (String name : r.variable()) {
      if (!(current instanceof JsonObject o)) {
        return null;
      }
      current = o.getValue(name);
    }
    return Json.normalize(current);
  }

  @Override
  public String toString() {
    return text;
  }
}

package io.cloudbus.generic.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An RFC 6901 JSON Pointer ({@code /event/data/entity_id}) evaluated on Vert.x JSON values.
 * Immutable and thread-safe. The empty pointer {@code ""} is the whole document.
 */
public final class JsonPointer {

  private final String text;
  // An array, not a List: get() runs for every frame and condition, an iterator each time showed.
  private final String[] tokens;

  private JsonPointer(String text, List<String> tokens) {
    this.text = text;
    this.tokens = tokens.toArray(new String[0]);
  }

  /**
   * Parses a pointer.
   *
   * @throws IllegalArgumentException with the problem (no leading {@code /}, a bad {@code ~}
   *     escape) when {@code text} is not a JSON Pointer
   */
  public static JsonPointer parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("unknown JSON pointer syntax: null");
    }
    if (text.isEmpty()) {
      return new JsonPointer(text, List.of());
    }
    if (text.charAt(0) != '/') {
      throw new IllegalArgumentException(
          "unknown JSON pointer syntax '" + text + "': must be empty or start with '/'");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      tokens.add(unescape(raw, text));
    }
    return new JsonPointer(text, tokens);
  }

  private static String unescape(String raw, String text) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        out.append(c);
        continue;
      }
      char next = i + 1 < raw.length() ? raw.charAt(i + 1) : 0;
      if (next == '0') {
        out.append('~');
      } else if (next == '1') {
        out.append('/');
      } else {
        throw new IllegalArgumentException(
            "unknown JSON pointer syntax '" + text + "': '~' must be followed by 0 or 1");
      }
      i++;
    }
    return out.toString();
  }

  /** The value at this pointer in {@code document}, or null when absent (or JSON null). */
  public Object get(Object document) {
    Object current = document;
    for (String token : tokens) {
      if (current instanceof JsonObject o) {
        current = o.getValue(token);
      } else if (current instanceof Map<?, ?> m) {
        current = m.get(token);
      } else if (current instanceof JsonArray a) {
        int index = index(token);
        current = index >= 0 && index < a.size() ? a.getValue(index) : null;
      } else if (current instanceof List<?> l) {
        int index = index(token);
        current = index >= 0 && index < l.size() ? l.get(index) : null;
      } else {
        return null;
      }
    }
    return current;
  }

  private static int index(String token) {
    if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(token);
  }

  @Override
  public String toString() {
    return text;
  }
}

package io.cloudbus.client.impl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer, so the client needs no JSON library.
 *
 * <p>Values map to Java as: object → {@code Map<String, Object>} (insertion ordered, unmodifiable),
 * array → {@code List<Object>} (unmodifiable), string → {@link String}, number → {@link Long} when
 * it is an integer that fits, {@link BigInteger} when it does not, otherwise {@link Double} (or
 * {@link BigDecimal} when a double would lose the value's magnitude), {@code true}/{@code false} →
 * {@link Boolean}, {@code null} → {@code null}.
 *
 * <p>Stateless and thread-safe. Input is limited to {@value #MAX_DEPTH} levels of nesting so that
 * hostile input cannot overflow the stack; any violation raises {@link JsonException} with the
 * offending position. Duplicate object keys: the last one wins (as in most parsers).
 */
public final class Json {

  /** Deepest nesting of arrays and objects accepted by {@link #parse(String)}. */
  public static final int MAX_DEPTH = 256;

  private Json() {}

  /** A malformed document, or a value that cannot be written as JSON. */
  public static final class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
      super(message);
    }
  }

  /**
   * Parses one complete JSON document (any value, surrounded by optional whitespace).
   *
   * @throws JsonException if {@code text} is null, malformed, too deep, or has trailing content
   */
  public static Object parse(String text) {
    if (text == null) {
      throw new JsonException("JSON text is null");
    }
    Reader r = new Reader(text);
    r.skipWs();
    Object v = r.value(0);
    r.skipWs();
    if (r.pos != text.length()) {
      throw r.error("trailing content");
    }
    return v;
  }

  /**
   * Parses a document that must be an object.
   *
   * @throws JsonException if malformed or not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new JsonException("expected a JSON object");
    }
    return (Map<String, Object>) v;
  }

  /**
   * The exact source text of each member of a top-level object, keyed by name: lets a caller keep a
   * nested document byte-for-byte (numbers, key order and escapes untouched).
   *
   * @throws JsonException if malformed or not an object
   */
  public static Map<String, String> rawMembers(String text) {
    if (text == null) {
      throw new JsonException("JSON text is null");
    }
    Reader r = new Reader(text);
    r.skipWs();
    if (r.pos >= text.length() || text.charAt(r.pos) != '{') {
      throw new JsonException("expected a JSON object");
    }
    Map<String, String> raw = new LinkedHashMap<>();
    r.object(0, raw);
    r.skipWs();
    if (r.pos != text.length()) {
      throw r.error("trailing content");
    }
    return raw;
  }

  /**
   * Writes a value as compact JSON. Accepts what {@link #parse} returns, plus any {@link Map} with
   * string keys, any {@link Iterable}, any {@link Number} and {@link CharSequence}.
   *
   * @throws JsonException for other types, non-finite numbers or non-string keys
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 0);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb, int depth) {
    if (depth > MAX_DEPTH) {
      throw new JsonException("value nested deeper than " + MAX_DEPTH);
    }
    if (v == null) {
      sb.append("null");
    } else if (v instanceof CharSequence s) {
      quote(s, sb);
    } else if (v instanceof Boolean b) {
      sb.append(b.booleanValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new JsonException("JSON cannot represent " + d);
      }
      sb.append(v);
    } else if (v instanceof Number n) {
      sb.append(n instanceof BigDecimal bd ? bd.toString() : n.toString());
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new JsonException("object keys must be strings");
        }
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(key, sb);
        sb.append(':');
        write(e.getValue(), sb, depth + 1);
      }
      sb.append('}');
    } else if (v instanceof Iterable<?> it) {
      sb.append('[');
      boolean first = true;
      for (Object o : it) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(o, sb, depth + 1);
      }
      sb.append(']');
    } else {
      throw new JsonException("cannot write " + v.getClass().getName() + " as JSON");
    }
  }

  /** Appends {@code s} as a JSON string literal, escaping what RFC 8259 requires. */
  public static void quote(CharSequence s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          // U+2028/2029 are valid JSON but break JavaScript consumers; escaping them is harmless.
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    JsonException error(String what) {
      return new JsonException("malformed JSON at offset " + pos + ": " + what);
    }

    void skipWs() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          return;
        }
      }
    }

    Object value(int depth) {
      if (pos >= s.length()) {
        throw error("unexpected end of input");
      }
      char c = s.charAt(pos);
      return switch (c) {
        case '{' -> object(depth + 1, null);
        case '[' -> array(depth + 1);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw error("unexpected character '" + printable(c) + "'");
        }
      };
    }

    private static String printable(char c) {
      return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    Object literal(String word, Object result) {
      if (!s.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return result;
    }

    Map<String, Object> object(int depth, Map<String, String> raw) {
      checkDepth(depth);
      pos++; // '{'
      Map<String, Object> map = new LinkedHashMap<>();
      skipWs();
      if (peek() == '}') {
        pos++;
        return Collections.unmodifiableMap(map);
      }
      while (true) {
        skipWs();
        if (peek() != '"') {
          throw error("expected a string key");
        }
        String key = string();
        skipWs();
        if (peek() != ':') {
          throw error("expected ':'");
        }
        pos++;
        skipWs();
        int start = pos;
        map.put(key, value(depth));
        if (raw != null) {
          raw.put(key, s.substring(start, pos));
        }
        skipWs();
        char c = peek();
        pos++;
        if (c == '}') {
          return Collections.unmodifiableMap(map);
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}'");
        }
      }
    }

    List<Object> array(int depth) {
      checkDepth(depth);
      pos++; // '['
      List<Object> list = new ArrayList<>();
      skipWs();
      if (peek() == ']') {
        pos++;
        return Collections.unmodifiableList(list);
      }
      while (true) {
        skipWs();
        list.add(value(depth));
        skipWs();
        char c = peek();
        pos++;
        if (c == ']') {
          return Collections.unmodifiableList(list);
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']'");
        }
      }
    }

    private void checkDepth(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH);
      }
    }

    private char peek() {
      if (pos >= s.length()) {
        throw error("unexpected end of input");
      }
      return s.charAt(pos);
    }

    String string() {
      pos++; // opening quote
      StringBuilder sb = null;
      int runStart = pos;
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos);
        if (c == '"') {
          String result =
              sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
          pos++;
          return result;
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c == '\\') {
          if (sb == null) {
            sb = new StringBuilder();
          }
          sb.append(s, runStart, pos);
          pos++;
          sb.append(escape());
          runStart = pos;
        } else {
          pos++;
        }
      }
    }

    private char escape() {
      if (pos >= s.length()) {
        throw error("unterminated escape");
      }
      char e = s.charAt(pos++);
      return switch (e) {
        case '"' -> '"';
        case '\\' -> '\\';
        case '/' -> '/';
        case 'b' -> '\b';
        case 'f' -> '\f';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        case 'u' -> {
          if (pos + 4 > s.length()) {
            throw error("truncated \\u escape");
          }
          int cp = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) {
              throw error("bad hex digit in \\u escape");
            }
            cp = cp * 16 + d;
          }
          pos += 4;
          yield (char) cp;
        }
        default -> {
          pos--;
          throw error("bad escape '\\" + printable(e) + "'");
        }
      };
    }

    Object number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (pos >= s.length()) {
        throw error("truncated number");
      }
      char c = s.charAt(pos);
      if (c == '0') {
        pos++;
      } else if (c >= '1' && c <= '9') {
        digits();
      } else {
        throw error("expected a digit");
      }
      boolean integral = true;
      if (pos < s.length() && s.charAt(pos) == '.') {
        integral = false;
        pos++;
        requireDigit();
        digits();
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        integral = false;
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        requireDigit();
        digits();
      }
      String text = s.substring(start, pos);
      if (integral) {
        if (text.length() <= 18) {
          return Long.parseLong(text);
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
      }
      double d = Double.parseDouble(text);
      return Double.isInfinite(d) ? new BigDecimal(text) : d;
    }

    private void requireDigit() {
      if (pos >= s.length() || s.charAt(pos) < '0' || s.charAt(pos) > '9') {
        throw error("expected a digit");
      }
    }

    private void digits() {
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
    }
  }
}

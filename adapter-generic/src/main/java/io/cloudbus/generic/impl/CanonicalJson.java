package io.cloudbus.generic.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON value as the text {@link Json#contentHash} hashes: no whitespace, object keys
 * sorted in {@link String#compareTo} order at every depth, strings escaped and numbers written
 * exactly as Jackson writes them by default, so content decoded from text hashes as it did with the
 * Jackson-based writer ({@code CanonicalJsonTest} compares the two on random content). A Vert.x
 * JsonObject or JsonArray nested inside is written as its content (Jackson, without Vert.x's
 * module, wrote it as a Java bean).
 *
 * <p>Why not Jackson with {@code ORDER_MAP_ENTRIES_BY_KEYS}: that copies every object into a {@code
 * TreeMap} and looks up a serializer per value, which made the content hash the most expensive step
 * of mapping a frame. Stateless and thread-safe.
 */
final class CanonicalJson {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private CanonicalJson() {}

  /**
   * Appends {@code value} to {@code out}.
   *
   * @return false when the value holds something other than JSON's types as decoded from text (maps
   *     with string keys, lists, strings, booleans, null, integral numbers, finite doubles; also
   *     Vert.x's JsonObject and JsonArray at any depth); {@code out} is then incomplete and the
   *     caller must use another writer
   */
  static boolean write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Map<?, ?> m) {
      return object(m, out);
    } else if (value instanceof List<?> l) {
      return array(l, out);
    } else if (value instanceof JsonObject o) {
      return object(o.getMap(), out);
    } else if (value instanceof JsonArray a) {
      return array(a.getList(), out);
    } else if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigInteger
        || value instanceof Short
        || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof Double d && Double.isFinite(d)) {
      out.append(d.doubleValue());
    } else {
      return false;
    }
    return true;
  }

  private static boolean object(Map<?, ?> map, StringBuilder out) {
    Object[] keys = map.keySet().toArray();
    for (Object k : keys) {
      if (!(k instanceof String)) {
        return false;
      }
    }
    Arrays.sort(keys);
    out.append('{');
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      string((String) keys[i], out);
      out.append(':');
      if (!write(map.get(keys[i]), out)) {
        return false;
      }
    }
    out.append('}');
    return true;
  }

  private static boolean array(List<?> list, StringBuilder out) {
    out.append('[');
    int i = 0;
    for (Object element : list) {
      if (i++ > 0) {
        out.append(',');
      }
      if (!write(element, out)) {
        return false;
      }
    }
    out.append(']');
    return true;
  }

  /** Jackson's default escaping: quote, backslash, and the control characters only. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    int start = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, start, i);
      start = i + 1;
      out.append('\\');
      switch (c) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '\b' -> out.append('b');
        case '\t' -> out.append('t');
        case '\n' -> out.append('n');
        case '\f' -> out.append('f');
        case '\r' -> out.append('r');
        default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, start, n).append('"');
  }
}

package io.cloudbus.simplisafe;

import java.math.BigDecimal;

/** Lenient readers for SimpliSafe JSON values, which change type between fixtures. Thread-safe. */
final class SimpliSafeJson {

  private SimpliSafeJson() {}

  /**
   * A whole number from a JSON number or a decimal string ({@code 12345}, {@code "12345"}, {@code
   * "12345.0"}); null for anything else (absent, empty, non-numeric, boolean, object).
   */
  static Long asLong(Object value) {
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return null;
      }
      return n.longValue();
    }
    if (value instanceof String s) {
      String t = s.trim();
      if (t.isEmpty()) {
        return null;
      }
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException notLong) {
        try {
          return new BigDecimal(t).longValueExact();
        } catch (NumberFormatException | ArithmeticException notNumber) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * A string from a JSON string or a scalar (numbers keep their integral form, so {@code 12345} and
   * {@code "12345"} read the same); null for absent values, objects and arrays.
   */
  static String asText(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number n) {
      Long l = asLong(n);
      return l != null && l.doubleValue() == n.doubleValue() ? Long.toString(l) : n.toString();
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    return null;
  }
}

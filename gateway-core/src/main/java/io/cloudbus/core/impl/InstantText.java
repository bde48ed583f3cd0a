package io.cloudbus.core.impl;

import java.time.Instant;

/**
 * {@link Instant#toString()} (ISO-8601, UTC, the fraction in groups of three digits as needed)
 * without a {@code DateTimeFormatter} per event (issue #17: 3 % of the gateway's CPU for small
 * events): the text up to the seconds is kept for the latest second formatted, the fraction is
 * written by hand. Thread-safe (the kept second is an immutable pair, replaced as a whole).
 */
public final class InstantText {

  private record Second(long epochSecond, String text) {}

  // latest second formatted; a racy read at worst formats a second again
  private static Second latest = new Second(Long.MIN_VALUE, "");

  private InstantText() {}

  /** The same text as {@code instant.toString()}. */
  public static String format(Instant instant) {
    long second = instant.getEpochSecond();
    Second s = latest;
    if (s.epochSecond() != second) {
      String full = Instant.ofEpochSecond(second).toString();
      // "...:ssZ"; years beyond 9999 or before 0000 are rare: formatted the slow way each time
      if (full.length() != 20) {
        return instant.toString();
      }
      s = new Second(second, full.substring(0, 19));
      latest = s;
    }
    int nano = instant.getNano();
    if (nano == 0) {
      return s.text() + 'Z';
    }
    StringBuilder b = new StringBuilder(31).append(s.text()).append('.');
    if (nano % 1_000_000 == 0) {
      pad(b, nano / 1_000_000, 3);
    } else if (nano % 1_000 == 0) {
      pad(b, nano / 1_000, 6);
    } else {
      pad(b, nano, 9);
    }
    return b.append('Z').toString();
  }

  private static void pad(StringBuilder b, int value, int digits) {
    String v = Integer.toString(value);
    for (int i = v.length(); i < digits; i++) {
      b.append('0');
    }
    b.append(v);
  }
}

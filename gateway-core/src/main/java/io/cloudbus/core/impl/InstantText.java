package io.cloudbus.core.impl;

import java.time.Instant;

/**
 * {@link Instant#toString()} (ISO-8601, UTC, the fraction in groups of three digits as needed)
 * without a {@code DateTimeFormatter} per event (issue #17: 3 % of the gateway's CPU for small
 * events): the date is kept for the latest day formatted, the time of day and the fraction are
 * written by hand. Thread-safe (the kept day is an immutable pair, replaced as a whole).
 */
public final class InstantText {

  private static final long SECONDS_PER_DAY = 86_400;

  private record Day(long epochDay, String text) {}

  // latest day formatted; a racy read at worst formats a day again
  private static Day latest = new Day(Long.MIN_VALUE, "");

  private InstantText() {}

  /** The same text as {@code instant.toString()}. */
  public static String format(Instant instant) {
    long second = instant.getEpochSecond();
    long epochDay = Math.floorDiv(second, SECONDS_PER_DAY);
    Day d = latest;
    if (d.epochDay() != epochDay) {
      String full = Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY).toString();
      // "yyyy-mm-ddT00:00:00Z"; years beyond 9999 or before 0000 are formatted the slow way
      if (full.length() != 20) {
        return instant.toString();
      }
      d = new Day(epochDay, full.substring(0, 11));
      latest = d;
    }
    int ofDay = (int) Math.floorMod(second, SECONDS_PER_DAY);
    StringBuilder b = new StringBuilder(31).append(d.text());
    pad(b, ofDay / 3600, 2);
    b.append(':');
    pad(b, ofDay / 60 % 60, 2);
    b.append(':');
    pad(b, ofDay % 60, 2);
    int nano = instant.getNano();
    if (nano != 0) {
      b.append('.');
      if (nano % 1_000_000 == 0) {
        pad(b, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        pad(b, nano / 1_000, 6);
      } else {
        pad(b, nano, 9);
      }
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

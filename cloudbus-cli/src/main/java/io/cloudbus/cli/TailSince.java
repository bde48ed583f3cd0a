package io.cloudbus.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of {@code tail --since}: a duration back from now ({@code 90s}, {@code 10m}, {@code
 * 2h}, {@code 7d}) becomes an RFC 3339 time; an RFC 3339 time or an event id (or a journal
 * position) is passed on as is. The result goes into the {@code since} of the {@code /ws} subscribe
 * frame (DESIGN, second wave).
 */
final class TailSince {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
  private static final int MAX_LENGTH = 200;

  private TailSince() {}

  /**
   * @return the {@code since} value to send
   * @throws Options.UsageError naming {@code --since} when the value is empty or too long
   */
  static String resolve(String value, Clock clock) {
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
      throw new Options.UsageError(
          "--since must be a duration (e.g. 10m, 2h, 7d), an RFC 3339 time or an event id");
    }
    String v = value.trim();
    Matcher m = DURATION.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration back =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return Instant.now(clock).minus(back).toString();
    }
    try {
      return Instant.parse(v).toString();
    } catch (DateTimeParseException e) {
      return v; // an event id or a journal position
    }
  }
}

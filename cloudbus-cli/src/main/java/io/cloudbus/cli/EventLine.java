package io.cloudbus.cli;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Formats one normalized event (CloudEvents JSON) as one line: local date and time, type without
 * the {@code io.cloudbus.} prefix, {@code vendor/account}, subject. Never prints {@code data} (it
 * may hold personal details). Thread-safe.
 */
public final class EventLine {

  private static final String PREFIX = "io.cloudbus.";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private EventLine() {}

  /** One line (no newline) for {@code event}; tolerant of missing fields. */
  public static String format(JsonObject event) {
    String type = String.valueOf(event.getValue("type", "?"));
    if (type.startsWith(PREFIX)) {
      type = type.substring(PREFIX.length());
    }
    String vendor = String.valueOf(event.getValue("vendor", "?"));
    String account = String.valueOf(event.getValue("account", "?"));
    String subject = event.getValue("subject") == null ? "-" : event.getValue("subject").toString();
    return String.format(
        "%s  %-26s %-28s %s", time(event.getValue("time")), type, vendor + "/" + account, subject);
  }

  private static String time(Object value) {
    if (value instanceof String s) {
      try {
        return TIME.format(Instant.parse(s));
      } catch (DateTimeParseException e) {
        return s;
      }
    }
    return TIME.format(Instant.now());
  }
}

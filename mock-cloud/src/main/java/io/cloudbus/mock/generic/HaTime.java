package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Home Assistant's ways of writing time and context: Python's {@code datetime.isoformat()} of a UTC
 * time ({@code 2026-08-01T10:00:00.137548+00:00}, microseconds, no fraction when they are zero),
 * float epoch seconds for the compressed state format, and ULID context ids (26 Crockford base-32
 * characters: 48 bits of milliseconds, 80 random bits), as Home Assistant makes them since 2023.3.
 */
final class HaTime {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private HaTime() {}

  /** Now, at Home Assistant's (Python's) microsecond precision. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code t} as Python's {@code isoformat()} of an aware UTC datetime. */
  static String iso(Instant t) {
    int micros = t.getNano() / 1000;
    String base = SECONDS.format(t);
    return micros == 0 ? base + "+00:00" : base + String.format(".%06d+00:00", micros);
  }

  /** {@code t} as float epoch seconds ({@code lc}/{@code lu} of the compressed state). */
  static double seconds(Instant t) {
    return t.getEpochSecond() + (t.getNano() / 1000) / 1_000_000.0;
  }

  /** A new ULID, unique per call (random part from a thread-local generator). */
  static String ulid(Instant t) {
    char[] out = new char[26];
    long ms = t.toEpochMilli();
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (ms & 31)];
      ms >>>= 5;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 10; i < 26; i++) {
      out[i] = CROCKFORD[random.nextInt(32)];
    }
    return new String(out);
  }

  /** A new context {@code {id, parent_id, user_id}}; {@code userId} may be null. */
  static JsonObject context(String userId) {
    return new JsonObject().put("id", ulid(now())).putNull("parent_id").put("user_id", userId);
  }

  /**
   * {@code given} completed to the three keys of a context (a missing {@code id} gets a new ULID),
   * or a new context when {@code given} is not an object.
   */
  static JsonObject context(Object given, String userId) {
    if (!(given instanceof JsonObject c)) {
      return context(userId);
    }
    return new JsonObject()
        .put("id", c.getValue("id") instanceof String s ? s : ulid(now()))
        .put("parent_id", c.getValue("parent_id"))
        .put("user_id", c.containsKey("user_id") ? c.getValue("user_id") : userId);
  }
}

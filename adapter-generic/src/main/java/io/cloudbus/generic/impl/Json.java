package io.cloudbus.generic.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Small helpers on Vert.x JSON values. Stateless and thread-safe. */
public final class Json {

  private static final ObjectWriter CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writer();

  private static final HexFormat HEX = HexFormat.of();

  /** Per-thread digest: {@code MessageDigest.getInstance} looks up a provider on every call. */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("no SHA-256 in this JVM", e);
            }
          });

  private Json() {}

  /** Wraps raw maps and lists (as found inside a JsonObject) into JsonObject / JsonArray. */
  @SuppressWarnings("unchecked")
  public static Object normalize(Object value) {
    if (value instanceof Map<?, ?> m) {
      return new JsonObject((Map<String, Object>) m);
    }
    if (value instanceof List<?> l) {
      return new JsonArray((List<Object>) l);
    }
    return value;
  }

  /**
   * A stable content hash (SHA-256 of the JSON with object keys sorted, hex, first 32 chars): the
   * same content always hashes the same, whatever the key order on the wire. A nested Vert.x
   * JsonObject or JsonArray hashes as its content.
   */
  public static String contentHash(Object value) {
    StringBuilder text = new StringBuilder(256);
    String canonical = CanonicalJson.write(value, text) ? text.toString() : jacksonCanonical(value);
    // Via the String on purpose: a lone surrogate (legal in a JSON escape) hashes as '?' instead
    // of failing in a UTF-8 generator, and hashes stay what they were.
    byte[] digest = SHA256.get().digest(canonical.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(digest, 0, 16);
  }

  /** The general writer, for values {@link CanonicalJson} does not write (floats, decimals...). */
  static String jacksonCanonical(Object value) {
    try {
      Object plain =
          value instanceof JsonObject o
              ? o.getMap()
              : value instanceof JsonArray a ? a.getList() : value;
      return CANONICAL.writeValueAsString(plain);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash JSON content", e);
    }
  }

  /** JSON equality of two scalars: numbers by value, everything else by equals. */
  public static boolean scalarEquals(Object expected, Object actual) {
    if (expected instanceof Number e && actual instanceof Number a) {
      if (isIntegral(e) && isIntegral(a)) {
        return e.longValue() == a.longValue(); // the common case, without two BigDecimals
      }
      return new java.math.BigDecimal(e.toString())
              .compareTo(new java.math.BigDecimal(a.toString()))
          == 0;
    }
    return expected == null ? actual == null : expected.equals(actual);
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
  }
}

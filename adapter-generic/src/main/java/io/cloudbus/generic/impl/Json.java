package io.cloudbus.generic.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
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

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

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
   * same content always hashes the same, whatever the key order on the wire.
   */
  public static String contentHash(Object value) {
    try {
      Object plain =
          value instanceof JsonObject o
              ? o.getMap()
              : value instanceof JsonArray a ? a.getList() : value;
      byte[] bytes = CANONICAL.writeValueAsString(plain).getBytes(StandardCharsets.UTF_8);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash JSON content", e);
    }
  }

  /** JSON equality of two scalars: numbers by value, everything else by equals. */
  public static boolean scalarEquals(Object expected, Object actual) {
    if (expected instanceof Number e && actual instanceof Number a) {
      return new java.math.BigDecimal(e.toString())
              .compareTo(new java.math.BigDecimal(a.toString()))
          == 0;
    }
    return expected == null ? actual == null : expected.equals(actual);
  }
}

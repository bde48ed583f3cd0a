package io.cloudbus.mock;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The faults in force for one vendor. Immutable; JSON-round-trippable through {@link #toJson()} and
 * {@link #merge(JsonObject, Set)}. A zero or false field is off.
 *
 * @param handshakeStatus reject every WebSocket upgrade with this HTTP status (300..599); 0 = off
 * @param silent accept upgrades but never send anything nor read (no pong, no app-level reply): a
 *     half-open socket for the client; also silences sockets already open
 * @param malformedEvery put a malformed JSON frame before every Nth pushed frame of a socket; 0 =
 *     off
 * @param latencyMs delay every REST response and every WebSocket upgrade by this many ms (0..60000)
 * @param acceptThenClose close each socket (code 1000) right after its protocol handshake
 * @param rateLimited answer REST calls with the vendor's rate-limit response
 * @param maxConnectsPerSec reject upgrades beyond N per second with 429; 0 = unlimited
 * @param extra emulation-specific fault fields ({@link VendorEmulation#extraFaultNames()})
 */
public record Faults(
    int handshakeStatus,
    boolean silent,
    int malformedEvery,
    long latencyMs,
    boolean acceptThenClose,
    boolean rateLimited,
    int maxConnectsPerSec,
    JsonObject extra) {

  /** No fault. */
  public static final Faults NONE = new Faults(0, false, 0, 0, false, false, 0, new JsonObject());

  /** The upper bound of {@link #latencyMs}. */
  public static final long MAX_LATENCY_MS = 60_000;

  /** The standard field names. */
  public static final Set<String> STANDARD_NAMES =
      Set.of(
          "handshakeStatus",
          "silent",
          "malformedEvery",
          "latencyMs",
          "acceptThenClose",
          "rateLimited",
          "maxConnectsPerSec");

  public Faults {
    if (handshakeStatus != 0 && (handshakeStatus < 300 || handshakeStatus > 599)) {
      throw new IllegalArgumentException("handshakeStatus must be 0 or 300..599");
    }
    if (malformedEvery < 0) {
      throw new IllegalArgumentException("malformedEvery must be >= 0");
    }
    if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
      throw new IllegalArgumentException("latencyMs must be 0.." + MAX_LATENCY_MS);
    }
    if (maxConnectsPerSec < 0) {
      throw new IllegalArgumentException("maxConnectsPerSec must be >= 0");
    }
    extra = extra == null ? new JsonObject() : extra.copy();
  }

  /** Whether any fault is on. */
  public boolean any() {
    return !equals(NONE);
  }

  /** An emulation-specific fault value, or null. */
  public Object extra(String name) {
    return extra.getValue(name);
  }

  /** A copy of the emulation-specific fault fields. */
  @Override
  public JsonObject extra() {
    return extra.copy();
  }

  /**
   * These faults with the fields of {@code json} applied: a present field sets that fault, a {@code
   * null} value clears it, absent fields stay as they are.
   *
   * @param extraNames the emulation-specific names allowed besides {@link #STANDARD_NAMES}
   * @throws IllegalArgumentException naming the field, for an unknown field or a wrong type/range
   */
  public Faults merge(JsonObject json, Set<String> extraNames) {
    int hs = handshakeStatus;
    boolean sil = silent;
    int mal = malformedEvery;
    long lat = latencyMs;
    boolean atc = acceptThenClose;
    boolean rl = rateLimited;
    int mcps = maxConnectsPerSec;
    JsonObject ext = extra.copy();
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      switch (field) {
        case "handshakeStatus" -> hs = intNumber(field, value);
        case "silent" -> sil = bool(field, value);
        case "malformedEvery" -> mal = intNumber(field, value);
        case "latencyMs" -> lat = number(field, value, 0);
        case "acceptThenClose" -> atc = bool(field, value);
        case "rateLimited" -> rl = bool(field, value);
        case "maxConnectsPerSec" -> mcps = intNumber(field, value);
        default -> {
          if (!extraNames.contains(field)) {
            throw new IllegalArgumentException("unknown fault field: " + field);
          }
          if (value == null) {
            ext.remove(field);
          } else {
            ext.put(field, value);
          }
        }
      }
    }
    try {
      return new Faults(hs, sil, mal, lat, atc, rl, mcps, ext);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad fault value: " + e.getMessage(), e);
    }
  }

  /** Only the fields that are on, plus the extra fields. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (handshakeStatus != 0) {
      json.put("handshakeStatus", handshakeStatus);
    }
    if (silent) {
      json.put("silent", true);
    }
    if (malformedEvery != 0) {
      json.put("malformedEvery", malformedEvery);
    }
    if (latencyMs != 0) {
      json.put("latencyMs", latencyMs);
    }
    if (acceptThenClose) {
      json.put("acceptThenClose", true);
    }
    if (rateLimited) {
      json.put("rateLimited", true);
    }
    if (maxConnectsPerSec != 0) {
      json.put("maxConnectsPerSec", maxConnectsPerSec);
    }
    return json.mergeIn(extra);
  }

  private static int intNumber(String field, Object value) {
    long n = number(field, value, 0);
    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + " is out of range");
    }
    return (int) n;
  }

  private static long number(String field, Object value, long cleared) {
    if (value == null) {
      return cleared;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw new IllegalArgumentException(field + " must be an integer");
  }

  private static boolean bool(String field, Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(field + " must be a boolean");
  }
}

package io.cloudbus.mock.bticino;

import io.vertx.core.json.JsonObject;

/**
 * Tunables of the BTicino emulation (not faults: how the imitated cloud behaves). Mutable, used on
 * the mock cloud's context only; {@code PUT /admin/bticino/settings} merges JSON fields in, reset
 * restores the defaults. Every field is in the JSON form under its own name.
 */
public final class BticinoMockSettings {

  /** The real server pings every ~20 s. */
  public static final long DEFAULT_PING_INTERVAL_MS = 20_000;

  /** Offers are repeated "every few seconds" while ringing. */
  public static final long DEFAULT_OFFER_RETRANSMIT_INTERVAL_MS = 3_000;

  /**
   * How many times an admin-pushed offer is repeated (after the first send) while nothing ends the
   * call: 9 at {@link #DEFAULT_OFFER_RETRANSMIT_INTERVAL_MS} is the real ~30 s ring. Set 0 to turn
   * the quirk off.
   */
  public static final int DEFAULT_OFFER_RETRANSMITS = 9;

  /**
   * Copies of every terminate/rescind, one per push receiver registered on the account (the real
   * cloud broadcasts to each; a phone, a tablet and the bridge's app here). Set 1 to turn the quirk
   * off.
   */
  public static final int DEFAULT_RECEIVERS = 3;

  /** Protocol ping interval of every socket accepted from now on, ms (0 = no pings). */
  public long pingIntervalMs = DEFAULT_PING_INTERVAL_MS;

  public long offerRetransmitIntervalMs = DEFAULT_OFFER_RETRANSMIT_INTERVAL_MS;

  public int offerRetransmits = DEFAULT_OFFER_RETRANSMITS;

  public int receivers = DEFAULT_RECEIVERS;

  /**
   * Whether a socket whose subscribed token stopped being valid is dropped (abort, the client sees
   * 1006), checked at every ping tick: the "hourly drop" of clients that never re-subscribe.
   */
  public boolean dropOnTokenExpiry = true;

  /** Access token lifetime of tokens issued from now on, seconds. */
  public long tokenLifetimeSeconds = 3600;

  /** Whether refreshes rotate the refresh token. */
  public boolean rotateRefreshTokens;

  /**
   * Applies the fields present in {@code json}.
   *
   * @throws IllegalArgumentException naming a field of the wrong type or range, or an unknown one
   */
  public void merge(JsonObject json) {
    for (String field : json.fieldNames()) {
      Object v = json.getValue(field);
      switch (field) {
        case "pingIntervalMs" -> pingIntervalMs = number(field, v, 0);
        case "offerRetransmitIntervalMs" -> offerRetransmitIntervalMs = number(field, v, 10);
        case "offerRetransmits" -> offerRetransmits = (int) number(field, v, 0);
        case "receivers" -> receivers = (int) number(field, v, 1);
        case "dropOnTokenExpiry" -> dropOnTokenExpiry = bool(field, v);
        case "tokenLifetimeSeconds" -> tokenLifetimeSeconds = number(field, v, 1);
        case "rotateRefreshTokens" -> rotateRefreshTokens = bool(field, v);
        default -> throw new IllegalArgumentException("unknown setting: " + field);
      }
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("pingIntervalMs", pingIntervalMs)
        .put("offerRetransmitIntervalMs", offerRetransmitIntervalMs)
        .put("offerRetransmits", offerRetransmits)
        .put("receivers", receivers)
        .put("dropOnTokenExpiry", dropOnTokenExpiry)
        .put("tokenLifetimeSeconds", tokenLifetimeSeconds)
        .put("rotateRefreshTokens", rotateRefreshTokens);
  }

  private static long number(String field, Object v, long min) {
    if (!(v instanceof Number n) || n.longValue() < min || n.longValue() > 100_000_000L) {
      throw new IllegalArgumentException(field + " must be a number >= " + min);
    }
    return n.longValue();
  }

  private static boolean bool(String field, Object v) {
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException(field + " must be a boolean");
    }
    return b;
  }
}

package io.cloudbus.mock.simplisafe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The seeded account of the SimpliSafe emulation: user {@value #USER_ID} with one SS3 system (sid
 * {@value #SID}, base station account {@value #BASE_STATION_ACCOUNT}) and, to exercise the client's
 * filter, a second subscription without a base station (sid {@value #SID_NO_BASE_STATION}) that a
 * client must skip. The shapes follow simplipy's {@code subscriptions_response.json}.
 */
public final class SimpliSafeDemoAccount {

  /** The demo user id, as {@code /v1/api/authCheck} returns it. */
  public static final long USER_ID = 12345;

  /** The demo system (subscription) id. */
  public static final long SID = 98765;

  /** A subscription of the demo user that has no base station (must be skipped). */
  public static final long SID_NO_BASE_STATION = 98766;

  /** The base station's account number (a string, as in the newer fixtures). */
  public static final String BASE_STATION_ACCOUNT = "00011122";

  private SimpliSafeDemoAccount() {}

  /** The body of {@code GET /v1/users/{uid}/subscriptions} for the demo user. */
  static JsonObject subscriptions() {
    return new JsonObject()
        .put("subscriptions", new JsonArray().add(withSystem()).add(withoutBaseStation()));
  }

  /** Whether {@code sid} is a subscription of {@code userId}. */
  static boolean owns(long userId, long sid) {
    return userId == USER_ID && (sid == SID || sid == SID_NO_BASE_STATION);
  }

  private static JsonObject withSystem() {
    JsonObject system =
        new JsonObject()
            .put("serial", "1234ABCD")
            .put("alarmState", "OFF")
            .put("alarmStateTimestamp", 0)
            .put("isAlarming", false)
            .put("version", 3)
            .put("capabilities", new JsonObject().put("setWifiOverCell", true))
            .put("temperature", 67)
            .put("exitDelayRemaining", 60)
            .put("cameras", new JsonArray())
            .put("connType", "wifi")
            .put("stateUpdated", 1601502948)
            .put("messages", new JsonArray())
            .put("powerOutage", false)
            .put("lastPowerOutage", 1595693051)
            .put("lastSuccessfulWifiTS", 1601502946)
            .put("isOffline", false);
    JsonObject location =
        new JsonObject()
            .put("sid", SID)
            .put("uid", USER_ID)
            .put("account", BASE_STATION_ACCOUNT)
            .put("street1", "1234 Main Street")
            .put("city", "Atlantis")
            .put("state", "UN")
            .put("zip", "12345")
            .put("timeZone", 2)
            .put("locationOffset", -360)
            .put("system", system);
    return new JsonObject()
        .put("uid", USER_ID)
        .put("sid", SID)
        .put("sStatus", 20)
        .put("activated", 1445034752)
        .put("planSku", "SSEDSM2")
        .put("planName", "Interactive Monitoring")
        .put("features", new JsonObject().put("monitoring", true).put("alerts", true))
        .put(
            "status",
            new JsonObject()
                .put("hasBaseStation", true)
                .put("isActive", true)
                .put("monitoring", "Active"))
        .put("location", location);
  }

  private static JsonObject withoutBaseStation() {
    return new JsonObject()
        .put("uid", USER_ID)
        .put("sid", SID_NO_BASE_STATION)
        .put("sStatus", 7)
        .put("activated", 0)
        .put("planSku", "SSCAM")
        .put("planName", "Camera Only")
        .put(
            "status",
            new JsonObject()
                .put("hasBaseStation", false)
                .put("isActive", true)
                .put("monitoring", "None"))
        .put(
            "location",
            new JsonObject()
                .put("sid", SID_NO_BASE_STATION)
                .put("uid", USER_ID)
                .put("account", ""));
  }
}

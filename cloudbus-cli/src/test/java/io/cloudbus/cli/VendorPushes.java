package io.cloudbus.cli;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One push per vendor through the mock admin API, with the normalized type each must produce;
 * reuses the demo script so that the demo's shapes are exercised too.
 */
final class VendorPushes {

  private VendorPushes() {}

  /** Admin path below {@code /admin} → body, for each vendor. */
  static Map<String, DemoTraffic.Step> one(String tag) {
    return Map.of(
        "simplisafe",
        DemoTraffic.simplisafe(1400, "System Disarmed by Master PIN", "Keypad " + tag),
        "bticino",
        DemoTraffic.bticino(DemoTraffic.rtc("call-" + tag, "offer")),
        "home-assistant",
        DemoTraffic.homeAssistant("light." + tag, "off", "on"),
        "pylight",
        DemoTraffic.pylight("create", 7, "Widget " + tag));
  }

  /** The CloudEvents type each vendor's push above maps to. */
  static final Map<String, String> TYPES =
      Map.of(
          "simplisafe", "io.cloudbus.security.disarmed",
          "bticino", "io.cloudbus.doorbell.ring",
          "home-assistant", "io.cloudbus.entity.state_changed",
          "pylight", "io.cloudbus.resource.created");

  /** Posts every push to the admin API at {@code adminUrl}; fails on a non-2xx answer. */
  static void pushAll(String adminUrl, String tag) throws Exception {
    for (DemoTraffic.Step step : one(tag).values()) {
      var resp = Http.post(adminUrl + step.path(), String.valueOf(encode(step.body())));
      if (resp.statusCode() / 100 != 2) {
        throw new AssertionError(step.path() + " -> " + resp.statusCode() + " " + resp.body());
      }
    }
  }

  private static String encode(Object body) {
    return body instanceof JsonObject o
        ? o.encode()
        : ((io.vertx.core.json.JsonArray) body).encode();
  }
}

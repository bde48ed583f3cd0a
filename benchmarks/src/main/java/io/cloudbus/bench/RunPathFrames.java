package io.cloudbus.bench;

import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.bticino.BticinoHomeSeed;
import io.cloudbus.mock.simplisafe.SimpliSafeDemoAccount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Real-shaped vendor frames of the {@code run-path} scenario, pushed through the mock's admin API
 * (DESIGN.md): SimpliSafe {@code event.standard} data (about 700 B once the mock wraps it in the
 * real envelope), BTicino {@code BNC1-incoming_call} pushes, Home Assistant {@code state_changed}
 * event messages and Pylight {@code update} frames. Every frame carries a new id (event id, session
 * id, context id, row id), so that the gateway's dedup lets each through as a new event.
 */
final class RunPathFrames {

  /** The vendors of the scenario, in the order they run. */
  static final List<String> VENDORS = List.of("simplisafe", "bticino", "home-assistant", "pylight");

  private RunPathFrames() {}

  /** Pushes frames {@code from .. from+count-1} of {@code vendor}; blocking (driver thread). */
  static void push(MockCloudAdminClient admin, String vendor, long from, int count) {
    JsonArray batch = new JsonArray();
    for (long seq = from; seq < from + count; seq++) {
      batch.add(frame(vendor, seq));
    }
    switch (vendor) {
      case "simplisafe" -> admin.pushSimpliSafe(batch);
      case "bticino" -> admin.pushBticino(batch);
      default -> admin.pushGeneric(vendor, batch);
    }
  }

  /** Frame {@code seq} of {@code vendor}, as the admin API takes it. */
  static JsonObject frame(String vendor, long seq) {
    return switch (vendor) {
      case "simplisafe" -> simpliSafe(seq);
      case "bticino" -> bticino(seq);
      case "home-assistant" -> homeAssistant(seq);
      case "pylight" -> MockAdmin.frame(seq, System.nanoTime());
      default -> throw new IllegalArgumentException("unknown vendor " + vendor);
    };
  }

  private static JsonObject simpliSafe(long seq) {
    return new JsonObject()
        .put("eventTimestamp", 1_632_957_286L + seq)
        .put("eventCid", 1400)
        .put("zoneCid", "1")
        .put("sensorType", 1)
        .put("sensorSerial", "abcdef12")
        .put("account", SimpliSafeDemoAccount.BASE_STATION_ACCOUNT)
        .put("userId", SimpliSafeDemoAccount.USER_ID)
        .put("sid", SimpliSafeDemoAccount.SID)
        .put("info", "System Disarmed by Master PIN")
        .put("pinName", "Master PIN")
        .put("sensorName", "")
        .put("messageSubject", "SimpliSafe System Disarmed")
        .put(
            "messageBody",
            "System Disarmed: Your SimpliSafe security system was disarmed by Keypad Master PIN at"
                + " 1234 Main Street on 9-29-21 at 5:14 pm")
        .put("eventType", "activity")
        .put("timezone", 2)
        .put("locationOffset", -360)
        .put("videoStartedBy", "")
        .put("video", new JsonObject())
        .put("eventId", 16_803_409_109L + seq);
  }

  private static JsonObject bticino(long seq) {
    String session = String.format("bench-%012d-4c5f-9b1e-3f0a6d2c7e81", seq);
    return new JsonObject()
        .put("push_type", "BNC1-incoming_call")
        .put(
            "extra_params",
            new JsonObject()
                .put("event_type", "incoming_call")
                .put("device_id", "00:03:50:d9:a6:3b")
                .put("home_id", BticinoHomeSeed.HOME_ID)
                .put("home_name", "MyHome")
                .put("timestamp", 1_774_877_242L + seq)
                .put("camera_id", "00:03:50:d9:a6:3b")
                .put("event_id", String.format("69ca7a3a%016x", seq))
                .put("subevent_id", String.format("69ca7a3b%016x", seq))
                .put("snapshot_url", "https://example.invalid/snapshot.jpg")
                .put("vignette_url", "https://example.invalid/vignette.jpg")
                .put("session_id", session));
  }

  private static JsonObject homeAssistant(long seq) {
    String contextId = String.format("01JD%022d", seq);
    JsonObject context =
        new JsonObject().put("id", contextId).putNull("parent_id").putNull("user_id");
    JsonObject oldState =
        new JsonObject()
            .put("entity_id", "light.kitchen")
            .put("state", seq % 2 == 0 ? "off" : "on")
            .put(
                "attributes",
                new JsonObject()
                    .put("friendly_name", "Kitchen")
                    .put("supported_color_modes", new JsonArray().add("brightness")))
            .put("last_changed", "2026-11-21T10:00:00.000000+00:00")
            .put("last_updated", "2026-11-21T10:00:00.000000+00:00")
            .put("context", new JsonObject().put("id", String.format("01JC%022d", seq)));
    JsonObject newState =
        new JsonObject()
            .put("entity_id", "light.kitchen")
            .put("state", seq % 2 == 0 ? "on" : "off")
            .put(
                "attributes",
                new JsonObject()
                    .put("friendly_name", "Kitchen")
                    .put("brightness", 255)
                    .put("supported_color_modes", new JsonArray().add("brightness")))
            .put("last_changed", "2026-11-21T10:00:05.000000+00:00")
            .put("last_updated", "2026-11-21T10:00:05.000000+00:00")
            .put("context", context);
    return new JsonObject()
        .put("type", "event")
        .put(
            "event",
            new JsonObject()
                .put("event_type", "state_changed")
                .put(
                    "data",
                    new JsonObject()
                        .put("entity_id", "light.kitchen")
                        .put("old_state", oldState)
                        .put("new_state", newState))
                .put("origin", "LOCAL")
                .put("time_fired", "2026-11-21T10:00:05.000000+00:00")
                .put("context", context.copy()));
  }
}

package io.cloudbus.mock.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admin SimpliSafe events completed to the real cloud's shape; the caller's fields win. */
class SimpliSafeEventDefaultsTest {

  /** The fields simplipy reads without a default (a missing one is its KeyError). */
  private static final List<String> SIMPLIPY_REQUIRED =
      List.of(
          "eventCid",
          "info",
          "sid",
          "eventTimestamp",
          "pinName",
          "sensorName",
          "sensorSerial",
          "sensorType");

  @Test
  void theDocsExampleGetsEveryFieldSimplipyRequires() {
    JsonObject given =
        new JsonObject()
            .put("eventCid", 1400)
            .put("eventId", 16803409109L)
            .put("eventTimestamp", 1632957286)
            .put("userId", 12345)
            .put("sid", 12345)
            .put("info", "System Disarmed by Master PIN");
    JsonObject full = SimpliSafeEventDefaults.complete(given, 98765, 777, "00011122");
    assertThat(full.fieldNames()).containsAll(SIMPLIPY_REQUIRED);
    assertThat(full.getString("pinName")).isEqualTo("Master PIN");
    assertThat(full.getString("eventType")).isEqualTo("activity");
    assertThat(full.getString("videoStartedBy")).isEmpty();
    assertThat(full.getJsonObject("video")).isEmpty();
    assertThat(full.getString("account")).isEqualTo("00011122");
    // the caller's fields win
    assertThat(full.getInteger("sid")).isEqualTo(12345);
    assertThat(full.getInteger("userId")).isEqualTo(12345);
    assertThat(full.getString("messageSubject"))
        .isEqualTo("SimpliSafe System Disarmed by Master PIN");
    assertThat(given.containsKey("pinName")).as("the input is not changed").isFalse();
  }

  @Test
  void defaultsFollowTheCidAndOddValuesAreKept() {
    JsonObject motion =
        SimpliSafeEventDefaults.complete(new JsonObject().put("eventCid", 1170), 98765, 777, "a");
    assertThat(motion.getString("eventType")).isEqualTo("activityCam");
    assertThat(motion.getInteger("sensorType")).isEqualTo(17);
    assertThat(motion.getString("sensorSerial")).hasSize(8);
    assertThat(motion.getLong("sid")).isEqualTo(98765);

    JsonObject odd =
        SimpliSafeEventDefaults.complete(
            new JsonObject().put("eventCid", 0).put("info", "").putNull("pinName"), 1, 2, "a");
    assertThat(odd.getString("info")).isEmpty();
    assertThat(odd.containsKey("pinName")).isTrue();
    assertThat(odd.getValue("pinName")).isNull();
  }
}

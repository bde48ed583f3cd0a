package io.cloudbus.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SimpliSafeDevicesTest {

  @Test
  void v2SensorsSkipEmptySlotsAndKeepTheirV2Fields() {
    // GIVEN a V2 settings body as simplipy reads it: empty objects for unused sensor slots
    JsonObject settings =
        new JsonObject()
            .put(
                "settings",
                new JsonObject()
                    .put(
                        "sensors",
                        new JsonArray()
                            .add(new JsonObject())
                            .add(
                                new JsonObject()
                                    .put("serial", "abc1")
                                    .put("type", 5)
                                    .put("name", "Back door")
                                    .put("battery", "LOW")
                                    .put("error", false)
                                    .put("entryStatus", "open")
                                    .put("instant", true)
                                    .put("sensorData", 32))
                            .add(new JsonObject().put("serial", "abc2").put("battery", "OK"))));
    // WHEN read
    JsonArray sensors = SimpliSafeDevices.v2Sensors(settings).getJsonArray("sensors");
    // THEN the empty slot is skipped and the V2 fields are the sensor's status and flags
    assertThat(sensors).hasSize(2);
    JsonObject first = sensors.getJsonObject(0);
    assertThat(first.getJsonObject("status").getString("entryStatus")).isEqualTo("open");
    assertThat(first.getJsonObject("status").getInteger("sensorData")).isEqualTo(32);
    assertThat(first.getJsonObject("status").getBoolean("instant")).isTrue();
    assertThat(first.getJsonObject("flags").getBoolean("lowBattery")).isTrue();
    assertThat(sensors.getJsonObject(1).getJsonObject("flags").getBoolean("lowBattery")).isFalse();
    assertThat(SimpliSafeDevices.v2Sensors(new JsonObject()).getJsonArray("sensors")).isEmpty();
  }
}

package io.cloudbus.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudbus.core.CloudbusEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private static final String FRAME =
      "{\"type\":\"event\",\"data\":{\"eventId\":12345678901,\"eventCid\":1400,"
          + "\"info\":\"Disarmed by \\\"PIN\\\" \\u00e9t\\u00e9 \\ud83d\\ude00\\n\",\"ok\":true,"
          + "\"none\":null,\"ratio\":0.25,\"neg\":-7,\"huge\":123456789012345678901234567890,"
          + "\"exp\":1.5E10,\"list\":[1,\"two\",{\"three\":3},[],{}],\"empty\":\"\"}}";

  private static JsonObject event(JsonObject data) {
    return CloudbusEvent.builder("simplisafe", "home")
        .id("evt-1")
        .name("alarm.disarmed")
        .subject("system/123")
        .time(Instant.parse("2026-12-07T04:00:00.123Z"))
        .vendorType("1400")
        .data(data)
        .build()
        .toJsonSharingData();
  }

  @Test
  void parsesAsVertxDefaultCodecDoes() {
    // GIVEN a frame with every kind of JSON value
    // WHEN parsed by the hot path's decoder and by Vert.x's default one
    Object fast = EventJson.decodeValue(FRAME);
    Object slow = Json.decodeValue(FRAME);
    // THEN the trees are equal, numbers of the same Java types
    assertEquals(slow, fast);
    JsonObject data = ((JsonObject) fast).getJsonObject("data");
    JsonObject slowData = ((JsonObject) slow).getJsonObject("data");
    for (String key : slowData.fieldNames()) {
      Object expected = slowData.getValue(key);
      if (expected != null) {
        assertEquals(expected.getClass(), data.getValue(key).getClass(), key);
      }
    }
    assertInstanceOf(BigInteger.class, data.getValue("huge"));
    assertInstanceOf(JsonArray.class, EventJson.decodeValue("[{\"a\":1}]"));
  }

  @Test
  void refusesWhatTheDefaultCodecRefuses() {
    for (String bad : new String[] {"{", "{\"a\":1} x", "{\"a\":}", "", "nul"}) {
      assertThrows(DecodeException.class, () -> Json.decodeValue(bad), bad);
      assertThrows(DecodeException.class, () -> EventJson.decodeValue(bad), bad);
    }
  }

  @Test
  void encodesTheSameTextAsJsonObjectEncode() {
    // GIVEN an event whose data is a parsed frame (as the adapters publish it)
    JsonObject frame = (JsonObject) EventJson.decodeValue(FRAME);
    JsonObject json = event(frame.put("built", new JsonObject().put("l", 5L).put("d", 2.0)));
    // WHEN encoded by both codecs, THEN the same text, which parses back to the same event
    assertEquals(json.encode(), EventJson.encode(json));
    assertEquals(Json.encode(frame), EventJson.encode(frame));
    assertEquals(json, new JsonObject(EventJson.encode(json)));
  }

  @Test
  void anEventIsEncodedOnceAndStaysAPlainJsonObject() {
    // GIVEN the JSON of an event
    JsonObject json = event(new JsonObject().put("a", 1));
    // WHEN encoded twice, THEN the very same text
    String first = EventJson.encode(json);
    assertSame(first, EventJson.encode(json));
    // AND it equals a plain JsonObject both ways, and its copy is a plain, equal one
    JsonObject plain = new JsonObject(first);
    assertEquals(plain, json);
    assertEquals(json, plain);
    assertEquals(JsonObject.class, json.getClass());
    assertEquals(json, json.copy());
    assertEquals(plain.hashCode(), json.hashCode());
  }

  @Test
  void aTopLevelChangeDropsTheKeptText() {
    JsonObject json = event(new JsonObject().put("a", 1));
    String before = EventJson.encode(json);
    json.put("extra", "x");
    String afterPut = EventJson.encode(json);
    assertNotSame(before, afterPut);
    assertEquals(json.encode(), afterPut);
    json.remove("extra");
    assertEquals(before, EventJson.encode(json));
    json.clear();
    assertEquals("{}", EventJson.encode(json));
  }

  @Test
  void aPlainObjectIsEncodedEachTime() {
    JsonObject plain = new JsonObject().put("a", 1);
    String first = EventJson.encode(plain);
    plain.put("b", 2);
    assertEquals("{\"a\":1,\"b\":2}", EventJson.encode(plain));
    assertEquals("{\"a\":1}", first);
  }
}

package io.cloudbus.bticino.impl;

import static io.cloudbus.bticino.impl.BticinoPushes.BRIDGE;
import static io.cloudbus.bticino.impl.BticinoPushes.HOME;
import static io.cloudbus.bticino.impl.BticinoPushes.SNAPSHOT;
import static io.cloudbus.bticino.impl.BticinoPushes.VIGNETTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BticinoPushMapperTest {

  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  final BticinoPushMapper mapper =
      new BticinoPushMapper("bticino", "home", new BticinoCallDeduplicator(), () -> NOW);

  CloudbusEvent one(JsonObject push) {
    List<CloudbusEvent> events = mapper.map(push);
    assertThat(events).hasSize(1);
    CloudbusEvent e = events.get(0);
    // every event is valid CloudEvents JSON and keeps the raw payload untouched
    assertThat(CloudbusEvent.fromJson(e.toJson())).isEqualTo(e);
    assertThat(e.data().getJsonObject("raw")).isEqualTo(push);
    assertThat(e.source()).isEqualTo("/cloudbus/bticino/home");
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {"BNC1", "BNCX", "BDIY"})
  void rtcOfferIsARingWithoutUrls(String bridge) {
    // GIVEN an RTC offer  WHEN mapped
    CloudbusEvent e = one(BticinoPushes.rtc(bridge, "offer", "s-1"));
    // THEN
    assertThat(e.name()).isEqualTo(EventTypes.DOORBELL_RING);
    assertThat(e.id()).isEqualTo("s-1:ring");
    assertThat(e.subject()).isEqualTo("s-1");
    assertThat(e.vendorType()).isEqualTo(bridge + "-rtc:offer");
    assertThat(e.time()).isEqualTo(NOW);
    JsonObject d = e.data();
    assertThat(d.getString("session_id")).isEqualTo("s-1");
    assertThat(d.getString("home_id")).isEqualTo(HOME);
    assertThat(d.getString("device_id")).isEqualTo(BRIDGE);
    assertThat(d.getString("bridge")).isEqualTo(BRIDGE);
    assertThat(d.getString("bridge_type")).isEqualTo(bridge);
    assertThat(d.getString("module_id")).isEqualTo("d9a63b-a06f-2ef633a2f733");
    assertThat(d.containsKey("snapshot_url")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"BNC1", "BNCX", "BDIY"})
  void incomingCallIsARingWithUrls(String bridge) {
    CloudbusEvent e = one(BticinoPushes.call(bridge, "incoming_call", "s-2", true));
    assertThat(e.name()).isEqualTo(EventTypes.DOORBELL_RING);
    assertThat(e.id()).isEqualTo("s-2:ring");
    assertThat(e.vendorType()).isEqualTo(bridge + "-incoming_call");
    assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1774877242L));
    assertThat(e.data().getString("snapshot_url")).isEqualTo(SNAPSHOT);
    assertThat(e.data().getString("vignette_url")).isEqualTo(VIGNETTE);
    assertThat(e.data().getString("home_name")).isEqualTo("MyHome");
    assertThat(e.data().getString("event_id")).isEqualTo("69ca7a3aeeefc6e8a1cf8cef");
  }

  @Test
  void acceptedCallAndRescindAreAnswered() {
    CloudbusEvent accepted = one(BticinoPushes.call("BNC1", "accepted_call", "s-3", false));
    assertThat(accepted.name()).isEqualTo(EventTypes.CALL_ANSWERED);
    assertThat(accepted.id()).isEqualTo("s-3:answered");
    CloudbusEvent rescind = one(BticinoPushes.rtc("BNCX", "rescind", "s-4"));
    assertThat(rescind.name()).isEqualTo(EventTypes.CALL_ANSWERED);
    assertThat(rescind.id()).isEqualTo("s-4:answered");
    assertThat(rescind.vendorType()).isEqualTo("BNCX-rtc:rescind");
  }

  @Test
  void missedCallAndTerminate() {
    CloudbusEvent missed = one(BticinoPushes.call("BDIY", "missed_call", "s-5", true));
    assertThat(missed.name()).isEqualTo(EventTypes.CALL_MISSED);
    assertThat(missed.id()).isEqualTo("s-5:missed");
    assertThat(missed.data().getString("snapshot_url")).isEqualTo(SNAPSHOT);
    CloudbusEvent ended = one(BticinoPushes.rtc("BNC1", "terminate", "s-5"));
    assertThat(ended.name()).isEqualTo(EventTypes.CALL_ENDED);
    assertThat(ended.id()).isEqualTo("s-5:ended");
    assertThat(ended.subject()).isEqualTo("s-5");
    // later events of the session carry the images learnt earlier
    assertThat(ended.data().getString("vignette_url")).isEqualTo(VIGNETTE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"BNC1", "BNCX", "BDIY"})
  void connectionAndDisconnection(String bridge) {
    CloudbusEvent down = one(BticinoPushes.status(bridge, "disconnection"));
    assertThat(down.name()).isEqualTo(EventTypes.DEVICE_UNREACHABLE);
    assertThat(down.subject()).isEqualTo(BRIDGE);
    assertThat(down.vendorType()).isEqualTo(bridge + "-disconnection");
    assertThat(down.data().getString("home_id")).isEqualTo(HOME);
    CloudbusEvent up = one(BticinoPushes.status(bridge, "connection"));
    assertThat(up.name()).isEqualTo(EventTypes.DEVICE_RESTORED);
    assertThat(up.subject()).isEqualTo(BRIDGE);
    // no vendor identity: two status pushes are two events
    assertThat(up.id()).isNotEqualTo(down.id());
    assertThat(one(BticinoPushes.status(bridge, "connection")).id()).isNotEqualTo(up.id());
  }

  @Test
  void otherPushesAreUnmappedNotDropped() {
    for (JsonObject push :
        List.of(
            BticinoPushes.status("BNC1", "end_recording"),
            BticinoPushes.status("BNC1", "websocket_connection"),
            new JsonObject().put("push_type", "new_user").put("extra_params", new JsonObject()),
            BticinoPushes.status("BNC1", "brand_new_thing"),
            BticinoPushes.rtc("BNC1", "candidate", "s-9"))) {
      CloudbusEvent e = one(push);
      assertThat(e.name()).isEqualTo(EventTypes.UNMAPPED);
      assertThat(e.vendorType()).startsWith(push.getString("push_type"));
    }
  }

  @Test
  void oddShapesStillBecomeEvents() {
    // GIVEN pushes with wrong types and missing fields
    List<JsonObject> odd =
        List.of(
            new JsonObject().put("push_type", 42),
            new JsonObject().put("push_type", "BNC1-incoming_call").put("extra_params", "nope"),
            new JsonObject()
                .put("push_type", "BNC1-rtc")
                .put("extra_params", new JsonObject().put("data", new JsonArray())),
            new JsonObject().put("type", "push").put("data", new JsonObject().put("event", "call")),
            new JsonObject().put("error", new JsonObject().put("code", 11)));
    // THEN none throws, each gives one event
    for (JsonObject push : odd) {
      assertThat(one(push).id()).isNotBlank();
    }
  }

  @Test
  void subscribeAckIsNotAnEvent() {
    assertThat(mapper.map(new JsonObject().put("status", "ok"))).isEmpty();
    assertThat(BticinoPushMapper.isSubscribeAck(new JsonObject().put("status", "ok"))).isTrue();
    assertThat(
            BticinoPushMapper.isSubscribeError(
                new JsonObject().put("error", new JsonObject().put("code", 11))))
        .isTrue();
  }

  @Test
  void timestampFromEnvelope() {
    JsonObject push =
        BticinoPushes.rtc("BNC1", "offer", "s-10")
            .put("Timestamp", new JsonObject().put("sec", 1700000000L).put("usec", 0));
    assertThat(one(push).time()).isEqualTo(Instant.ofEpochSecond(1700000000L));
  }
}

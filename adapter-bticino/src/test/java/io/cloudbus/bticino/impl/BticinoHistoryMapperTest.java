package io.cloudbus.bticino.impl;

import static io.cloudbus.bticino.impl.BticinoPushes.BRIDGE;
import static io.cloudbus.bticino.impl.BticinoPushes.HOME;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BticinoHistoryMapperTest {

  final BticinoCallDeduplicator calls = new BticinoCallDeduplicator();
  final BticinoPushMapper push =
      new BticinoPushMapper("bticino", "home", calls, () -> Instant.EPOCH);
  final BticinoHistoryMapper history = new BticinoHistoryMapper(push, () -> Instant.EPOCH);

  static JsonObject outdoor(String id, long time, String subType, String sessionId) {
    return new JsonObject()
        .put("id", id)
        .put("type", "outdoor")
        .put("time", time)
        .put("module_id", BRIDGE)
        .put("video_status", "available")
        .put(
            "subevents",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("id", id + "s")
                        .put("type", subType)
                        .put("time", time)
                        .put("verified", true)
                        .put("session_id", sessionId)
                        .put("offset", 0)
                        .put("snapshot", new JsonObject().put("url", "https://s/" + sessionId))
                        .put("vignette", new JsonObject().put("url", "https://v/" + sessionId))));
  }

  static JsonObject response(JsonObject... newestFirst) {
    JsonArray events = new JsonArray();
    for (JsonObject e : newestFirst) {
      events.add(e);
    }
    return new JsonObject()
        .put("status", "ok")
        .put(
            "body",
            new JsonObject().put("home", new JsonObject().put("id", HOME).put("events", events)));
  }

  @Test
  void callsOldestFirstWithPushIds() {
    // GIVEN history newest first, with a connection entry in between
    JsonObject resp =
        response(
            outdoor("e3", 300, "accepted_call", "s-2"),
            outdoor("e2", 200, "incoming_call", "s-2"),
            new JsonObject().put("id", "c1").put("type", "connection").put("time", 150),
            outdoor("e1", 100, "missed_call", "s-1"));
    // WHEN mapped
    List<CloudbusEvent> events = history.map(HOME, resp);
    // THEN calls only, oldest first, ids as for pushes
    assertThat(events)
        .extracting(CloudbusEvent::id)
        .containsExactly("s-1:missed", "s-2:ring", "s-2:answered");
    CloudbusEvent ring = events.get(1);
    assertThat(ring.name()).isEqualTo(EventTypes.DOORBELL_RING);
    assertThat(ring.time()).isEqualTo(Instant.ofEpochSecond(200));
    assertThat(ring.data().getString("snapshot_url")).isEqualTo("https://s/s-2");
    assertThat(ring.data().getString("home_id")).isEqualTo(HOME);
    assertThat(ring.data().getBoolean("catch_up")).isTrue();
    assertThat(ring.data().getJsonObject("raw").getString("id")).isEqualTo("e2");
  }

  @Test
  void pushedCallsAreNotRepeatedAndHistoryIsIdempotent() {
    // GIVEN a ring that was pushed (with images)
    assertThat(push.map(BticinoPushes.call("BNC1", "incoming_call", "s-1", true))).hasSize(1);
    JsonObject resp =
        response(
            outdoor("e2", 200, "missed_call", "s-1"), outdoor("e1", 100, "incoming_call", "s-1"));
    // WHEN history is fetched twice
    List<CloudbusEvent> first = history.map(HOME, resp);
    List<CloudbusEvent> second = history.map(HOME, resp);
    // THEN only the missed call is new, once
    assertThat(first).extracting(CloudbusEvent::id).containsExactly("s-1:missed");
    assertThat(second).isEmpty();
  }

  @Test
  void malformedResponsesGiveNothing() {
    assertThat(history.map(HOME, new JsonObject())).isEmpty();
    assertThat(history.map(HOME, new JsonObject().put("body", "x"))).isEmpty();
    assertThat(history.map(HOME, null)).isEmpty();
    JsonObject odd =
        response(new JsonObject().put("type", "outdoor").put("subevents", new JsonArray().add(5)));
    assertThat(history.map(HOME, odd)).isEmpty();
  }
}

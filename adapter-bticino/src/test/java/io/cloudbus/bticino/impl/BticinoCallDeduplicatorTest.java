package io.cloudbus.bticino.impl;

import static io.cloudbus.bticino.impl.BticinoPushes.SNAPSHOT;
import static io.cloudbus.bticino.impl.BticinoPushes.VIGNETTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.bticino.impl.BticinoCallDeduplicator.Kind;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventTypes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The call-session dedup cases of the protocol notes, through the mapper. */
class BticinoCallDeduplicatorTest {

  final BticinoCallDeduplicator calls = new BticinoCallDeduplicator();
  final BticinoPushMapper mapper =
      new BticinoPushMapper("bticino", "home", calls, () -> Instant.EPOCH);

  List<CloudbusEvent> mapAll(JsonObject... pushes) {
    List<CloudbusEvent> out = new ArrayList<>();
    for (JsonObject p : pushes) {
      out.addAll(mapper.map(p));
    }
    return out;
  }

  @Test
  void offerRetransmitsGiveOneRing() {
    // GIVEN an offer retransmitted five times
    JsonObject offer = BticinoPushes.rtc("BNC1", "offer", "s-1");
    // WHEN mapped
    List<CloudbusEvent> events = mapAll(offer, offer, offer, offer, offer);
    // THEN one ring
    assertThat(events).extracting(CloudbusEvent::id).containsExactly("s-1:ring");
  }

  @Test
  void offerThenIncomingCallGivesOneRingPlusImages() {
    List<CloudbusEvent> events =
        mapAll(
            BticinoPushes.rtc("BNC1", "offer", "s-2"),
            BticinoPushes.call("BNC1", "incoming_call", "s-2", true),
            BticinoPushes.rtc("BNC1", "offer", "s-2"),
            BticinoPushes.call("BNC1", "incoming_call", "s-2", true));
    assertThat(events).extracting(CloudbusEvent::id).containsExactly("s-2:ring", "s-2:media");
    assertThat(events.get(0).data().containsKey("snapshot_url")).isFalse();
    CloudbusEvent media = events.get(1);
    assertThat(media.name()).isEqualTo(EventTypes.UNMAPPED);
    assertThat(media.data().getString("enriches")).isEqualTo("s-2:ring");
    assertThat(media.data().getString("snapshot_url")).isEqualTo(SNAPSHOT);
    assertThat(media.data().getString("vignette_url")).isEqualTo(VIGNETTE);
    assertThat(events).filteredOn(e -> e.name().equals(EventTypes.DOORBELL_RING)).hasSize(1);
  }

  @Test
  void incomingCallThenOfferGivesOneRingWithImages() {
    List<CloudbusEvent> events =
        mapAll(
            BticinoPushes.call("BNCX", "incoming_call", "s-3", true),
            BticinoPushes.rtc("BNCX", "offer", "s-3"),
            BticinoPushes.rtc("BNCX", "offer", "s-3"));
    assertThat(events).extracting(CloudbusEvent::id).containsExactly("s-3:ring");
    assertThat(events.get(0).data().getString("snapshot_url")).isEqualTo(SNAPSHOT);
  }

  @Test
  void incomingCallOnlyBridgeRingsOnce() {
    // BDIY/BNCX may send only incoming_call, no RTC offer
    List<CloudbusEvent> events =
        mapAll(
            BticinoPushes.call("BDIY", "incoming_call", "s-4", true),
            BticinoPushes.call("BDIY", "incoming_call", "s-4", true),
            BticinoPushes.call("BDIY", "missed_call", "s-4", false));
    assertThat(events).extracting(CloudbusEvent::id).containsExactly("s-4:ring", "s-4:missed");
  }

  @Test
  void duplicateTerminatesAndRescindsGiveOneEventEach() {
    // six registered receivers: six copies of each
    List<JsonObject> pushes = new ArrayList<>();
    pushes.add(BticinoPushes.rtc("BNC1", "offer", "s-5"));
    for (int i = 0; i < 6; i++) {
      pushes.add(BticinoPushes.rtc("BNC1", "rescind", "s-5").put("_id", "copy" + i));
    }
    pushes.add(BticinoPushes.call("BNC1", "accepted_call", "s-5", false));
    for (int i = 0; i < 6; i++) {
      pushes.add(BticinoPushes.rtc("BNC1", "terminate", "s-5").put("_id", "copy" + i));
    }
    List<CloudbusEvent> events = mapAll(pushes.toArray(JsonObject[]::new));
    assertThat(events)
        .extracting(CloudbusEvent::id)
        .containsExactly("s-5:ring", "s-5:answered", "s-5:ended");
  }

  @Test
  void sessionsAreIndependent() {
    List<CloudbusEvent> events =
        mapAll(
            BticinoPushes.rtc("BNC1", "offer", "a"),
            BticinoPushes.rtc("BNC1", "offer", "b"),
            BticinoPushes.rtc("BNC1", "terminate", "a"),
            BticinoPushes.rtc("BNC1", "terminate", "b"));
    assertThat(events)
        .extracting(CloudbusEvent::id)
        .containsExactly("a:ring", "b:ring", "a:ended", "b:ended");
  }

  @Test
  void forgetsAfterTtlAndStaysBounded() {
    // GIVEN a controllable clock
    AtomicLong nanos = new AtomicLong();
    BticinoCallDeduplicator d = new BticinoCallDeduplicator(Duration.ofMinutes(10), 3, nanos::get);
    assertThat(d.first("x", Kind.RING)).isTrue();
    assertThat(d.first("x", Kind.RING)).isFalse();
    // WHEN the ttl passes
    nanos.addAndGet(Duration.ofMinutes(11).toNanos());
    // THEN the session is forgotten (the core's id cache still guards late repeats)
    assertThat(d.emitted("x", Kind.RING)).isFalse();
    for (int i = 0; i < 10; i++) {
      d.first("s" + i, Kind.RING);
    }
    assertThat(d.size()).isLessThanOrEqualTo(3);
  }
}

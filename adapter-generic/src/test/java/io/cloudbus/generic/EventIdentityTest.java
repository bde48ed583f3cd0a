package io.cloudbus.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.generic.impl.ProfileEventMapper;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Event identity of the generic profiles: Pylight frames that repeat byte for byte are distinct
 * events; Home Assistant events are named by their context; content dedup still merges true
 * retransmissions.
 */
class EventIdentityTest {

  private static final JsonObject VARS =
      new JsonObject().put("vendor", "v").put("account", "home").put("config", new JsonObject());

  private static String id(ProfileEventMapper m, String frame) {
    List<CloudbusEvent> events = m.toEvents(new JsonObject(frame));
    assertThat(events).hasSize(1);
    return events.get(0).id();
  }

  @Test
  void pylightFramesThatRepeatByteForByteAreDistinctEventsAcrossConnections() {
    // GIVEN the shipped pylight profile
    ProfileEventMapper m =
        new ProfileEventMapper(VendorProfile.load("pylight"), "pylight", "products", VARS);
    String price12 =
        "{\"type\":\"update\",\"model\":\"products\",\"data\":{\"id\":1,\"price\":12}}";
    String price11 =
        "{\"type\":\"update\",\"model\":\"products\",\"data\":{\"id\":1,\"price\":11}}";

    // WHEN "12, back to 11, 12 again, 11 again" arrive, then the same after a reconnect
    Set<String> ids = new HashSet<>();
    for (String f : List.of(price12, price11, price12, price11)) {
      ids.add(id(m, f));
    }
    m.newConnection();
    for (String f : List.of(price12, price11, price12, price11)) {
      ids.add(id(m, f));
    }

    // THEN all eight are distinct events
    assertThat(ids).hasSize(8);
  }

  @Test
  void pylightIdsBeginWithTheReceiveTimeSoThatTheySortByTimeAcrossAccounts() {
    // GIVEN two accounts, the first connected a millisecond or more before the second, and both
    // before any frame arrives
    ProfileEventMapper earlier =
        new ProfileEventMapper(VendorProfile.load("pylight"), "pylight", "products", VARS);
    nextMillisecond();
    ProfileEventMapper later =
        new ProfileEventMapper(VendorProfile.load("pylight"), "pylight", "orders", VARS);
    nextMillisecond();
    String frame = "{\"type\":\"update\",\"model\":\"products\",\"data\":{\"id\":1}}";

    // WHEN the later connection receives a frame, and then the earlier one
    long beforeFirst = System.currentTimeMillis();
    String first = id(later, frame);
    long afterFirst = System.currentTimeMillis();
    nextMillisecond();
    String second = id(earlier, frame);

    // THEN each id starts with its receive time (not its connection's), in base 36, and the second
    // sorts after the first
    long stamp = Long.parseLong(first.substring(0, first.indexOf('-')), 36);
    assertThat(stamp).isBetween(beforeFirst, afterFirst);
    assertThat(second).isGreaterThan(first);
  }

  private static void nextMillisecond() {
    long now = System.currentTimeMillis();
    await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > now);
  }

  @Test
  void homeAssistantEventsAreNamedByTheirContextAndRetransmissionsMerge() {
    ProfileEventMapper m =
        new ProfileEventMapper(
            VendorProfile.load("home-assistant"), "home-assistant", "home", VARS);
    String lamp =
        "{\"type\":\"event\",\"id\":3,\"event\":{\"event_type\":\"state_changed\","
            + "\"time_fired\":\"2026-01-01T00:00:00.000001+00:00\","
            + "\"context\":{\"id\":\"01HCTX\",\"user_id\":null},"
            + "\"data\":{\"entity_id\":\"light.lamp\",\"new_state\":{\"state\":\"on\"}}}}";
    String other = lamp.replace("light.lamp", "light.desk");
    // the same event through a second subscription (another subscription id)
    String again = lamp.replace("\"id\":3", "\"id\":4");

    assertThat(id(m, lamp)).isEqualTo("01HCTX:light.lamp:2026-01-01T00:00:00.000001+00:00");
    assertThat(id(m, other)).isNotEqualTo(id(m, lamp));
    assertThat(id(m, again)).isEqualTo(id(m, lamp));

    // a server that sends no context: the content names the event, retransmissions still merge
    String noContext = lamp.replace(",\"context\":{\"id\":\"01HCTX\",\"user_id\":null}", "");
    String noContextAgain = noContext.replace("\"id\":3", "\"id\":4");
    assertThat(id(m, noContext)).doesNotContain(":").isEqualTo(id(m, noContextAgain));
  }

  @Test
  void aProfileWithContentDedupMergesRetransmissionsAndOneWithNoneDoesNot() {
    String profile =
        "vendor: acme\n"
            + "connection: {url: \"ws://localhost\"}\n"
            + "%s"
            + "mapping:\n"
            + "  - match: {/kind: alert}\n"
            + "    name: alarm.triggered\n";
    String frame = "{\"kind\":\"alert\",\"zone\":2}";
    ProfileEventMapper content =
        new ProfileEventMapper(
            VendorProfile.parse("acme.yaml", String.format(profile, "dedup: content\n")),
            "acme",
            "home",
            VARS);
    ProfileEventMapper none =
        new ProfileEventMapper(
            VendorProfile.parse("acme.yaml", String.format(profile, "dedup: none\n")),
            "acme",
            "home",
            VARS);
    assertThat(id(content, frame)).isEqualTo(id(content, frame));
    assertThat(id(none, frame)).isNotEqualTo(id(none, frame));
    assertThatThrownBy(
            () -> VendorProfile.parse("acme.yaml", String.format(profile, "dedup: sometimes\n")))
        .hasMessageContaining("dedup");
  }

  @Test
  void theShippedProfilesReconnectWithinFiveSecondsAndResetTheirBackoff() {
    for (String name : java.util.List.of("home-assistant", "pylight")) {
      JsonObject socket = VendorProfile.load(name).socket();
      assertThat(socket.getLong("reconnectMaxDelayMs")).as(name).isEqualTo(5000L);
      assertThat(socket.getLong("stableAfterMs")).as(name).isEqualTo(10000L);
    }
    assertThat(VendorProfile.load("pylight").dedup()).isEqualTo(VendorProfile.Dedup.NONE);
    assertThat(VendorProfile.load("home-assistant").dedup()).isEqualTo(VendorProfile.Dedup.CONTENT);
  }
}

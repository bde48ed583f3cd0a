package io.cloudbus.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimpliSafeEventMapperTest {

  private final SimpliSafeEventMapper mapper = new SimpliSafeEventMapper("home");

  /** The disarm event of simplipy's ws_message_event_data.json fixture (trimmed). */
  static JsonObject disarmFixture() {
    return new JsonObject(
        "{\"eventTimestamp\":1632957286,\"eventCid\":1400,\"zoneCid\":\"1\",\"sensorType\":1,"
            + "\"sensorSerial\":\"abcdef12\",\"account\":\"abcdef12\",\"userId\":12345,"
            + "\"sid\":12345,\"info\":\"System Disarmed by Master PIN\",\"pinName\":\"Master PIN\","
            + "\"sensorName\":\"\",\"messageSubject\":\"SimpliSafe System Disarmed\","
            + "\"eventType\":\"activity\",\"timezone\":2,\"locationOffset\":-360,"
            + "\"eventId\":16803409109}");
  }

  static JsonObject motionFixture(String playbackRel, String playbackUrl) {
    JsonObject links =
        new JsonObject()
            .put("snapshot/jpg", new JsonObject().put("href", "https://image-url{&width}"))
            .put("download/mp4", new JsonObject().put("href", "https://clip-url"))
            .put(playbackRel, new JsonObject().put("href", playbackUrl));
    return new JsonObject()
        .put("eventId", 17000000001L)
        .put("eventTimestamp", 1632957300)
        .put("eventCid", 1170)
        .put("sensorType", 17)
        .put("sensorSerial", "cam01")
        .put("sensorName", "Front Yard")
        .put("sid", 12345)
        .put("eventType", "activityCam")
        .put("videoStartedBy", "6172311af9da430ab2e11c59f11b6abd")
        .put(
            "video",
            new JsonObject()
                .put(
                    "6172311af9da430ab2e11c59f11b6abd",
                    new JsonObject().put("clipId", "1").put("_links", links)));
  }

  static Stream<Arguments> cidTable() {
    return Stream.of(
        Arguments.of(1110, EventTypes.ALARM_TRIGGERED),
        Arguments.of(1120, EventTypes.ALARM_TRIGGERED),
        Arguments.of(1132, EventTypes.ALARM_TRIGGERED),
        Arguments.of(1134, EventTypes.ALARM_TRIGGERED),
        Arguments.of(1154, EventTypes.ALARM_TRIGGERED),
        Arguments.of(1159, EventTypes.ALARM_TRIGGERED),
        Arguments.of(1162, EventTypes.ALARM_TRIGGERED),
        Arguments.of(1409, EventTypes.ALARM_TRIGGERED),
        Arguments.of(1406, EventTypes.ALARM_CANCELED),
        Arguments.of(1400, EventTypes.SECURITY_DISARMED),
        Arguments.of(1407, EventTypes.SECURITY_DISARMED),
        Arguments.of(3401, EventTypes.SECURITY_ARMED_AWAY),
        Arguments.of(3407, EventTypes.SECURITY_ARMED_AWAY),
        Arguments.of(3481, EventTypes.SECURITY_ARMED_AWAY),
        Arguments.of(3487, EventTypes.SECURITY_ARMED_AWAY),
        Arguments.of(3441, EventTypes.SECURITY_ARMED_HOME),
        Arguments.of(3491, EventTypes.SECURITY_ARMED_HOME),
        Arguments.of(9401, EventTypes.SECURITY_EXIT_DELAY),
        Arguments.of(9407, EventTypes.SECURITY_EXIT_DELAY),
        Arguments.of(9441, EventTypes.SECURITY_EXIT_DELAY),
        Arguments.of(1429, EventTypes.SECURITY_ENTRY_DELAY),
        Arguments.of(1458, EventTypes.DOORBELL_RING),
        Arguments.of(1170, EventTypes.CAMERA_MOTION),
        Arguments.of(1381, EventTypes.DEVICE_UNREACHABLE),
        Arguments.of(3381, EventTypes.DEVICE_RESTORED),
        Arguments.of(1301, EventTypes.SYSTEM_POWER_LOST),
        Arguments.of(3301, EventTypes.SYSTEM_POWER_RESTORED),
        Arguments.of(1350, EventTypes.SYSTEM_CONNECTION_LOST),
        Arguments.of(3350, EventTypes.SYSTEM_CONNECTION_RESTORED),
        Arguments.of(1601, EventTypes.SYSTEM_TEST),
        Arguments.of(1602, EventTypes.SYSTEM_TEST),
        Arguments.of(1604, EventTypes.SYSTEM_TEST),
        Arguments.of(9700, EventTypes.LOCK_UNLOCKED),
        Arguments.of(9701, EventTypes.LOCK_LOCKED),
        Arguments.of(9703, EventTypes.LOCK_ERROR));
  }

  @ParameterizedTest(name = "CID {0} -> {1}")
  @MethodSource("cidTable")
  void everyCidOfTheDesignTableMapsToItsType(int cid, String name) {
    CloudbusEvent event = mapper.map(disarmFixture().put("eventCid", cid)).orElseThrow();

    assertThat(event.name()).isEqualTo(name);
    assertThat(event.type()).isEqualTo("io.cloudbus." + name);
    assertThat(event.vendorType()).isEqualTo(Integer.toString(cid));
    assertThat(event.data().getLong("cid")).isEqualTo(cid);
  }

  @Test
  void theTableHoldsExactlyTheDesignCids() {
    Map<Long, String> table = SimpliSafeEventMapper.cidTable();
    assertThat(table).hasSize((int) cidTable().count());
    cidTable()
        .forEach(
            a ->
                assertThat(table)
                    .containsEntry(((Integer) a.get()[0]).longValue(), (String) a.get()[1]));
  }

  @Test
  void fixtureDisarmEventIsFullyNormalized() {
    // GIVEN simplipy's websocket event fixture
    JsonObject raw = disarmFixture();

    // WHEN
    CloudbusEvent event = mapper.map(raw).orElseThrow();

    // THEN
    assertThat(event.id()).isEqualTo("simplisafe-16803409109");
    assertThat(event.time()).isEqualTo(Instant.parse("2021-09-29T23:14:46Z"));
    assertThat(event.subject()).isEqualTo("abcdef12");
    assertThat(event.source()).isEqualTo("/cloudbus/simplisafe/home");
    JsonObject data = event.data();
    assertThat(data.getLong("sid")).isEqualTo(12345L);
    assertThat(data.getLong("userId")).isEqualTo(12345L);
    assertThat(data.getString("account")).isEqualTo("abcdef12");
    assertThat(data.getLong("sensorType")).isEqualTo(1L);
    assertThat(data.getString("sensorTypeName")).isEqualTo("keypad");
    assertThat(data.getString("pinName")).isEqualTo("Master PIN");
    assertThat(data.getString("info")).isEqualTo("System Disarmed by Master PIN");
    assertThat(data.getString("sensorName")).isEmpty();
    assertThat(data.containsKey("media")).isFalse();
    assertThat(data.getJsonObject("raw")).isEqualTo(raw);
    JsonObject json = event.toJson();
    assertThat(json.getString("specversion")).isEqualTo("1.0");
    assertThat(json.getString("vendortype")).isEqualTo("1400");
    assertThat(json.getString("vendor")).isEqualTo("simplisafe");
  }

  @Test
  void sameVendorEventAlwaysGetsTheSameId() {
    assertThat(mapper.map(disarmFixture()).orElseThrow().id())
        .isEqualTo(mapper.map(disarmFixture().put("eventId", "16803409109")).orElseThrow().id());
  }

  @Test
  void motionEventCarriesHlsMedia() {
    CloudbusEvent event =
        mapper.map(motionFixture("playback/hls", "https://hls-url")).orElseThrow();

    assertThat(event.name()).isEqualTo(EventTypes.CAMERA_MOTION);
    assertThat(event.data().getJsonObject("media"))
        .isEqualTo(
            new JsonObject()
                .put("image", "https://image-url")
                .put("clip", "https://clip-url")
                .put("hls", "https://hls-url"));
    assertThat(event.data().getString("sensorTypeName")).isEqualTo("outdoor_camera");
  }

  @Test
  void motionEventWithFlvInsteadOfHlsSurvives() {
    // simplipy #1144: a camera sending playback/flv killed the listener
    CloudbusEvent event =
        mapper.map(motionFixture("playback/flv", "https://flv-url")).orElseThrow();

    JsonObject media = event.data().getJsonObject("media");
    assertThat(media.getString("flv")).isEqualTo("https://flv-url");
    assertThat(media.containsKey("hls")).isFalse();
  }

  @Test
  void videoWithoutLinksOrOddShapesGivesNoMedia() {
    JsonObject noLinks =
        motionFixture("playback/hls", "x")
            .put("video", new JsonObject().put("abc", new JsonObject().put("clipId", "1")));
    JsonObject videoString = disarmFixture().put("video", "not an object");
    JsonObject linkNotObject =
        motionFixture("playback/hls", "x")
            .put(
                "video",
                new JsonObject()
                    .put("abc", new JsonObject().put("_links", new JsonArray().add("x"))));

    assertThat(mapper.map(noLinks).orElseThrow().data().containsKey("media")).isFalse();
    assertThat(mapper.map(videoString).orElseThrow().data().containsKey("media")).isFalse();
    assertThat(mapper.map(linkNotObject).orElseThrow().data().containsKey("media")).isFalse();
  }

  @Test
  void numbersAsStringsAndAccountAsNumberAreAccepted() {
    JsonObject odd =
        new JsonObject()
            .put("eventId", "2921814837")
            .put("eventTimestamp", "1534720376")
            .put("eventCid", "3401")
            .put("sensorType", "1")
            .put("sid", "12345")
            .put("account", 12345)
            .put("sensorSerial", "123");

    CloudbusEvent event = mapper.map(odd).orElseThrow();

    assertThat(event.name()).isEqualTo(EventTypes.SECURITY_ARMED_AWAY);
    assertThat(event.time()).isEqualTo(Instant.ofEpochSecond(1534720376L));
    assertThat(event.data().getString("account")).isEqualTo("12345");
    assertThat(event.data().getLong("sid")).isEqualTo(12345L);
    assertThat(event.data().getLong("sensorType")).isEqualTo(1L);
  }

  @Test
  void unknownCidIsDeliveredAsUnmappedKeepingTheNumber() {
    CloudbusEvent event = mapper.map(disarmFixture().put("eventCid", 1609)).orElseThrow();

    assertThat(event.name()).isEqualTo(EventTypes.UNMAPPED);
    assertThat(event.vendorType()).isEqualTo("1609");
    assertThat(event.data().getLong("cid")).isEqualTo(1609L);
  }

  @Test
  void cidZeroWithEmptyInfoAndUnknownSensorTypeIsUnmapped() {
    // simplipy #1016: CID 0, empty info, device type 21
    JsonObject raw =
        new JsonObject()
            .put("eventId", 5)
            .put("eventCid", 0)
            .put("info", "")
            .put("sensorType", 21)
            .put("sid", 12345);

    CloudbusEvent event = mapper.map(raw).orElseThrow();

    assertThat(event.name()).isEqualTo(EventTypes.UNMAPPED);
    assertThat(event.vendorType()).isEqualTo("0");
    assertThat(event.data().getLong("sensorType")).isEqualTo(21L);
    assertThat(event.data().containsKey("sensorTypeName")).isFalse();
    assertThat(event.subject()).isEqualTo("12345");
  }

  @Test
  void systemEventWithoutSensorFieldsUsesTheSidAsSubject() {
    JsonObject raw = new JsonObject().put("eventId", 7).put("eventCid", 1350).put("sid", 777);

    CloudbusEvent event = mapper.map(raw).orElseThrow();

    assertThat(event.subject()).isEqualTo("777");
    assertThat(event.name()).isEqualTo(EventTypes.SYSTEM_CONNECTION_LOST);
    assertThat(event.data().containsKey("sensorType")).isFalse();
  }

  @Test
  void missingCidIsUnmappedWithoutVendorType() {
    CloudbusEvent event = mapper.map(new JsonObject().put("eventId", 8)).orElseThrow();

    assertThat(event.name()).isEqualTo(EventTypes.UNMAPPED);
    assertThat(event.vendorType()).isNull();
    assertThat(event.subject()).isNull();
  }

  @Test
  void wrongTypesEverywhereNeverThrow() {
    JsonObject weird =
        new JsonObject()
            .put("eventId", 9)
            .put("eventCid", new JsonObject())
            .put("eventTimestamp", "yesterday")
            .put("sensorType", new JsonArray())
            .put("sensorSerial", 42)
            .put("info", new JsonObject())
            .put("sid", true)
            .put("videoStartedBy", new JsonObject())
            .put("video", new JsonObject().put("x", "y"));

    CloudbusEvent event = mapper.map(weird).orElseThrow();

    assertThat(event.name()).isEqualTo(EventTypes.UNMAPPED);
    assertThat(event.subject()).isEqualTo("42");
    assertThat(event.data().containsKey("info")).isFalse();
  }

  @Test
  void eventWithoutUsableEventIdCannotBeMapped() {
    assertThat(mapper.map(new JsonObject().put("eventCid", 1400))).isEmpty();
    assertThat(mapper.map(new JsonObject().put("eventId", "abc"))).isEmpty();
    assertThat(mapper.map(new JsonObject().put("eventId", new JsonObject()))).isEmpty();
    assertThat(mapper.map(null)).isEmpty();
  }
}

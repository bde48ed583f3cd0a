package io.cloudbus.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimpliSafeProtocolTest {

  @Test
  void identifyHasTheRealShape() {
    JsonObject msg =
        SimpliSafeProtocol.identify("tok", 428836, Instant.parse("2024-04-22T19:13:12Z"));

    assertThat(msg.getString("type")).isEqualTo("com.simplisafe.connection.identify");
    assertThat(msg.getString("id")).isEqualTo("ts:1713813192000");
    assertThat(msg.getString("time")).isEqualTo("2024-04-22T19:13:12.000Z");
    assertThat(msg.getString("specversion")).isEqualTo("1.0");
    assertThat(msg.getString("datacontenttype")).isEqualTo("application/json");
    assertThat(msg.getString("source")).isEqualTo(SimpliSafeProtocol.USER_AGENT);
    assertThat(msg.getJsonObject("data").getJsonObject("auth"))
        .isEqualTo(new JsonObject().put("schema", "bearer").put("token", "tok"));
    assertThat(msg.getJsonObject("data").getJsonArray("join"))
        .isEqualTo(new JsonArray().add("uid:428836"));
  }

  @Test
  void bothSubscribedNamesAreAccepted() {
    assertThat(
            SimpliSafeProtocol.isSubscribed(
                new JsonObject().put("type", "com.simplisafe.namespace.subscribed")))
        .isTrue();
    assertThat(
            SimpliSafeProtocol.isSubscribed(
                new JsonObject().put("type", "com.simplisafe.service.subscribed")))
        .isTrue();
    assertThat(
            SimpliSafeProtocol.isSubscribed(
                new JsonObject().put("type", "com.simplisafe.service.registered")))
        .isFalse();
    assertThat(SimpliSafeProtocol.isSubscribed(new JsonObject().put("type", 5))).isFalse();
  }

  @Test
  void subscriptionsWithoutBaseStationOrSystemAreSkipped() {
    JsonObject withSystem =
        new JsonObject()
            .put("sid", 1)
            .put("status", new JsonObject().put("hasBaseStation", true))
            .put("location", new JsonObject().put("system", new JsonObject()));
    JsonObject noBase =
        withSystem
            .copy()
            .put("sid", 2)
            .put("status", new JsonObject().put("hasBaseStation", false));
    JsonObject noSystem = withSystem.copy().put("sid", "3").put("location", new JsonObject());
    JsonObject sidAsString = withSystem.copy().put("sid", "4");
    JsonObject body =
        new JsonObject()
            .put(
                "subscriptions",
                new JsonArray().add(withSystem).add(noBase).add(noSystem).add(sidAsString).add(7));

    assertThat(SimpliSafeApi.systemsOf(body)).isEqualTo(List.of(1L, 4L));
    assertThat(SimpliSafeApi.systemsOf(new JsonObject())).isEmpty();
  }
}

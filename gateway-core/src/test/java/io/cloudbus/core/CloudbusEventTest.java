package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CloudbusEventTest {

  @Test
  void jsonParsesAsCloudEvents10AndRoundTrips() {
    JsonObject raw = new JsonObject().put("eventCid", 1400).put("eventId", 42);
    CloudbusEvent e =
        CloudbusEvent.builder("simplisafe", "home")
            .id("simplisafe-42")
            .name(EventTypes.SECURITY_DISARMED)
            .subject("sensor-1")
            .time(Instant.parse("2026-01-01T12:00:00Z"))
            .vendorType("1400")
            .data(new JsonObject().put("state", "off").put("raw", raw))
            .build();
    byte[] bytes = e.toJson().encode().getBytes(StandardCharsets.UTF_8);

    EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    CloudEvent ce = format.deserialize(bytes);

    assertThat(ce.getSpecVersion().toString()).isEqualTo("1.0");
    assertThat(ce.getId()).isEqualTo("simplisafe-42");
    assertThat(ce.getType()).isEqualTo("io.cloudbus.security.disarmed");
    assertThat(ce.getSource().toString()).isEqualTo("/cloudbus/simplisafe/home");
    assertThat(ce.getSubject()).isEqualTo("sensor-1");
    assertThat(ce.getTime().toInstant()).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
    assertThat(ce.getDataContentType()).isEqualTo("application/json");
    assertThat(ce.getExtension("vendor")).isEqualTo("simplisafe");
    assertThat(ce.getExtension("account")).isEqualTo("home");
    assertThat(ce.getExtension("vendortype")).isEqualTo("1400");
    JsonObject data = new JsonObject(new String(ce.getData().toBytes(), StandardCharsets.UTF_8));
    assertThat(data.getJsonObject("raw")).isEqualTo(raw);
    assertThat(CloudbusEvent.fromJson(e.toJson())).isEqualTo(e);
  }

  @Test
  void toJsonCopiesDataWhileToJsonSharingDataSharesIt() {
    // GIVEN an event with data
    JsonObject data = new JsonObject().put("state", "on");
    CloudbusEvent e =
        CloudbusEvent.builder("generic", "home")
            .id("1")
            .name(EventTypes.SECURITY_DISARMED)
            .data(data)
            .build();

    // WHEN both forms are built
    JsonObject copied = e.toJson();
    JsonObject shared = e.toJsonSharingData();

    // THEN they are equal, only the shared one holds the event's own data object
    assertThat(shared).isEqualTo(copied);
    assertThat(shared.getJsonObject("data")).isSameAs(e.data());
    copied.getJsonObject("data").put("state", "changed");
    assertThat(e.data().getString("state")).isEqualTo("on");
  }
}

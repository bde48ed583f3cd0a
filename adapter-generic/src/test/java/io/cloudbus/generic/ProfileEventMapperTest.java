package io.cloudbus.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.generic.impl.ProfileEventMapper;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileEventMapperTest {

  private static final JsonObject VARS =
      new JsonObject().put("vendor", "v").put("account", "home").put("config", new JsonObject());

  private final ProfileEventMapper ha =
      new ProfileEventMapper(VendorProfile.load("home-assistant"), "home-assistant", "home", VARS);
  private final ProfileEventMapper pylight =
      new ProfileEventMapper(VendorProfile.load("pylight"), "pylight", "products", VARS);

  private static JsonObject haEvent(int subscription, String type, JsonObject data) {
    return new JsonObject()
        .put("id", subscription)
        .put("type", "event")
        .put(
            "event",
            new JsonObject()
                .put("event_type", type)
                .put("data", data)
                .put("time_fired", "2016-11-26T01:37:24.265390+00:00")
                .put("origin", "LOCAL")
                .put("context", new JsonObject().put("id", "01ABC").put("user_id", null)));
  }

  @Test
  void stateChangedBecomesEntityStateChanged() {
    JsonObject data =
        new JsonObject()
            .put("entity_id", "light.kitchen")
            .put("old_state", new JsonObject().put("state", "off"))
            .put("new_state", new JsonObject().put("state", "on"));
    List<CloudbusEvent> events = ha.toEvents(haEvent(2, "state_changed", data));

    assertThat(events).hasSize(1);
    CloudbusEvent e = events.get(0);
    assertThat(e.name()).isEqualTo("entity.state_changed");
    assertThat(e.subject()).isEqualTo("light.kitchen");
    assertThat(e.vendorType()).isEqualTo("state_changed");
    assertThat(e.time()).isEqualTo(Instant.parse("2016-11-26T01:37:24.265390Z"));
    assertThat(e.data().getString("entity_id")).isEqualTo("light.kitchen");
    assertThat(e.data().getJsonObject("new_state").getString("state")).isEqualTo("on");
    assertThat(e.data().getJsonObject("old_state").getString("state")).isEqualTo("off");
    assertThat(e.data().getJsonObject("raw").getInteger("id")).isEqualTo(2);
  }

  @Test
  void sameEventThroughTwoSubscriptionsHasOneIdAndOtherContentAnother() {
    JsonObject data = new JsonObject().put("entity_id", "light.kitchen");
    String viaAll = ha.toEvents(haEvent(2, "state_changed", data)).get(0).id();
    String viaTyped = ha.toEvents(haEvent(3, "state_changed", data)).get(0).id();
    String other =
        ha.toEvents(haEvent(2, "state_changed", new JsonObject().put("entity_id", "light.hall")))
            .get(0)
            .id();
    assertThat(viaAll).isEqualTo(viaTyped).isNotEqualTo(other);
  }

  @Test
  void otherEventTypesAreUnmappedNotDropped() {
    CloudbusEvent e =
        ha.toEvents(haEvent(2, "call_service", new JsonObject().put("domain", "light"))).get(0);
    assertThat(e.name()).isEqualTo("unmapped");
    assertThat(e.vendorType()).isEqualTo("call_service");
    assertThat(e.data().getJsonObject("event_data").getString("domain")).isEqualTo("light");

    CloudbusEvent odd = ha.toEvents(new JsonObject().put("type", "surprise")).get(0);
    assertThat(odd.name()).isEqualTo("unmapped");
    assertThat(odd.vendorType()).isEqualTo("surprise");
  }

  @Test
  void pylightCodeShape() {
    CloudbusEvent e =
        pylight
            .toEvents(
                new JsonObject()
                    .put("type", "create")
                    .put("model", "products")
                    .put("data", new JsonObject().put("id", 1).put("name", "Laptop")))
            .get(0);
    assertThat(e.name()).isEqualTo("resource.created");
    assertThat(e.subject()).isEqualTo("products/1");
    assertThat(e.data().getInteger("id")).isEqualTo(1);
    assertThat(e.data().getJsonObject("row").getString("name")).isEqualTo("Laptop");

    CloudbusEvent d =
        pylight
            .toEvents(
                new JsonObject()
                    .put("type", "delete")
                    .put("model", "products")
                    .put("data", new JsonObject().put("id", 7)))
            .get(0);
    assertThat(d.name()).isEqualTo("resource.deleted");
    assertThat(d.subject()).isEqualTo("products/7");
  }

  @Test
  void pylightDocsShape() {
    CloudbusEvent e =
        pylight
            .toEvents(
                new JsonObject()
                    .put("event", "updated")
                    .put("resource", "products")
                    .put("data", new JsonObject().put("id", 3).put("price", 10)))
            .get(0);
    assertThat(e.name()).isEqualTo("resource.updated");
    assertThat(e.subject()).isEqualTo("products/3");
    assertThat(e.vendorType()).isEqualTo("updated");
  }

  @Test
  void pylightEchoIsIgnoredAndUnknownFramesAreUnmapped() {
    assertThat(
            pylight.toEvents(new JsonObject().put("message", "Received").put("data", "{\"a\":1}")))
        .isEmpty();
    assertThat(pylight.toEvents(new JsonObject().put("status", "subscribed")).get(0).name())
        .isEqualTo("unmapped");
  }

  @Test
  void explicitIdTemplateAndEpochTime() {
    ProfileEventMapper acme =
        new ProfileEventMapper(VendorProfile.fromResource("profiles/acme.yaml"), "acme", "a", VARS);
    CloudbusEvent e =
        acme.toEvents(
                new JsonObject()
                    .put("kind", "alert")
                    .put(
                        "alert",
                        new JsonObject()
                            .put("uid", 42)
                            .put("sensor", "s1")
                            .put("at", 1_700_000_000)
                            .put("level", "high")))
            .get(0);
    assertThat(e.id()).isEqualTo("acme-42");
    assertThat(e.name()).isEqualTo("alarm.triggered");
    assertThat(e.vendorType()).isEqualTo("alert:high");
    assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
  }
}

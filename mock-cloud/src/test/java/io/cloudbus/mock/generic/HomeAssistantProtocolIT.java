package io.cloudbus.mock.generic;

import static io.cloudbus.mock.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.generic.HomeAssistantEmulationIT.Client;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Home Assistant emulation's protocol details, spoken to with a raw WebSocket client. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HomeAssistantProtocolIT {

  static final String HA_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00";

  @RegisterExtension
  static MockCloudExtension mock =
      new MockCloudExtension(List.of(new HomeAssistantEmulation(), new PylightEmulation()));

  private static Client authed(Vertx vertx, MockCloud cloud) {
    Client c =
        HomeAssistantEmulationIT.connect(
            vertx, cloud.endpoints("home-assistant").getString("socketUrl"));
    c.awaitFrames(1);
    c.send(
        new JsonObject()
            .put("type", "auth")
            .put("access_token", HomeAssistantEmulation.LONG_LIVED_TOKEN));
    c.awaitFrames(2);
    assertThat(c.last().getString("type")).isEqualTo("auth_ok");
    return c;
  }

  /** The first frame after {@code from} that matches; waits for it. */
  private static JsonObject frame(Client c, int from, Predicate<JsonObject> match) {
    await()
        .atMost(PATIENT)
        .until(
            () ->
                c.frames().stream()
                    .skip(from)
                    .anyMatch(f -> f instanceof JsonObject o && match.test(o)));
    return c.frames().stream()
        .skip(from)
        .filter(f -> f instanceof JsonObject o && match.test(o))
        .map(JsonObject.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static JsonObject result(Client c, Object id) {
    return frame(c, 2, f -> id.equals(f.getValue("id")) && "result".equals(f.getString("type")));
  }

  private static JsonObject command(Client c, long id, String type) {
    return new JsonObject().put("id", id).put("type", type);
  }

  private static String code(JsonObject result) {
    return result.getJsonObject("error").getString("code");
  }

  @Test
  void idsAreValidatedAsHomeAssistantDoes(Vertx vertx, MockCloud cloud) {
    Client c = authed(vertx, cloud);
    // ids 0, -1, 2.5, "3", true: invalid_format, the id echoed as sent
    for (Object bad : new Object[] {0, -1, 2.5, "3", true}) {
      int before = c.frames().size();
      c.send(new JsonObject().put("id", bad).put("type", "ping"));
      JsonObject r = frame(c, before, f -> "result".equals(f.getString("type")));
      assertThat(code(r)).isEqualTo("invalid_format");
      assertThat(r.getValue("id")).isEqualTo(bad);
      assertThat(r.getJsonObject("error").getString("message"))
          .isEqualTo("Message incorrectly formatted.");
    }
    // an unknown command leaves last_id alone: the same id may come again
    c.send(command(c, 10, "no_such_command"));
    assertThat(code(result(c, 10))).isEqualTo("unknown_command");
    c.send(command(c, 10, "get_config"));
    await().atMost(PATIENT).until(() -> c.frames().size() >= 2 + 5 + 2);
    assertThat(c.last().getBoolean("success")).isTrue();
    // a command whose handler failed does set it
    c.send(command(c, 11, "call_service").put("domain", "light").put("service", "explode"));
    assertThat(code(result(c, 11))).isEqualTo("not_found");
    int before = c.frames().size();
    c.send(command(c, 11, "ping"));
    assertThat(code(frame(c, before, f -> "result".equals(f.getString("type")))))
        .isEqualTo("id_reuse");
    // extra keys are refused as voluptuous does
    c.send(command(c, 12, "get_states").put("foo", 1));
    assertThat(result(c, 12).getJsonObject("error").getString("message"))
        .isEqualTo("extra keys not allowed @ data['foo']");
  }

  @Test
  void subscribeEntitiesSendsAllThenCompressedDiffs(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    Client c = authed(vertx, cloud);
    c.send(command(c, 1, "subscribe_entities"));
    assertThat(result(c, 1).getBoolean("success")).isTrue();
    JsonObject all = frame(c, 2, f -> "event".equals(f.getString("type"))).getJsonObject("event");
    JsonObject kitchen = all.getJsonObject("a").getJsonObject("light.kitchen");
    assertThat(kitchen.fieldNames()).containsExactlyInAnyOrder("s", "a", "c", "lc");
    assertThat(kitchen.getString("s")).isEqualTo("off");
    assertThat(kitchen.getString("c")).hasSize(26); // a ULID without parent or user
    assertThat(kitchen.getJsonObject("a").getString("friendly_name")).isEqualTo("Kitchen");

    // WHEN the admin sets a state with other attributes
    int before = c.frames().size();
    admin.post(
        "/home-assistant/states",
        new JsonObject()
            .put("entity_id", "light.kitchen")
            .put("state", "on")
            .put("attributes", new JsonObject().put("brightness", 99)));
    // THEN a "c" diff: new state, last_changed, context id, added and removed attributes
    JsonObject diff =
        frame(c, before, f -> "event".equals(f.getString("type")))
            .getJsonObject("event")
            .getJsonObject("c")
            .getJsonObject("light.kitchen");
    assertThat(diff.getJsonObject("+").getString("s")).isEqualTo("on");
    assertThat(diff.getJsonObject("+").getValue("lc")).isInstanceOf(Number.class);
    assertThat(diff.getJsonObject("+").getString("c")).hasSize(26);
    assertThat(diff.getJsonObject("+").getJsonObject("a"))
        .isEqualTo(new JsonObject().put("brightness", 99));
    assertThat(diff.getJsonObject("-").getJsonArray("a")).contains("friendly_name");

    // WHEN an entity is added and one removed
    before = c.frames().size();
    admin.post(
        "/home-assistant/states",
        new JsonObject().put("entity_id", "sensor.door").put("state", "closed"));
    assertThat(
            frame(c, before, f -> "event".equals(f.getString("type")))
                .getJsonObject("event")
                .getJsonObject("a")
                .getJsonObject("sensor.door")
                .getString("s"))
        .isEqualTo("closed");
    before = c.frames().size();
    admin.send("DELETE", "/home-assistant/states/sensor.door", null);
    assertThat(
            frame(c, before, f -> "event".equals(f.getString("type")))
                .getJsonObject("event")
                .getJsonArray("r"))
        .isEqualTo(new JsonArray().add("sensor.door"));
  }

  @Test
  void serviceCallsAndAdminPushesChangeTheSameStatesWithOneContext(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    Client c = authed(vertx, cloud);
    c.send(command(c, 1, "subscribe_events").put("event_type", "state_changed"));
    result(c, 1);
    // WHEN a service call names its entity in service_data only
    c.send(
        command(c, 2, "call_service")
            .put("domain", "switch")
            .put("service", "turn_on")
            .put("service_data", new JsonObject().put("entity_id", "switch.coffee")));
    JsonObject r = result(c, 2);
    assertThat(r.getJsonObject("result").fieldNames()).containsExactly("context");
    String context = r.getJsonObject("result").getJsonObject("context").getString("id");
    JsonObject event = frame(c, 2, f -> "event".equals(f.getString("type"))).getJsonObject("event");
    // THEN the state_changed event carries that context, HA's time format and the full states
    assertThat(event.getJsonObject("context").getString("id")).isEqualTo(context);
    assertThat(event.getJsonObject("context").getString("user_id"))
        .isEqualTo(HomeAssistantInfo.USER_ID);
    assertThat(event.getString("time_fired")).matches(HA_TIME);
    JsonObject newState = event.getJsonObject("data").getJsonObject("new_state");
    assertThat(newState.getString("state")).isEqualTo("on");
    assertThat(newState.getString("last_changed")).matches(HA_TIME);
    assertThat(newState.getString("last_reported")).matches(HA_TIME);
    assertThat(newState.getJsonObject("context").getString("id")).isEqualTo(context);
    assertThat(event.getJsonObject("data").getJsonObject("old_state").getString("state"))
        .isEqualTo("off");

    // WHEN an admin pushes a state_changed for the same entity
    admin.pushGeneric(
        "home-assistant",
        new JsonObject()
            .put("type", "event")
            .put(
                "event",
                new JsonObject()
                    .put("event_type", "state_changed")
                    .put("context", new JsonObject().put("id", "01JADMINPUSHCONTEXT0000000"))
                    .put(
                        "data",
                        new JsonObject()
                            .put("entity_id", "switch.coffee")
                            .put("new_state", new JsonObject().put("state", "off")))));
    // THEN get_states answers it, with the pusher's context
    c.send(command(c, 3, "get_states"));
    JsonObject coffee =
        result(c, 3).getJsonArray("result").stream()
            .map(JsonObject.class::cast)
            .filter(s -> "switch.coffee".equals(s.getString("entity_id")))
            .findFirst()
            .orElseThrow();
    assertThat(coffee.getString("state")).isEqualTo("off");
    assertThat(coffee.getJsonObject("context").getString("id"))
        .isEqualTo("01JADMINPUSHCONTEXT0000000");
  }

  @Test
  void returnResponseRulesAsHomeAssistant(Vertx vertx, MockCloud cloud) {
    Client c = authed(vertx, cloud);
    c.send(
        command(c, 1, "call_service")
            .put("domain", "light")
            .put("service", "turn_on")
            .put("target", new JsonObject().put("entity_id", "light.kitchen"))
            .put("return_response", true));
    assertThat(code(result(c, 1))).isEqualTo("service_validation_error");
    c.send(command(c, 2, "call_service").put("domain", "weather").put("service", "get_forecasts"));
    assertThat(code(result(c, 2))).isEqualTo("service_validation_error");
    c.send(
        command(c, 3, "call_service")
            .put("domain", "weather")
            .put("service", "get_forecasts")
            .put("target", new JsonObject().put("entity_id", "weather.home"))
            .put("return_response", true));
    assertThat(result(c, 3).getJsonObject("result").getJsonObject("response").fieldNames())
        .containsExactly("weather.home");
  }

  @Test
  void triggersAndTemplatesFollowTheStates(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    Client c = authed(vertx, cloud);
    c.send(
        command(c, 1, "subscribe_trigger")
            .put(
                "trigger",
                new JsonObject()
                    .put("platform", "state")
                    .put("entity_id", "light.kitchen")
                    .put("to", "on")));
    assertThat(result(c, 1).getBoolean("success")).isTrue();
    c.send(
        command(c, 2, "render_template").put("template", "Kitchen: {{ states('light.kitchen') }}"));
    assertThat(result(c, 2).getValue("result")).isNull();
    JsonObject first =
        frame(
                c,
                2,
                f ->
                    Integer.valueOf(2).equals(f.getValue("id"))
                        && "event".equals(f.getString("type")))
            .getJsonObject("event");
    assertThat(first.getString("result")).isEqualTo("Kitchen: off");
    assertThat(first.getJsonObject("listeners").getJsonArray("entities"))
        .isEqualTo(new JsonArray().add("light.kitchen"));
    c.send(
        command(c, 3, "subscribe_trigger").put("trigger", new JsonObject().put("platform", "sun")));
    assertThat(code(result(c, 3))).isEqualTo("invalid_format");
    c.send(command(c, 4, "render_template").put("template", "{{ now() }}"));
    assertThat(code(result(c, 4))).isEqualTo("template_error");

    int before = c.frames().size();
    admin.post(
        "/home-assistant/states",
        new JsonObject().put("entity_id", "light.kitchen").put("state", "on"));
    JsonObject trigger =
        frame(c, before, f -> Integer.valueOf(1).equals(f.getValue("id")))
            .getJsonObject("event")
            .getJsonObject("variables")
            .getJsonObject("trigger");
    assertThat(trigger.getString("platform")).isEqualTo("state");
    assertThat(trigger.getJsonObject("to_state").getString("state")).isEqualTo("on");
    assertThat(trigger.getJsonObject("from_state").getString("state")).isEqualTo("off");
    assertThat(
            frame(c, before, f -> Integer.valueOf(2).equals(f.getValue("id")))
                .getJsonObject("event")
                .getString("result"))
        .isEqualTo("Kitchen: on");
  }
}

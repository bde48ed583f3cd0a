package io.cloudbus.generic;

import static io.cloudbus.generic.ItSupport.WAIT;
import static io.cloudbus.generic.ItSupport.deploy;
import static io.cloudbus.generic.ItSupport.failure;
import static io.cloudbus.generic.ItSupport.homeAssistantConfig;
import static io.cloudbus.generic.ItSupport.join;
import static io.cloudbus.generic.ItSupport.stateChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CloudbusTimeoutException;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.generic.ItSupport.Deployed;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HomeAssistantIT {

  @RegisterExtension static MockCloudExtension mock = ItSupport.mockCloud();

  private static long stat(MockCloudAdminClient admin, String name) {
    return admin.stats().getJsonObject("home-assistant").getLong(name, 0L);
  }

  @Test
  void stateChangedIsPublishedOnTheBus(Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN a connected home-assistant socket and a bus consumer
    List<JsonObject> onBus = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.events("home-assistant", "home"),
            m -> {
              // vendor events only, not the device.changed events of the entities' state
              if (!m.body().getString("type").startsWith("io.cloudbus.device.")) {
                onBus.add(m.body());
              }
            });
    Deployed d = deploy(vertx, homeAssistantConfig(cloud));
    d.awaitState(ConnectionState.CONNECTED);

    // WHEN HA fires a state_changed and another event type
    admin.pushGeneric("home-assistant", stateChanged("light.kitchen", "off", "on"));
    admin.pushGeneric(
        "home-assistant", ItSupport.haEvent("automation_triggered", new JsonObject()));

    // THEN both arrive: the first mapped, the second unmapped (never dropped)
    await().atMost(WAIT).until(() -> onBus.size() == 2);
    JsonObject first = onBus.get(0);
    assertThat(first.getString("type")).isEqualTo("io.cloudbus.entity.state_changed");
    assertThat(first.getString("subject")).isEqualTo("light.kitchen");
    assertThat(first.getString("source")).isEqualTo("/cloudbus/home-assistant/home");
    assertThat(first.getJsonObject("data").getJsonObject("new_state").getString("state"))
        .isEqualTo("on");
    assertThat(onBus.get(1).getString("type")).isEqualTo("io.cloudbus.unmapped");
    assertThat(onBus.get(1).getString("vendortype")).isEqualTo("automation_triggered");
  }

  @Test
  void badTokenEndsInAuthFailedWithoutALoop(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN a wrong long-lived token
    Deployed d = deploy(vertx, homeAssistantConfig(cloud).put("token", "wrong-token"));

    // THEN auth_failed, and the server sees one auth attempt, not a loop
    d.awaitState(ConnectionState.AUTH_FAILED);
    assertThat(d.socket().status().encode()).doesNotContain("wrong-token");
    // in words, without the attempt's log context: the same reason at every attempt
    assertThat(d.socket().status().getString("reason"))
        .isEqualTo("the server refused the token (Invalid access token or password)");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Patience.PATIENT)
        .until(() -> stat(admin, "authAttempts") <= 1 && stat(admin, "connections") <= 1);
    assertThat(stat(admin, "authFailures")).isEqualTo(1);
    assertThat(d.socket().state()).isEqualTo(ConnectionState.AUTH_FAILED);
  }

  @Test
  void serverThatStopsAnsweringPingsIsReconnected(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN a socket pinging every 200 ms that gives up on a pong after 500 ms
    Deployed d =
        deploy(
            vertx,
            homeAssistantConfig(cloud)
                .put("keepalive", new JsonObject().put("intervalMs", 200).put("timeoutMs", 500)));
    d.awaitState(ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> d.socket().stats().getLong("messagesIn") > 4);

    // WHEN the server goes silent, then comes back
    admin.faults("home-assistant", new JsonObject().put("silent", true));
    await().atMost(WAIT).until(() -> d.socket().state() != ConnectionState.CONNECTED);
    admin.clearFaults("home-assistant");

    // THEN the socket reconnects by itself and events flow again
    d.awaitState(ConnectionState.CONNECTED);
    assertThat(d.socket().stats().getLong("reconnects")).isGreaterThanOrEqualTo(1);
    admin.pushGeneric("home-assistant", stateChanged("light.hall", "on", "off"));
    await().atMost(WAIT).until(() -> d.named("entity.state_changed").size() == 1);
  }

  @Test
  void replyThatNeverComesFailsAfterTheTimeout(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    Deployed d = deploy(vertx, homeAssistantConfig(cloud));
    d.awaitState(ConnectionState.CONNECTED);
    HomeAssistant ha = new HomeAssistant(d.socket());

    // GIVEN a server that swallows fire_event
    admin.faults(
        "home-assistant", new JsonObject().put("dropCommands", new JsonArray().add("fire_event")));

    // THEN the call fails with the reply timeout (not a hang: the class timeout would end it),
    // and the socket keeps working
    Throwable t = failure(ha.fireEvent("my_event", new JsonObject()));
    assertThat(t).isInstanceOf(CloudbusTimeoutException.class);
    assertThat(d.socket().state()).isEqualTo(ConnectionState.CONNECTED);
    admin.clearFaults("home-assistant");
    assertThat(join(ha.fireEvent("my_event", new JsonObject())).containsKey("context")).isTrue();
  }

  @Test
  void fireEventAndCallServiceSucceedAndFail(Vertx vertx, MockCloud cloud) {
    Deployed d = deploy(vertx, homeAssistantConfig(cloud));
    d.awaitState(ConnectionState.CONNECTED);
    HomeAssistant ha = new HomeAssistant(d.socket());

    // fire_event: HA's result, and the event comes back to our subscription
    JsonObject fired =
        join(ha.fireEvent("doorbell_pressed", new JsonObject().put("door", "front")));
    assertThat(fired.getJsonObject("context").getString("id")).isNotEmpty();
    await().atMost(WAIT).until(() -> hasVendorType(d.events(), "doorbell_pressed"));

    // call_service: success changes the light and HA publishes state_changed
    JsonObject called =
        join(
            ha.callService(
                "light", "turn_on", null, new JsonObject().put("entity_id", "light.kitchen")));
    assertThat(called.containsKey("context")).isTrue();
    await()
        .atMost(WAIT)
        .until(
            () ->
                d.named("entity.state_changed").stream()
                    .anyMatch(e -> "light.kitchen".equals(e.subject())));

    // call_service error: HA's code and message fail the Future
    Throwable t = failure(ha.callService("light", "explode", null, null));
    assertThat(t).isInstanceOf(VendorReplyException.class);
    assertThat(((VendorReplyException) t).code()).isEqualTo("not_found");
    assertThat(t.getMessage()).contains("Service light.explode not found");
  }

  @Test
  void entityStatesAreReadAtConnectAndFollowStateChanges(Vertx vertx, MockCloud cloud) {
    Deployed d = deploy(vertx, homeAssistantConfig(cloud));
    d.awaitState(ConnectionState.CONNECTED);
    String address = CloudbusAddresses.command("home-assistant", "home");
    java.util.function.Supplier<JsonObject> kitchen =
        () -> {
          JsonArray all =
              join(vertx
                      .eventBus()
                      .<JsonObject>request(address, new JsonObject().put("action", "devices")))
                  .body()
                  .getJsonObject("result")
                  .getJsonArray("devices");
          for (Object o : all) {
            if ("light.kitchen".equals(((JsonObject) o).getString("localId"))) {
              return (JsonObject) o;
            }
          }
          return null;
        };
    // GIVEN the states read with get_states at connect
    await().atMost(WAIT).until(() -> kitchen.get() != null);
    String before = kitchen.get().getJsonObject("state").getString("state");
    // WHEN a service changes the light
    join(
        vertx
            .eventBus()
            .<JsonObject>request(
                address,
                new JsonObject()
                    .put("action", "call_service")
                    .put("domain", "light")
                    .put("service", "off".equals(before) ? "turn_on" : "turn_off")
                    .put("target", new JsonObject().put("entity_id", "light.kitchen"))));
    // THEN the state_changed event updates the device
    await()
        .atMost(WAIT)
        .until(() -> !before.equals(kitchen.get().getJsonObject("state").getString("state")));
    assertThat(kitchen.get().getString("type")).isEqualTo("entity");
  }

  @Test
  void commandsOnTheBus(Vertx vertx, MockCloud cloud) {
    Deployed d = deploy(vertx, homeAssistantConfig(cloud));
    d.awaitState(ConnectionState.CONNECTED);
    String address = CloudbusAddresses.command("home-assistant", "home");

    JsonObject fire =
        join(vertx
                .eventBus()
                .<JsonObject>request(
                    address,
                    new JsonObject()
                        .put("action", "fire_event")
                        .put("event_type", "bus_event")
                        .put("event_data", new JsonObject().put("a", 1))))
            .body();
    assertThat(fire.getJsonObject("result").getJsonObject("reply").getBoolean("success")).isTrue();

    JsonObject raw =
        join(vertx
                .eventBus()
                .<JsonObject>request(
                    address,
                    new JsonObject()
                        .put("action", "send")
                        .put("message", new JsonObject().put("type", "get_states"))))
            .body();
    assertThat(raw.getJsonObject("result").getJsonObject("reply").getJsonArray("result"))
        .isNotEmpty();

    JsonObject bad =
        join(vertx
                .eventBus()
                .<JsonObject>request(
                    address,
                    new JsonObject()
                        .put("action", "call_service")
                        .put("domain", "light")
                        .put("service", "explode")))
            .body();
    assertThat(bad.getBoolean("ok")).isFalse();
    assertThat(bad.getJsonObject("error").getString("code")).isEqualTo("not_found");

    JsonObject missing =
        join(vertx
                .eventBus()
                .<JsonObject>request(address, new JsonObject().put("action", "fire_event")))
            .body();
    assertThat(missing.getJsonObject("error").getString("code")).isEqualTo("bad_request");
    assertThat(missing.getJsonObject("error").getString("message"))
        .contains("/event_type is required");
  }

  @Test
  void authenticatesWellWithinAShortAuthDeadline(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN a server that closes sockets not authenticated within 3 s (the real one: 10 s)
    admin.faults("home-assistant", new JsonObject().put("authDeadlineMs", 3000));

    // THEN the adapter answers auth_required at once and stays connected on its first socket
    Deployed d = deploy(vertx, homeAssistantConfig(cloud));
    d.awaitState(ConnectionState.CONNECTED);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(WAIT)
        .until(() -> d.socket().state() == ConnectionState.CONNECTED);
    assertThat(stat(admin, "connections")).isEqualTo(1);
  }

  private static boolean hasVendorType(List<CloudbusEvent> events, String type) {
    return events.stream().anyMatch(e -> type.equals(e.vendorType()));
  }
}

package io.cloudbus.generic;

import static io.cloudbus.generic.ItSupport.WAIT;
import static io.cloudbus.generic.ItSupport.deploy;
import static io.cloudbus.generic.ItSupport.failure;
import static io.cloudbus.generic.ItSupport.homeAssistantConfig;
import static io.cloudbus.generic.ItSupport.join;
import static io.cloudbus.generic.ItSupport.stateChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.generic.ItSupport.Deployed;
import io.cloudbus.mock.DisconnectMode;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reconnects, coalescing, pause and the traffic guard with the home-assistant profile. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HomeAssistantResilienceIT {

  @RegisterExtension static MockCloudExtension mock = ItSupport.mockCloud();

  private static JsonObject ha(MockCloudAdminClient admin) {
    return admin.stats().getJsonObject("home-assistant");
  }

  private static JsonObject subscriptions(MockCloudAdminClient admin) {
    return admin.send("GET", "/home-assistant/subscriptions", null);
  }

  @Test
  void restartsRestoreSubscriptionsWithoutDuplicates(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN a socket subscribed to two event types, with an onConnect hook
    AtomicInteger connects = new AtomicInteger();
    Deployed d =
        deploy(
            vertx,
            homeAssistantConfig(cloud)
                .put("eventTypes", new JsonArray().add("state_changed").add("call_service")),
            s -> s.onConnect(connects::incrementAndGet));
    d.awaitState(ConnectionState.CONNECTED);

    for (int round = 1; round <= 3; round++) {
      // WHEN the server drops every socket (close or abort, as a restart does)
      long before = ha(admin).getLong("connections");
      admin.disconnect(
          "home-assistant", round % 2 == 0 ? DisconnectMode.ABORT : DisconnectMode.CLOSE, null);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  ha(admin).getLong("connections") > before
                      && d.socket().state() == ConnectionState.CONNECTED
                      && subscriptions(admin).getInteger("sockets") == 1);

      // THEN exactly one socket with exactly its two subscriptions, none leaked
      assertThat(subscriptions(admin).getJsonArray("subscriptions")).containsExactly(2);
      assertThat(ha(admin).getLong("activeSubscriptions")).isEqualTo(2);

      // AND an event pushed now arrives exactly once (no duplicate listener, no duplicate event)
      String entity = "sensor.round_" + round;
      admin.pushGeneric("home-assistant", stateChanged(entity, "a", "b"));
      await()
          .atMost(WAIT)
          .until(() -> d.events().stream().anyMatch(e -> entity.equals(e.subject())));
      await()
          .during(Duration.ofMillis(300))
          .atMost(WAIT)
          .until(() -> d.events().stream().filter(e -> entity.equals(e.subject())).count() == 1);
    }
    assertThat(d.named("entity.state_changed")).hasSize(3);
    // each reconnect says that events may have been missed (Home Assistant keeps no history)
    assertThat(d.named("stream.gap")).hasSize(3);
    assertThat(connects.get()).isEqualTo(4); // the first connect and three reconnects
    assertThat(ha(admin).getLong("subscribeCommands")).isEqualTo(8);
  }

  @Test
  void overlappingSubscriptionsDeliverOneEvent(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN two subscriptions that both match state_changed (the Digital Alchemy overlap case)
    Deployed d =
        deploy(
            vertx,
            homeAssistantConfig(cloud)
                .put("eventTypes", new JsonArray().add("state_changed").add("state_changed")));
    d.awaitState(ConnectionState.CONNECTED);

    // WHEN one event is fired: HA sends it once per subscription, with different ids
    JsonObject r = admin.pushGeneric("home-assistant", stateChanged("light.x", "off", "on"));
    assertThat(r.getInteger("pushed")).isEqualTo(2);

    // THEN the event id is derived from /event only, so dedup keeps one
    await().atMost(WAIT).until(() -> d.socket().stats().getLong("duplicatesDropped") == 1);
    assertThat(d.named("entity.state_changed")).hasSize(1);
  }

  @Test
  void coalescedArrayFramesAreAccepted(Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN a socket that asked for coalescing (the profile's default)
    Deployed d = deploy(vertx, homeAssistantConfig(cloud));
    d.awaitState(ConnectionState.CONNECTED);
    long pushedBefore = ha(admin).getLong("pushed");

    // WHEN three events are fired at once: the server sends them as one JSON array frame
    List<JsonObject> three = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      three.add(stateChanged("light.c" + i, "off", "on"));
    }
    admin.pushGeneric("home-assistant", new JsonArray(three));

    // THEN one frame went out and all three events arrived, in order
    await().atMost(WAIT).until(() -> d.events().size() == 3);
    assertThat(ha(admin).getLong("pushed") - pushedBefore).isEqualTo(1);
    assertThat(d.events().stream().map(e -> e.subject()))
        .containsExactly("light.c0", "light.c1", "light.c2");
  }

  @Test
  void withoutCoalescingEachEventIsItsOwnFrame(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    Deployed d = deploy(vertx, homeAssistantConfig(cloud).put("coalesce", false));
    d.awaitState(ConnectionState.CONNECTED);
    long pushedBefore = ha(admin).getLong("pushed");
    admin.pushGeneric(
        "home-assistant",
        new JsonArray()
            .add(stateChanged("light.a", "off", "on"))
            .add(stateChanged("light.b", "off", "on")));
    await().atMost(WAIT).until(() -> d.events().size() == 2);
    assertThat(ha(admin).getLong("pushed") - pushedBefore).isEqualTo(2);
  }

  @Test
  void pauseHoldsEventsBlocksCommandsAndKeepsPinging(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    Deployed d =
        deploy(
            vertx,
            homeAssistantConfig(cloud)
                .put("keepalive", new JsonObject().put("intervalMs", 150).put("timeoutMs", 1000)));
    d.awaitState(ConnectionState.CONNECTED);
    HomeAssistant ha = new HomeAssistant(d.socket());

    // WHEN paused
    d.socket().pauseMessages(true);
    d.awaitState(ConnectionState.PAUSED);
    admin.pushGeneric("home-assistant", stateChanged("light.p", "off", "on"));

    // THEN commands fail fast, events are held, and pings keep the socket alive
    Throwable t = failure(ha.fireEvent("x", null));
    assertThat(CloudbusException.classify(t)).isEqualTo(io.cloudbus.core.FailureClass.TRANSIENT);
    long in = d.socket().stats().getLong("messagesIn");
    await().atMost(WAIT).until(() -> d.socket().stats().getLong("messagesIn") >= in + 4);
    assertThat(d.socket().state()).isEqualTo(ConnectionState.PAUSED);
    assertThat(d.socket().stats().getLong("reconnects")).isZero();
    assertThat(d.events()).isEmpty();

    // WHEN resumed THEN the held event is delivered
    d.socket().pauseMessages(false);
    await().atMost(WAIT).until(() -> d.events().size() == 1);
    assertThat(d.socket().state()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void trafficGuardCoolsTheSocketDownNotTheProcess(Vertx vertx, MockCloud cloud) {
    // GIVEN a low trip threshold (HA's peer library would process.exit here)
    JsonObject socket =
        ItSupport.fastSocket()
            .put("trafficWindowMs", 1000)
            .put("trafficWarnPerSec", 5)
            .put("trafficTripPerSec", 10)
            .put("trafficCooldownMs", 1_000);
    Deployed d = deploy(vertx, homeAssistantConfig(cloud).put("socket", socket));
    d.awaitState(ConnectionState.CONNECTED);
    HomeAssistant ha = new HomeAssistant(d.socket());

    // WHEN runaway code fires 60 commands at once
    List<Future<JsonObject>> calls = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      calls.add(ha.fireEvent("runaway", null));
    }
    calls.forEach(f -> f.otherwiseEmpty());

    // THEN this socket cools down (backoff, the reason says so) and comes back by itself; the JVM
    // and Vert.x go on (another socket still connects)
    await()
        .atMost(WAIT)
        .until(() -> String.valueOf(d.socket().status().getString("reason")).contains("cool-down"));
    assertThat(calls.stream().filter(Future::failed).count()).isPositive();
    d.awaitState(ConnectionState.CONNECTED);
    Deployed other = deploy(vertx, homeAssistantConfig(cloud).put("account", "other"));
    other.awaitState(ConnectionState.CONNECTED);
    assertThat(join(new HomeAssistant(other.socket()).fireEvent("fine", null))).isNotNull();
  }
}

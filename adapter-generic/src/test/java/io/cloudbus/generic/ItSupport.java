package io.cloudbus.generic;

import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.generic.HomeAssistantEmulation;
import io.cloudbus.mock.generic.PylightEmulation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Shared set-up of the adapter's integration tests: the mock cloud and socket deployment. */
final class ItSupport {

  static final Duration WAIT = Duration.ofSeconds(20);

  private ItSupport() {}

  static MockCloudExtension mockCloud() {
    return new MockCloudExtension(List.of(new HomeAssistantEmulation(), new PylightEmulation()));
  }

  /** Short delays so that reconnects and timeouts happen within seconds. */
  static JsonObject fastSocket() {
    return new JsonObject()
        .put("reconnectInitialDelayMs", 50)
        .put("reconnectMaxDelayMs", 300)
        .put("handshakeTimeoutMs", 5000)
        .put("replyTimeoutMs", 1000);
  }

  static JsonObject homeAssistantConfig(MockCloud cloud) {
    JsonObject ep = cloud.endpoints("home-assistant");
    return new JsonObject()
        .put("adapter", "generic")
        .put("profile", "home-assistant")
        .put("account", "home")
        .put("url", ep.getString("url"))
        .put("token", ep.getString("token"))
        .put("socket", fastSocket());
  }

  static JsonObject pylightConfig(MockCloud cloud, String table) {
    return new JsonObject()
        .put("adapter", "generic")
        .put("profile", "pylight")
        .put("account", table)
        .put("url", cloud.endpoints("pylight").getString("url"))
        .put("table", table)
        .put("socket", fastSocket());
  }

  /** A deployed socket and the events it delivered. */
  record Deployed(GenericCloudSocket socket, List<CloudbusEvent> events) {
    void awaitState(ConnectionState state) {
      await().atMost(WAIT).until(() -> socket.state() == state);
    }

    List<CloudbusEvent> named(String name) {
      return events.stream().filter(e -> e.name().equals(name)).toList();
    }
  }

  static Deployed deploy(Vertx vertx, JsonObject config) {
    return deploy(vertx, config, s -> {});
  }

  /** Creates the socket from {@code config}, runs {@code beforeDeploy} on it, deploys it. */
  static Deployed deploy(
      Vertx vertx,
      JsonObject config,
      java.util.function.Consumer<GenericCloudSocket> beforeDeploy) {
    GenericCloudSocket socket =
        (GenericCloudSocket)
            new GenericAdapterProvider().create(vertx, config, TokenStore.inMemory());
    beforeDeploy.accept(socket);
    List<CloudbusEvent> events = new CopyOnWriteArrayList<>();
    // vendor events only: device.changed and command audit events are the control layer's
    socket.onEvent(
        e -> {
          if (!"device".equals(e.vendorType()) && !"command".equals(e.vendorType())) {
            events.add(e);
          }
        });
    join(vertx.deployVerticle(socket));
    return new Deployed(socket, events);
  }

  static <T> T join(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed: " + e, e);
    }
  }

  /** The failure of a future that must fail (within 20 s). */
  static Throwable failure(Future<?> future) {
    try {
      future
          .toCompletionStage()
          .toCompletableFuture()
          .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("future neither failed nor succeeded in time: " + e, e);
    }
    throw new AssertionError("future succeeded but was expected to fail");
  }

  static JsonObject haEvent(String type, JsonObject data) {
    return new JsonObject()
        .put("type", "event")
        .put("event", new JsonObject().put("event_type", type).put("data", data));
  }

  static JsonObject stateChanged(String entity, String from, String to) {
    return haEvent(
        "state_changed",
        new JsonObject()
            .put("entity_id", entity)
            .put("old_state", new JsonObject().put("entity_id", entity).put("state", from))
            .put("new_state", new JsonObject().put("entity_id", entity).put("state", to)));
  }
}

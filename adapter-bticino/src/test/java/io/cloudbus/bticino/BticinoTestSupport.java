package io.cloudbus.bticino;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.bticino.BticinoEmulation;
import io.cloudbus.mock.bticino.BticinoHomeSeed;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Builds sockets against the mock cloud and collects their events. */
final class BticinoTestSupport {

  private BticinoTestSupport() {}

  /** An account entry pointing at the mock, with short test delays. */
  static JsonObject accountConfig(MockCloud cloud, JsonObject socketOverrides) {
    JsonObject endpoints = cloud.endpoints("bticino");
    JsonObject socket =
        new JsonObject()
            .put("reconnectInitialDelayMs", 50)
            .put("reconnectMaxDelayMs", 300)
            .put("handshakeTimeoutMs", 10_000)
            .put("silenceTimeoutMs", 5_000)
            .put("resubscribeTimeoutMs", 3_000)
            .put("stableAfterMs", 60_000)
            .put("rateLimitedMinDelayMs", 200)
            .put("rateLimitedMaxDelayMs", 1_000)
            .put("authFailedRetryMs", 1_000)
            .mergeIn(socketOverrides);
    return new JsonObject()
        .put("adapter", "bticino")
        .put("account", "home")
        .put("username", BticinoHomeSeed.USERNAME)
        .put("password", BticinoHomeSeed.PASSWORD)
        .put("clientId", BticinoHomeSeed.CLIENT_ID)
        .put("clientSecret", BticinoHomeSeed.CLIENT_SECRET)
        .put(
            "endpoints",
            new JsonObject()
                .put("tokenUrl", endpoints.getString("tokenUrl"))
                .put("apiBaseUrl", endpoints.getString("apiBaseUrl"))
                .put("socketUrl", endpoints.getString("socketUrl")))
        .put("socket", socket);
  }

  /** A deployed socket and the events it published. */
  static final class Running {
    final CloudSocket socket;
    final List<CloudbusEvent> events = new CopyOnWriteArrayList<>();
    final List<CloudbusEvent> control = new CopyOnWriteArrayList<>();
    volatile String deploymentId;

    Running(CloudSocket socket) {
      this.socket = socket;
      // vendor events only: device.changed and command audit events are the control layer's
      socket.onEvent(
          e -> {
            if ("device".equals(e.vendorType()) || "command".equals(e.vendorType())) {
              control.add(e);
            } else {
              events.add(e);
            }
          });
    }

    List<CloudbusEvent> named(String name) {
      return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    List<CloudbusEvent> control(String name) {
      return control.stream().filter(e -> e.name().equals(name)).toList();
    }

    List<CloudbusEvent> withId(String id) {
      return events.stream().filter(e -> e.id().equals(id)).toList();
    }
  }

  static Running deploy(MockCloud cloud, JsonObject config, TokenStore store) throws Exception {
    CloudSocket socket = new BticinoAdapterProvider().create(cloud.vertx(), config, store);
    Running running = new Running(socket);
    running.deploymentId =
        cloud
            .vertx()
            .deployVerticle(socket)
            .toCompletionStage()
            .toCompletableFuture()
            .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
    return running;
  }

  static void undeploy(MockCloud cloud, Running running) throws Exception {
    cloud
        .vertx()
        .undeploy(running.deploymentId)
        .toCompletionStage()
        .toCompletableFuture()
        .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Waits until the connection's catch-up asked {@code getevents}. Pushes sent afterwards cannot be
   * in that history, so they reach the test as pushes only; pushes sent before may also come back
   * from the catch-up (e.g. a {@code :media} enrichment with the history's image URLs), which a
   * test of push order or push counts must not race with.
   */
  static void awaitCatchUpQueried(MockCloud cloud) {
    org.awaitility.Awaitility.await()
        .atMost(Patience.PATIENT)
        .until(() -> stat(cloud, BticinoEmulation.EVENT_QUERIES) >= 1);
  }

  static long stat(MockCloud cloud, String name) {
    return cloud.stats().getJsonObject("bticino").getLong(name, 0L);
  }
}

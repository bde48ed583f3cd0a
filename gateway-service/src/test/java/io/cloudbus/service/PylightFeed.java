package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.TokenStore;
import io.cloudbus.generic.GenericAdapterProvider;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mock.generic.PylightEmulation;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Events as users get them: the mock Pylight server pushes row changes to a real generic socket
 * that journals into the service's journal and publishes on the bus (subjects {@code sensors/<n>}).
 */
final class PylightFeed implements AutoCloseable {

  private final MockCloud cloud;
  private final MockCloudAdminClient admin;
  private final Vertx vertx;
  private final String deployment;

  private PylightFeed(MockCloud cloud, Vertx vertx, String deployment) {
    this.cloud = cloud;
    this.admin = MockCloudAdminClient.of(cloud);
    this.vertx = vertx;
    this.deployment = deployment;
  }

  static PylightFeed start(Vertx vertx, GatewayService service) {
    MockCloud cloud =
        MockCloud.start(vertx, new MockCloudOptions().emulations(List.of(new PylightEmulation())))
            .await();
    JsonObject config =
        new JsonObject()
            .put("adapter", "generic")
            .put("profile", "pylight")
            .put("account", "sensors")
            .put("url", cloud.endpoints("pylight").getString("url"))
            .put("table", "sensors")
            .put(
                "socket",
                new JsonObject()
                    .put("reconnectInitialDelayMs", 50)
                    .put("reconnectMaxDelayMs", 300));
    CloudSocket socket = new GenericAdapterProvider().create(vertx, config, TokenStore.inMemory());
    socket.useJournal(service.journal());
    String id = vertx.deployVerticle(socket).await();
    await().atMost(PATIENT).until(() -> socket.state() == ConnectionState.CONNECTED);
    return new PylightFeed(cloud, vertx, id);
  }

  /** Pushes row creations {@code from..to} (inclusive), one frame each, in order. */
  void push(int from, int to) {
    JsonArray frames = new JsonArray();
    for (int i = from; i <= to; i++) {
      frames.add(
          new JsonObject()
              .put("type", "create")
              .put("model", "sensors")
              .put("data", new JsonObject().put("id", i).put("name", "item " + i)));
    }
    admin.pushGeneric("pylight", frames);
  }

  static String subject(int n) {
    return "sensors/" + n;
  }

  @Override
  public void close() {
    vertx.undeploy(deployment).await();
    cloud.close().await();
  }
}

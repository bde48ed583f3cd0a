package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static io.cloudbus.service.Patience.PATIENT_SECONDS;
import static org.awaitility.Awaitility.await;

import io.cloudbus.bticino.BticinoAdapterProvider;
import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.simplisafe.SimpliSafeAdapterProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The set-up of the command ITs: a mock cloud, the service with the given tokens, and accounts on
 * the mock ({@code simplisafe/demo}, {@code bticino/home}), each attached and connected; every
 * event published on {@code cloudbus.events} is collected in {@link #events}. Close it in
 * {@code @AfterAll}.
 */
final class ControlFixture implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final MockCloud mock;
  final MockCloudAdminClient admin;
  final GatewayService service;
  final List<JsonObject> events = new CopyOnWriteArrayList<>();
  final List<CloudSocket> sockets = new CopyOnWriteArrayList<>();

  ControlFixture(ServiceOptions options) throws Exception {
    mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    admin = MockCloudAdminClient.of(mock);
    service = GatewayService.start(vertx, options).await(PATIENT_SECONDS, TimeUnit.SECONDS);
    vertx.eventBus().<JsonObject>consumer(CloudbusAddresses.EVENTS, m -> events.add(m.body()));
  }

  /** Adds {@code simplisafe/demo} on the mock (its demo refresh token). */
  ControlFixture withSimpliSafe() throws Exception {
    JsonObject ss = mock.endpoints("simplisafe");
    return deploy(
        new SimpliSafeAdapterProvider(),
        new JsonObject()
            .put("adapter", "simplisafe")
            .put("account", "demo")
            .put("refreshToken", ss.getString("demoRefreshToken"))
            .put(
                "endpoints",
                new JsonObject()
                    .put("authBaseUrl", ss.getString("authBaseUrl"))
                    .put("apiBaseUrl", ss.getString("apiBaseUrl"))
                    .put("socketUrl", ss.getString("socketUrl"))));
  }

  /** Adds {@code bticino/home} on the mock (its demo user). */
  ControlFixture withBticino() throws Exception {
    JsonObject bt = mock.endpoints("bticino");
    JsonObject demo = bt.getJsonObject("demo");
    return deploy(
        new BticinoAdapterProvider(),
        new JsonObject()
            .put("adapter", "bticino")
            .put("account", "home")
            .put("username", demo.getString("username"))
            .put("password", demo.getString("password"))
            .put("clientId", demo.getString("clientId"))
            .put("clientSecret", demo.getString("clientSecret"))
            .put(
                "endpoints",
                new JsonObject()
                    .put("tokenUrl", bt.getString("tokenUrl"))
                    .put("apiBaseUrl", bt.getString("apiBaseUrl"))
                    .put("socketUrl", bt.getString("socketUrl"))));
  }

  ControlFixture deploy(AdapterProvider provider, JsonObject config) throws Exception {
    CloudSocket socket = provider.create(vertx, config, TokenStore.inMemory());
    service.attach(socket);
    vertx.deployVerticle(socket).await(PATIENT_SECONDS, TimeUnit.SECONDS);
    sockets.add(socket);
    return this;
  }

  /** Waits until every account is connected. */
  ControlFixture connected() {
    await()
        .atMost(PATIENT)
        .until(() -> sockets.stream().allMatch(s -> s.state() == ConnectionState.CONNECTED));
    return this;
  }

  /** The audit event of {@code action} with {@code type} (succeeded/failed), or null. */
  JsonObject audit(String type, String action) {
    return events.stream()
        .filter(e -> ("io.cloudbus.command." + type).equals(e.getString("type")))
        .filter(e -> action.equals(e.getJsonObject("data").getString("action")))
        .findFirst()
        .orElse(null);
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }
}

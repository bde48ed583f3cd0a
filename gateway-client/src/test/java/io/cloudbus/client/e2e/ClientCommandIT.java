package io.cloudbus.client.e2e;

import static io.cloudbus.client.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.bticino.BticinoAdapterProvider;
import io.cloudbus.client.CloudbusClient;
import io.cloudbus.client.CommandResult;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.service.ApiToken;
import io.cloudbus.service.GatewayService;
import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code client.command(...)} against the real service and a BTicino account on the mock. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClientCommandIT {

  private static Vertx vertx;
  private static MockCloudAdminClient admin;
  private static GatewayService service;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT.toSeconds(), TimeUnit.SECONDS);
    admin = MockCloudAdminClient.of(mock);
    service =
        GatewayService.start(
                vertx,
                ServiceOptions.builder()
                    .host("127.0.0.1")
                    .httpPort(0)
                    .tcpPort(0)
                    .tokens(
                        List.of(
                            ApiToken.ofPlain("ops", "ops-secret", Set.of(Role.READ, Role.COMMAND)),
                            ApiToken.ofPlain("viewer", "viewer-secret", Set.of(Role.READ))))
                    .build())
            .await(PATIENT.toSeconds(), TimeUnit.SECONDS);
    JsonObject bt = mock.endpoints("bticino");
    JsonObject demo = bt.getJsonObject("demo");
    CloudSocket socket =
        new BticinoAdapterProvider()
            .create(
                vertx,
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
                            .put("socketUrl", bt.getString("socketUrl"))),
                TokenStore.inMemory());
    service.attach(socket);
    vertx.deployVerticle(socket).await(PATIENT.toSeconds(), TimeUnit.SECONDS);
    await().atMost(PATIENT).until(() -> socket.state() == ConnectionState.CONNECTED);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(PATIENT.toSeconds(), TimeUnit.SECONDS);
  }

  private static CloudbusClient client(String token) {
    return CloudbusClient.builder()
        .serviceUrl("http://127.0.0.1:" + service.httpPort())
        .token(token)
        .connect();
  }

  @Test
  void unlocksTheDoorWithACommandTokenAndIsRefusedWithAReadToken() {
    try (CloudbusClient ops = client("ops-secret")) {
      // the state is read right after the connect: until then the lock is not known
      await()
          .atMost(PATIENT)
          .until(() -> ops.command("bticino", "home", "unlock_door", Map.of()).ok());
      assertThat(
              admin
                  .send("GET", "/bticino/modules", null)
                  .getJsonObject("aabbcc-0002-0000000002")
                  .getBoolean("lock"))
          .isFalse();
      CommandResult light =
          ops.command("bticino", "home", "light_on", Map.of("device", "aabbcc-0003-0000000003"));
      assertThat(light.ok()).isTrue();
      assertThat(light.result()).containsEntry("on", true);
    }
    try (CloudbusClient viewer = client("viewer-secret")) {
      CommandResult refused = viewer.command("bticino", "home", "lock_door", Map.of());
      assertThat(refused.ok()).isFalse();
      assertThat(refused.httpStatus()).isEqualTo(403);
      assertThat(refused.errorCode()).isEqualTo("forbidden");
    }
  }
}

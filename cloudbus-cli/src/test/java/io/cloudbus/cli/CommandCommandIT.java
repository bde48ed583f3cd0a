package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.cloudbus.simplisafe.SimpliSafeAdapterProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code cloudbus command} against a service with a SimpliSafe account on the mock cloud. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommandCommandIT {

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
    JsonObject ss = mock.endpoints("simplisafe");
    CloudSocket socket =
        new SimpliSafeAdapterProvider()
            .create(
                vertx,
                new JsonObject()
                    .put("adapter", "simplisafe")
                    .put("account", "demo")
                    .put("refreshToken", ss.getString("demoRefreshToken"))
                    .put(
                        "endpoints",
                        new JsonObject()
                            .put("authBaseUrl", ss.getString("authBaseUrl"))
                            .put("apiBaseUrl", ss.getString("apiBaseUrl"))
                            .put("socketUrl", ss.getString("socketUrl"))),
                TokenStore.inMemory());
    service.attach(socket);
    vertx.deployVerticle(socket).await(PATIENT.toSeconds(), TimeUnit.SECONDS);
    await().atMost(PATIENT).until(() -> socket.state() == ConnectionState.CONNECTED);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(PATIENT.toSeconds(), TimeUnit.SECONDS);
  }

  private static String url() {
    return "http://127.0.0.1:" + service.httpPort();
  }

  @Test
  void armsTheMockSystemWithACommandToken() throws Exception {
    try (CliRun cli = new CliRun()) {
      cli.env.put("CLOUDBUS_TOKEN", "ops-secret");
      // the device state is read right after the connect: wait for it, then arm
      await()
          .atMost(PATIENT)
          .until(() -> cli.execute("command", "--url", url(), "simplisafe/demo", "arm_home") == 0);
      assertThat(cli.out()).contains("\"ok\":true").contains("\"state\":\"HOME\"");
      assertThat(admin.send("GET", "/simplisafe/system", null).getString("alarmState"))
          .isEqualTo("HOME");
    }
  }

  @Test
  void aReadTokenIsRefusedAndBadArgumentsAreUsageErrors() throws Exception {
    try (CliRun cli = new CliRun()) {
      int exit =
          cli.execute(
              "command", "--url", url(), "--token", "viewer-secret", "simplisafe/demo", "disarm");
      assertThat(exit).isEqualTo(1);
      assertThat(cli.err()).contains("command: forbidden:");
      assertThat(cli.execute("command", "--url", url(), "simplisafe", "disarm")).isEqualTo(2);
      assertThat(
              cli.execute(
                  "command",
                  "--url",
                  url(),
                  "--token",
                  "ops-secret",
                  "simplisafe/demo",
                  "lock",
                  "x"))
          .isEqualTo(2);
    }
  }
}

package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HttpApiIT {

  private GatewayService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close().await();
    }
  }

  private GatewayService start(Vertx vertx, ServiceOptions options) {
    service = GatewayService.start(vertx, options).await();
    return service;
  }

  private static String healthStatus(int port) {
    return new JsonObject(Http.get(port, "/health").body()).getString("status");
  }

  @Test
  void healthFollowsAccountStates(Vertx vertx) {
    int port = start(vertx, TestEvents.options().build()).httpPort();
    // GIVEN no account: the service itself is up
    assertThat(healthStatus(port)).isEqualTo("UP");
    // WHEN two accounts connect
    TestEvents.status(vertx, "simplisafe", "home", "connected");
    TestEvents.status(vertx, "bticino", "flat", "connected");
    await().atMost(PATIENT).until(() -> service.accounts().size() == 2);
    assertThat(healthStatus(port)).isEqualTo("UP");
    // WHEN one drops: DEGRADED, still 200
    TestEvents.status(vertx, "bticino", "flat", "backoff");
    await().atMost(PATIENT).until(() -> "DEGRADED".equals(healthStatus(port)));
    HttpResponse<String> degraded = Http.get(port, "/health");
    assertThat(degraded.statusCode()).isEqualTo(200);
    JsonArray accounts = new JsonObject(degraded.body()).getJsonArray("accounts");
    assertThat(accounts.getJsonObject(0).getString("vendor")).isEqualTo("bticino");
    assertThat(accounts.getJsonObject(0).getString("state")).isEqualTo("backoff");
    assertThat(accounts.getJsonObject(0).getString("since")).isNotBlank();
    // WHEN both are down: DOWN and 503
    TestEvents.status(vertx, "simplisafe", "home", "auth_failed");
    await().atMost(PATIENT).until(() -> Http.get(port, "/health").statusCode() == 503);
    assertThat(healthStatus(port)).isEqualTo("DOWN");
    // WHEN both are back: UP
    TestEvents.status(vertx, "simplisafe", "home", "connected");
    TestEvents.status(vertx, "bticino", "flat", "connected");
    await().atMost(PATIENT).until(() -> "UP".equals(healthStatus(port)));
    // AND /api/accounts lists them
    JsonArray api = new JsonArray(Http.get(port, "/api/accounts").body());
    assertThat(api).hasSize(2);
    assertThat(api.getJsonObject(1).fieldNames())
        .containsExactlyInAnyOrder("vendor", "account", "state", "since");
    // AND the reconnect of each account was counted
    assertThat(Http.get(port, "/metrics").body())
        .contains("cloudbus_reconnects_total{account=\"flat\",vendor=\"bticino\"} 1.0");
  }

  @Test
  void invalidStatusIsIgnoredAndCounted(Vertx vertx) {
    int port = start(vertx, TestEvents.options().build()).httpPort();
    vertx.eventBus().publish("cloudbus.status", new JsonObject().put("vendor", "x"));
    vertx
        .eventBus()
        .publish(
            "cloudbus.status",
            new JsonObject().put("vendor", "x").put("account", "y").put("state", "dancing"));
    vertx.eventBus().publish("cloudbus.status", "not json");
    await()
        .atMost(PATIENT)
        .until(
            () -> Http.get(port, "/metrics").body().contains("cloudbus_status_invalid_total 3.0"));
    assertThat(service.accounts()).isEmpty();
  }

  private static JsonArray events(String body) {
    return new JsonObject(body).getJsonArray("events");
  }

  @Test
  void recentEventsNewestFirstAndBounded(Vertx vertx) {
    int port = start(vertx, TestEvents.options().recentEventsSize(5).build()).httpPort();
    for (int i = 0; i < 8; i++) {
      TestEvents.publish(
          vertx, "simplisafe", "home", i % 2 == 0 ? "alarm.triggered" : "security.disarmed");
    }
    JsonObject last = TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    await()
        .atMost(PATIENT)
        .until(
            () ->
                events(Http.get(port, "/api/events?limit=1").body()).getJsonObject(0).equals(last));
    assertThat(events(Http.get(port, "/api/events?limit=100").body())).hasSize(5);
    assertThat(events(Http.get(port, "/api/events?limit=2").body())).hasSize(2);
    HttpResponse<String> bad = Http.get(port, "/api/events?limit=zero");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonObject("error").getString("code"))
        .isEqualTo("bad_limit");
    String metrics = Http.get(port, "/metrics").body();
    assertThat(metrics)
        .contains("cloudbus_events_in_total{account=\"home\",vendor=\"simplisafe\"} 8.0");
    assertThat(metrics).contains("cloudbus_clients{transport=\"ws\"}");
  }

  @Test
  void tokensGuardEveryEndpointButHealth(Vertx vertx) {
    int port =
        start(
                vertx,
                TestEvents.options()
                    .addToken("reader-secret", Role.READ)
                    .addToken("admin-secret", Role.COMMAND)
                    .build())
            .httpPort();
    assertThat(Http.get(port, "/health").statusCode()).isEqualTo(200);
    for (String path :
        new String[] {
          "/", "/metrics", "/api/accounts", "/api/events", "/eventbus/info", "/ws/events"
        }) {
      HttpResponse<String> r = Http.get(port, path);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code"))
          .isEqualTo("unauthorized");
      assertThat(Http.get(port, path, "wrong-secret").statusCode()).as(path).isEqualTo(401);
    }
    assertThat(Http.get(port, "/api/accounts", "reader-secret").statusCode()).isEqualTo(200);
    assertThat(Http.get(port, "/api/accounts?token=admin-secret").statusCode()).isEqualTo(200);
    assertThat(Http.get(port, "/metrics?token=reader-secret").body()).contains("cloudbus_clients");
    // the options never carry the plain token
    assertThat(service.options().toJson().encode())
        .doesNotContain("reader-secret")
        .contains("tokenSha256");
  }

  @Test
  void unknownPathIsAJson404AndDashboardIsServed(Vertx vertx) {
    int port = start(vertx, TestEvents.options().build()).httpPort();
    HttpResponse<String> r = Http.get(port, "/nope");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code"))
        .isEqualTo("not_found");
    HttpResponse<String> page = Http.get(port, "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>cloudbus");
    assertThat(Http.get(port, "/assets/app.js").statusCode()).isEqualTo(200);
    assertThat(Http.get(port, "/assets/style.css").statusCode()).isEqualTo(200);
  }

  @Test
  void clientCapRefusesWithAReason(Vertx vertx) {
    int port = start(vertx, TestEvents.options().maxClients(1).build()).httpPort();
    WsTestClient first = WsTestClient.connect(vertx, port, "/ws/events");
    first.awaitType("welcome");
    WsTestClient second = WsTestClient.connect(vertx, port, "/ws/events");
    assertThat(second.awaitType("error").getJsonObject("error").getString("code"))
        .isEqualTo("too_many_clients");
    await().atMost(PATIENT).until(() -> second.closeStatus.get() != null);
    assertThat(second.closeStatus.get()).isEqualTo((short) 1013);
    first.sync();
  }
}

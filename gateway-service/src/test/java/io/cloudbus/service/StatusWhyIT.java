package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Why an account is not connected, everywhere: /api/accounts, /health and /ws status frames. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StatusWhyIT {

  @Test
  void reasonAttemptNextRetryAndFailureClassReachEveryView(Vertx vertx) {
    // GIVEN a service and a /ws client following the statuses
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    try {
      WsTestClient ws = WsTestClient.connect(vertx, service.httpPort(), "/ws/status");
      ws.awaitType("welcome");
      ws.subscribe(new JsonObject());
      // WHEN an account goes into backoff with a reason
      JsonObject status =
          new JsonObject()
              .put("vendor", "bticino")
              .put("account", "flat")
              .put("state", "backoff")
              .put("since", Instant.now().toString())
              .put("reason", "connection refused (127.0.0.1:9000)")
              .put("failureClass", "TRANSIENT")
              .put("code", "connect_refused")
              .put("attempt", 2)
              .put("nextRetryMs", 4000);
      TestEvents.status(vertx, status);
      // THEN the status frame, /api/accounts and /health all say why
      JsonObject frame = ws.awaitType("status").getJsonObject("data");
      await()
          .atMost(PATIENT)
          .until(
              () -> !new JsonArray(Http.get(service.httpPort(), "/api/accounts").body()).isEmpty());
      JsonObject account =
          new JsonArray(Http.get(service.httpPort(), "/api/accounts").body()).getJsonObject(0);
      JsonObject health =
          new JsonObject(Http.get(service.httpPort(), "/health").body())
              .getJsonArray("accounts")
              .getJsonObject(0);
      for (JsonObject view : new JsonObject[] {frame, account, health}) {
        assertThat(view.getString("reason")).isEqualTo("connection refused (127.0.0.1:9000)");
        assertThat(view.getString("failureClass")).isEqualTo("TRANSIENT");
        assertThat(view.getInteger("attempt")).isEqualTo(2);
        assertThat(view.getLong("nextRetryMs")).isEqualTo(4000L);
      }
    } finally {
      service.close().await();
    }
  }
}

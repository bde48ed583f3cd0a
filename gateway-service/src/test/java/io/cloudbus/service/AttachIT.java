package io.cloudbus.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.Registration;
import io.cloudbus.core.SocketSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A locally attached socket shows in health and accounts at once, and its stats in metrics. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AttachIT {

  /** A socket that is never deployed: only its status and stats are read. */
  private static final class IdleSocket extends CloudSocket {
    IdleSocket() {
      super(CloudSocketOptions.builder("generic", "idle").build(), null);
    }

    @Override
    protected Future<WebSocketConnectOptions> connectOptions(AccessToken token) {
      return Future.failedFuture("not used");
    }

    @Override
    protected Future<Void> handshake(SocketSession session, AccessToken token) {
      return Future.failedFuture("not used");
    }

    @Override
    protected List<CloudbusEvent> toEvents(JsonObject message) {
      return List.of();
    }
  }

  @Test
  void attachedSocketAppearsUntilRemoved(Vertx vertx) {
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    try {
      // WHEN a socket that never connected is attached
      Registration registration = service.attach(new IdleSocket());
      // THEN it is listed as offline, health is DOWN (503) and its counters are exported
      assertThat(service.accounts()).hasSize(1);
      assertThat(service.accounts().get(0).getString("state")).isEqualTo("offline");
      assertThat(Http.get(service.httpPort(), "/health").statusCode()).isEqualTo(503);
      assertThat(Http.get(service.httpPort(), "/metrics").body())
          .contains("cloudbus_adapter_duplicates_dropped{account=\"idle\",vendor=\"generic\"} 0.0");
      // WHEN it is removed: gone, and the service is UP again
      registration.remove();
      assertThat(service.accounts()).isEmpty();
      assertThat(Http.get(service.httpPort(), "/health").statusCode()).isEqualTo(200);
    } finally {
      service.close().await();
    }
  }
}

package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.journal.JournalOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with the durable SQLite journal under a burst: events reach the service faster than
 * the journal writes them, so many appends wait at once. A live {@code /ws} client that keeps up
 * gets every event, in order (it got none when the answers were chained future by future).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JournalLoadIT {

  static final int EVENTS = 20_000;

  private GatewayService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close().await();
    }
  }

  @Test
  void aLiveWsClientGetsEveryEventOfABurstWithTheSqliteJournal(Vertx vertx, @TempDir Path dir) {
    service =
        GatewayService.start(
                vertx,
                TestEvents.options()
                    .journal(JournalOptions.defaults().withEnabled(true).withPath(dir.toString()))
                    .build())
            .await();
    AtomicInteger events = new AtomicInteger();
    AtomicInteger subscribed = new AtomicInteger();
    AtomicInteger outOfOrder = new AtomicInteger();
    long[] lastPosition = {0};
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws =
        client
            .connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(service.httpPort())
                    .setURI("/ws/events"))
            .await();
    ws.textMessageHandler(
        text -> {
          JsonObject f = new JsonObject(text);
          if ("event".equals(f.getString("type"))) {
            long p = Long.parseLong(f.getString("position", "-1"));
            if (p <= lastPosition[0]) {
              outOfOrder.incrementAndGet();
            }
            lastPosition[0] = p;
            events.incrementAndGet();
          } else if ("subscribed".equals(f.getString("type"))) {
            subscribed.incrementAndGet();
          }
        });
    ws.writeTextMessage(new JsonObject().put("action", "subscribe").encode());
    await().atMost(PATIENT).until(() -> subscribed.get() == 1);
    // WHEN a burst arrives at once (published from a plain thread, as fast as it can)
    for (int i = 0; i < EVENTS; i++) {
      TestEvents.publish(vertx, "pylight", "items", "resource.created");
    }
    // THEN the client gets each one, with increasing positions
    await().atMost(PATIENT).until(() -> events.get() >= EVENTS);
    assertThat(events.get()).isEqualTo(EVENTS);
    assertThat(outOfOrder.get()).isZero();
    assertThat(TestEvents.journaled(service)).isEqualTo(EVENTS);
    ws.close().await();
  }
}

package io.cloudbus.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that stops reading is cut off and counted; the others keep receiving everything. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowClientIT {

  private static final String BIG = "x".repeat(32 * 1024);

  private Vertx vertx;
  private GatewayService service;
  private Socket slow;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    service =
        GatewayService.start(
                vertx,
                TestEvents.options()
                    .clientQueueHighWaterMark(20)
                    .bridgePingTimeoutMs(120_000)
                    .build())
            .await();
  }

  @AfterEach
  void stop() throws IOException {
    if (slow != null) {
      slow.close();
    }
    service.close().await();
  }

  /** Publishes big events in bursts until {@code transport}'s slow client has been dropped. */
  private int floodUntilDropped(String transport) {
    AtomicInteger published = new AtomicInteger();
    String dropped = "cloudbus_slow_clients_dropped_total{transport=\"" + transport + "\"} 1.0";
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (int i = 0; i < 20; i++) {
                JsonObject event = TestEvents.event("simplisafe", "home", "camera.motion", "cam");
                event.getJsonObject("data").put("blob", BIG);
                vertx.eventBus().publish(CloudbusAddresses.EVENTS, event);
                published.incrementAndGet();
              }
              return Http.get(service.httpPort(), "/metrics").body().contains(dropped);
            });
    return published.get();
  }

  @Test
  void slowWebSocketClientIsCutWhileOthersKeepReceiving() throws IOException {
    // GIVEN a healthy subscriber and one that never reads
    WsTestClient healthy = WsTestClient.connect(vertx, service.httpPort(), "/ws/events");
    healthy.subscribe(null);
    slow = openSlowSocket();
    OutputStream out = slow.getOutputStream();
    out.write(
        ("GET /ws/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    readHttpHead(slow.getInputStream());
    out.write(maskedText("{\"action\":\"subscribe\"}"));
    out.flush();
    await().atMost(Duration.ofSeconds(15)).until(() -> wsClients() == 2);
    // WHEN events flood in
    int published = floodUntilDropped("ws");
    // THEN the slow one is gone, and the healthy one got every event
    await().atMost(Duration.ofSeconds(30)).until(() -> wsClients() == 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(healthy.events()).hasSize(published));
    TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    await().atMost(Duration.ofSeconds(15)).until(() -> healthy.events().size() == published + 1);
    assertThat(healthy.closeStatus.get()).isNull();
  }

  @Test
  void slowTcpBridgeClientIsCutWhileOthersKeepReceiving() throws IOException {
    try (TcpTestClient healthy = new TcpTestClient(service.tcpPort())) {
      healthy.send(new JsonObject().put("type", "register").put("address", "cloudbus.events"));
      healthy.sync();
      slow = openSlowSocket(service.tcpPort());
      slow.getOutputStream()
          .write(
              TcpTestClient.frame(
                  new JsonObject().put("type", "register").put("address", "cloudbus.events")));
      await().atMost(Duration.ofSeconds(15)).until(() -> metric("tcp").endsWith(" 2.0"));
      int published = floodUntilDropped("tcp");
      await().atMost(Duration.ofSeconds(30)).until(() -> metric("tcp").endsWith(" 1.0"));
      await().atMost(Duration.ofSeconds(30)).until(() -> healthy.count("message") == published);
      assertThat(healthy.closed).isFalse();
    }
  }

  private long wsClients() {
    String line = metric("ws");
    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  private String metric(String transport) {
    String prefix = "cloudbus_clients{transport=\"" + transport + "\"}";
    return Http.get(service.httpPort(), "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElse(prefix + " 0.0");
  }

  private Socket openSlowSocket() throws IOException {
    return openSlowSocket(service.httpPort());
  }

  private static Socket openSlowSocket(int port) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    return s;
  }

  private static void readHttpHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake");
      }
      head.write(b);
    }
    assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
  }

  private static byte[] maskedText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = {1, 2, 3, 4};
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    frame.write(0x80 | payload.length);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }
}

package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
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
@Timeout(value = 5, unit = TimeUnit.MINUTES)
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
        .atMost(PATIENT)
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
    // the server answers in order: once "subscribed" is read, the slow client is registered
    readWsTextUntil(slow.getInputStream(), "\"subscribed\"");
    assertThat(wsClients()).isEqualTo(2);
    // WHEN events flood in
    int published = floodUntilDropped("ws");
    // THEN the slow one is gone, and the healthy one got every event
    await().atMost(PATIENT).until(() -> wsClients() == 1);
    await().atMost(PATIENT).untilAsserted(() -> assertThat(healthy.events()).hasSize(published));
    TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    await().atMost(PATIENT).until(() -> healthy.events().size() == published + 1);
    assertThat(healthy.closeStatus.get()).isNull();
  }

  @Test
  void slowSockJsClientIsCutWhileOthersKeepReceiving() throws IOException {
    WsTestClient healthy = WsTestClient.connect(vertx, service.httpPort(), "/ws/events");
    healthy.subscribe(null);
    // a raw SockJS WebSocket client that registers and then never reads
    slow = openSlowSocket();
    OutputStream out = slow.getOutputStream();
    out.write(
        ("GET /eventbus/websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    readHttpHead(slow.getInputStream());
    out.write(maskedText("{\"type\":\"register\",\"address\":\"cloudbus.events\"}"));
    out.flush();
    await().atMost(PATIENT).until(() -> metric("sockjs").endsWith(" 1.0"));
    int published = floodUntilDropped("sockjs");
    await().atMost(PATIENT).until(() -> metric("sockjs").endsWith(" 0.0"));
    await().atMost(PATIENT).untilAsserted(() -> assertThat(healthy.events()).hasSize(published));
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
      slow.getOutputStream().write(TcpTestClient.frame(new JsonObject().put("type", "ping")));
      // frames are handled in order: the pong means the register before it was handled
      readTcpUntil(slow.getInputStream(), "\"pong\"");
      assertThat(metric("tcp")).endsWith(" 2.0");
      int published = floodUntilDropped("tcp");
      await().atMost(PATIENT).until(() -> metric("tcp").endsWith(" 1.0"));
      await().atMost(PATIENT).until(() -> healthy.count("message") == published);
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
    s.setSoTimeout((int) PATIENT.toMillis()); // reads before the flood only; a bound, not a pace
    s.connect(new InetSocketAddress("127.0.0.1", port), (int) PATIENT.toMillis());
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

  /** Reads unmasked server WebSocket frames until a text frame contains {@code marker}. */
  private static void readWsTextUntil(InputStream in, String marker) throws IOException {
    while (true) {
      int b0 = in.read();
      int b1 = in.read();
      if (b0 < 0 || b1 < 0) {
        throw new IOException("closed before a frame with " + marker);
      }
      long len = b1 & 0x7F;
      if (len == 126) {
        len = ((in.read() & 0xFF) << 8) | (in.read() & 0xFF);
      } else if (len == 127) {
        len = ByteBuffer.wrap(in.readNBytes(8)).getLong();
      }
      String payload = new String(in.readNBytes((int) len), StandardCharsets.UTF_8);
      if ((b0 & 0x0F) == 1 && payload.contains(marker)) {
        return;
      }
    }
  }

  /** Reads TCP bridge frames (4-byte length, then JSON) until one contains {@code marker}. */
  private static void readTcpUntil(InputStream in, String marker) throws IOException {
    DataInputStream data = new DataInputStream(in);
    while (true) {
      byte[] payload = new byte[data.readInt()];
      data.readFully(payload);
      if (new String(payload, StandardCharsets.UTF_8).contains(marker)) {
        return;
      }
    }
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

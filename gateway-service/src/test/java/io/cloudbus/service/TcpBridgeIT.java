package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TcpBridgeIT {

  private Vertx vertx;
  private GatewayService service;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    service =
        GatewayService.start(
                vertx,
                TestEvents.options()
                    .addToken("reader-secret", Role.READ)
                    .addToken("admin-secret", Role.COMMAND)
                    .maxFrameBytes(1024)
                    .build())
            .await();
  }

  @AfterEach
  void stop() {
    service.close().await();
  }

  private static JsonObject frame(String type, String address) {
    JsonObject f = new JsonObject().put("type", type);
    return address == null ? f : f.put("address", address);
  }

  private static JsonObject withToken(JsonObject frame, String token) {
    return frame.put("headers", new JsonObject().put("token", token));
  }

  @Test
  void answersOnlyUnauthorizedAndClosesAfterThreeFramesWithoutAValidToken() {
    try (TcpTestClient c = new TcpTestClient(service.tcpPort())) {
      // WHEN a connection sends a registration, a wrong token and a plain ping
      c.send(frame("register", "cloudbus.events"));
      c.send(withToken(frame("ping", null), "wrong-secret"));
      c.send(frame("ping", null));
      // THEN each gets unauthorized (no pong before authentication), and the third closes it
      await().atMost(PATIENT).untilTrue(c.closed);
      assertThat(c.errors()).containsExactly("unauthorized", "unauthorized", "unauthorized");
      assertThat(c.frames).hasSize(3);
    }
  }

  @Test
  void refusesOverlongAddressesWithoutEchoingThem() {
    String longAddress = "cloudbus.events." + "a".repeat(300);
    try (TcpTestClient c = new TcpTestClient(service.tcpPort())) {
      c.send(
          withToken(frame("ping", null), "admin-secret"),
          frame("register", longAddress),
          frame("unregister", longAddress),
          frame("send", "cloudbus.command.generic.lab").put("replyAddress", longAddress));
      c.sync();
      assertThat(c.errors())
          .containsExactly("address_too_long", "address_too_long", "address_too_long");
      assertThat(c.frames).allSatisfy(f -> assertThat(f.encode()).doesNotContain("aaaa"));
    }
  }

  @Test
  void deliversPermittedAddressesAfterAuthentication() {
    try (TcpTestClient c = new TcpTestClient(service.tcpPort())) {
      // GIVEN an auth ping and three registrations in one write
      c.send(
          withToken(frame("ping", null), "reader-secret"),
          frame("register", "cloudbus.events"),
          frame("register", "cloudbus.events.simplisafe.home"),
          frame("register", "cloudbus.status"));
      c.sync();
      // WHEN an event and a status are published
      JsonObject event = TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
      TestEvents.status(vertx, "simplisafe", "home", "connected");
      // THEN each registered address delivers a message frame
      JsonObject all = c.awaitFrame(f -> "cloudbus.events".equals(f.getString("address")));
      assertThat(all.getString("type")).isEqualTo("message");
      assertThat(all.getJsonObject("body")).isEqualTo(event);
      assertThat(all.getJsonObject("headers").getString("vendor")).isEqualTo("simplisafe");
      c.awaitFrame(f -> "cloudbus.events.simplisafe.home".equals(f.getString("address")));
      JsonObject status = c.awaitFrame(f -> "cloudbus.status".equals(f.getString("address")));
      assertThat(status.getJsonObject("body").getString("state")).isEqualTo("connected");
      assertThat(c.errors()).isEmpty();
    }
  }

  @Test
  void refusesAddressesOutsideThePermits() {
    try (TcpTestClient c = new TcpTestClient(service.tcpPort())) {
      c.send(
          withToken(frame("ping", null), "admin-secret"),
          frame("register", "some.internal.address"),
          frame("register", "cloudbus.command.simplisafe.home"),
          frame("register", "cloudbus.events.simplisafe"),
          frame("send", "cloudbus.events").put("body", new JsonObject()),
          frame("publish", "vertx.internal").put("body", "x"));
      c.sync();
      assertThat(c.errors()).containsOnly("access_denied").hasSize(5);
    }
  }

  @Test
  void commandsNeedTheCommandRole() {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> adapter =
        vertx
            .eventBus()
            .consumer(
                "cloudbus.command.generic.lab",
                m -> {
                  received.add(
                      new JsonObject()
                          .put("body", m.body())
                          .put("headers", m.headers().names().toString()));
                  m.reply(new JsonObject().put("ok", true));
                });
    adapter.completion().await();
    try (TcpTestClient reader = new TcpTestClient(service.tcpPort());
        TcpTestClient admin = new TcpTestClient(service.tcpPort())) {
      // WHEN a read-only token sends a command
      reader.send(
          withToken(frame("send", "cloudbus.command.generic.lab"), "reader-secret")
              .put("body", new JsonObject().put("action", "send"))
              .put("replyAddress", "r1"));
      reader.sync();
      // THEN it is refused and nothing reaches the adapter
      assertThat(reader.errors()).containsExactly("forbidden");
      // WHEN a command token sends it with a reply address
      admin.send(
          withToken(frame("send", "cloudbus.command.generic.lab"), "admin-secret")
              .put("body", new JsonObject().put("action", "send"))
              .put("replyAddress", "r2"));
      // THEN the adapter answers through the bridge, and never saw the token
      JsonObject reply = admin.awaitFrame(f -> "r2".equals(f.getString("address")));
      assertThat(reply.getJsonObject("body")).isEqualTo(new JsonObject().put("ok", true));
      assertThat(received).hasSize(1);
      assertThat(received.get(0).getString("headers")).doesNotContain("token");
    } finally {
      adapter.unregister().await();
    }
  }

  @Test
  void badFramesGetErrorsAndTheConnectionStaysUsable() {
    try (TcpTestClient c = new TcpTestClient(service.tcpPort())) {
      c.send(withToken(frame("ping", null), "reader-secret"));
      c.writeRaw(TcpTestClient.frame("not json".getBytes()));
      c.writeRaw(TcpTestClient.frame(new byte[5000]));
      c.send(frame("dance", "cloudbus.events"), frame("register", null));
      // a frame split over two writes
      byte[] split = TcpTestClient.frame(frame("register", "cloudbus.events"));
      c.writeRaw(java.util.Arrays.copyOfRange(split, 0, 7));
      c.writeRaw(java.util.Arrays.copyOfRange(split, 7, split.length));
      c.sync();
      assertThat(c.errors())
          .containsExactly("invalid_json", "frame_too_large", "unknown_type", "missing_address");
      TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
      c.awaitFrame(f -> "message".equals(f.getString("type")));
      assertThat(c.closed).isFalse();
    }
  }
}

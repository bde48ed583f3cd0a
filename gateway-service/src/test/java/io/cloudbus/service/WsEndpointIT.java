package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WsEndpointIT {

  private Vertx vertx;
  private GatewayService service;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    service = GatewayService.start(vertx, TestEvents.options().maxFrameBytes(1024).build()).await();
  }

  @AfterEach
  void stop() {
    service.close().await();
  }

  private WsTestClient connect(String resource) {
    WsTestClient c = WsTestClient.connect(vertx, service.httpPort(), "/ws/" + resource);
    c.awaitType("welcome");
    return c;
  }

  @Test
  void sendsNothingButWelcomeBeforeSubscribe() {
    // GIVEN a connected client that has not subscribed
    WsTestClient client = connect("events");
    // WHEN an event is published
    TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
    client.sync();
    // THEN it got the welcome and the pong only
    assertThat(client.frames)
        .extracting(f -> f.getString("type"))
        .containsExactly("welcome", "pong");
  }

  @Test
  void filtersByVendorAccountAndTypePrefix() {
    // GIVEN clients with different filters
    WsTestClient all = connect("events");
    all.subscribe(null);
    WsTestClient bySimpliSafe = connect("events");
    bySimpliSafe.subscribe(new JsonObject().put("vendor", "simplisafe"));
    WsTestClient byType = connect("events");
    byType.subscribe(new JsonObject().put("type", "io.cloudbus.security."));
    WsTestClient bticinoOffice = connect("bticino");
    bticinoOffice.subscribe(new JsonObject().put("account", "office"));
    // WHEN events of several vendors, accounts and types are published
    TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
    TestEvents.publish(vertx, "simplisafe", "home", "security.disarmed");
    TestEvents.publish(vertx, "bticino", "office", "doorbell.ring");
    TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    // THEN each client sees exactly the matching ones
    await().atMost(PATIENT).until(() -> all.events().size() == 4);
    for (WsTestClient c : new WsTestClient[] {bySimpliSafe, byType, bticinoOffice}) {
      c.sync();
    }
    assertThat(bySimpliSafe.events())
        .extracting(e -> e.getJsonObject("data").getString("type"))
        .containsExactly("io.cloudbus.alarm.triggered", "io.cloudbus.security.disarmed");
    assertThat(byType.events())
        .extracting(e -> e.getJsonObject("data").getString("type"))
        .containsExactly("io.cloudbus.security.disarmed");
    assertThat(bticinoOffice.events()).hasSize(1);
    JsonObject frame = bticinoOffice.events().get(0);
    assertThat(frame.getString("resource")).isEqualTo("bticino");
    assertThat(frame.getJsonObject("data").getString("account")).isEqualTo("office");
    assertThat(frame.getJsonObject("data").getString("specversion")).isEqualTo("1.0");
    assertThat(all.events().get(0).getString("resource")).isEqualTo("events");
    String metrics = Http.get(service.httpPort(), "/metrics").body();
    assertThat(metrics).contains("cloudbus_events_out_total{transport=\"ws\"} 8.0");
    assertThat(metrics).contains("cloudbus_delivery_latency_seconds_bucket{transport=\"ws\"");
    assertThat(metrics).contains("cloudbus_clients{transport=\"ws\"} 4.0");
  }

  @Test
  void subscribedFrameEchoesTheFilterAndUnsubscribeStopsEvents() {
    WsTestClient client = connect("events");
    client.subscribe(new JsonObject().put("vendor", "pylight").put("type", "io.cloudbus.resource"));
    assertThat(client.awaitType("subscribed").getJsonObject("filter"))
        .isEqualTo(new JsonObject().put("vendor", "pylight").put("type", "io.cloudbus.resource"));
    TestEvents.publish(vertx, "pylight", "shop", "resource.created");
    client.awaitType("event");
    // WHEN it unsubscribes
    client.send(new JsonObject().put("action", "unsubscribe"));
    client.sync();
    TestEvents.publish(vertx, "pylight", "shop", "resource.updated");
    client.sync();
    // THEN no further event arrives
    assertThat(client.events()).hasSize(1);
  }

  @Test
  void statusResourceForwardsStatusChanges() {
    WsTestClient client = connect("status");
    client.subscribe(new JsonObject().put("vendor", "bticino"));
    TestEvents.status(vertx, "simplisafe", "home", "connected");
    TestEvents.status(vertx, "bticino", "flat", "backoff");
    JsonObject frame = client.awaitType("status");
    assertThat(frame.getJsonObject("data").getString("account")).isEqualTo("flat");
    assertThat(frame.getJsonObject("data").getString("state")).isEqualTo("backoff");
    client.sync();
    assertThat(client.count("status")).isEqualTo(1);
  }

  @Test
  void badFramesGetErrorFramesAndTheSocketStaysOpen() {
    WsTestClient client = connect("events");
    client.sendText("not json");
    client.sendText("[1,2]");
    client.send(new JsonObject().put("action", "dance"));
    client.send(
        new JsonObject()
            .put("action", "subscribe")
            .put("filter", new JsonObject().put("colour", "red")));
    client.send(
        new JsonObject()
            .put("action", "subscribe")
            .put("filter", new JsonObject().put("vendor", 7)));
    client.send(new JsonObject().put("nothing", true));
    client.sendText("{\"action\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");
    client.ws.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer("bin")).await();
    client.sync();
    assertThat(client.frames)
        .filteredOn(f -> "error".equals(f.getString("type")))
        .extracting(f -> f.getJsonObject("error").getString("code"))
        .containsExactly(
            "bad_json",
            "bad_frame",
            "unknown_action",
            "bad_filter",
            "bad_filter",
            "bad_frame",
            "frame_too_large",
            "bad_frame");
    assertThat(client.closeStatus.get()).isNull();
    String metrics = Http.get(service.httpPort(), "/metrics").body();
    assertThat(metrics).contains("cloudbus_client_bad_frames_total{transport=\"ws\"} 8.0");
  }

  @Test
  void unknownResourceIsClosedWithAReason() {
    WsTestClient client = WsTestClient.connect(vertx, service.httpPort(), "/ws/nonsense");
    JsonObject error = client.awaitType("error");
    assertThat(error.getJsonObject("error").getString("code")).isEqualTo("unknown_resource");
    await().atMost(PATIENT).until(() -> client.closeStatus.get() != null);
    assertThat(client.closeStatus.get()).isEqualTo((short) 1008);
    assertThat(client.closeReason.get()).contains("unknown resource");
    assertThat(client.count("welcome")).isZero();
  }

  @Test
  void vendorSeenOnTheBusBecomesAResource() {
    TestEvents.status(vertx, "acme", "lab", "connected");
    await().atMost(PATIENT).until(() -> !service.accounts().isEmpty());
    WsTestClient client = connect("acme");
    client.subscribe(null);
    TestEvents.publish(vertx, "acme", "lab", "unmapped");
    assertThat(client.awaitType("event").getString("resource")).isEqualTo("acme");
  }

  @Test
  void handlerExceptionBecomesAnErrorFrameAndOthersNeverNotice() {
    // GIVEN a custom handler that fails on "boom" and echoes otherwise
    service.addWsHandler(
        "echo",
        () ->
            new WsHandler() {
              private int seen;

              @Override
              public void onMessage(WsConnection connection, JsonObject message) {
                if (message.containsKey("boom")) {
                  throw new IllegalStateException("handler bug");
                }
                connection.send(
                    new JsonObject().put("type", "echo").put("seen", ++seen).put("got", message));
              }
            });
    WsTestClient other = connect("events");
    other.subscribe(null);
    WsTestClient echo = connect("echo");
    // WHEN the handler throws
    echo.send(new JsonObject().put("boom", true));
    JsonObject error = echo.awaitType("error");
    // THEN the client gets an error frame, the socket stays open and the handler keeps its state
    assertThat(error.getJsonObject("error").getString("code")).isEqualTo("handler_error");
    assertThat(error.getJsonObject("error").getString("message")).doesNotContain("handler bug");
    echo.send(new JsonObject().put("hello", 1));
    assertThat(echo.awaitType("echo").getInteger("seen")).isEqualTo(1);
    echo.send(new JsonObject().put("record", true));
    await().atMost(PATIENT).until(() -> echo.count("echo") == 2);
    assertThat(echo.closeStatus.get()).isNull();
    TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
    other.awaitType("event");
    assertThat(other.count("error")).isZero();
  }
}

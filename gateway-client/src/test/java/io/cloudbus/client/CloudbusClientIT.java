package io.cloudbus.client;

import static io.cloudbus.client.Patience.PATIENT;
import static io.cloudbus.client.testserver.ProtocolServer.cloudEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudbus.client.testserver.HostileServer;
import io.cloudbus.client.testserver.ProtocolServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CloudbusClientIT {

  private static final Duration WAIT = PATIENT;
  private static final String WELCOME = "{\"type\":\"welcome\"}";

  private Vertx vertx;
  private ProtocolServer server;
  private CloudbusClient client;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = new ProtocolServer(vertx);
    server.start().await();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.stop().await();
  }

  private CloudbusClientBuilder builder() {
    // answers that must come get the whole patience, not the 5 s production default
    return CloudbusClient.builder()
        .serviceUrl(server.baseUrl())
        .connectTimeout(PATIENT)
        .requestTimeout(PATIENT);
  }

  @Test
  void subscribesAndPollsTypedEvents() {
    // GIVEN a client subscribed to simplisafe events
    client = builder().connect();
    assertThat(client.state()).isEqualTo(CloudbusClient.State.OPEN);
    Filter confirmed = client.subscribe(Filter.all().vendor("simplisafe"));
    assertThat(confirmed).isEqualTo(Filter.all().vendor("simplisafe"));
    assertThat(server.last().received)
        .containsExactly("{\"action\":\"subscribe\",\"filter\":{\"vendor\":\"simplisafe\"}}");
    // WHEN the service publishes a bticino and a simplisafe event
    JsonObject sent = cloudEvent("e-1", "simplisafe", "home", "security.disarmed");
    server.publish(cloudEvent("e-0", "bticino", "flat", "doorbell.ring"));
    server.publish(sent);
    // THEN only the simplisafe one arrives, with every field typed
    Event e = client.poll(WAIT);
    assertThat(e).isNotNull();
    assertThat(e.resource()).isEqualTo("events");
    assertThat(e.id()).isEqualTo("e-1");
    assertThat(e.source()).isEqualTo("/cloudbus/simplisafe/home");
    assertThat(e.type()).isEqualTo("io.cloudbus.security.disarmed");
    assertThat(e.subject()).isEqualTo("device-1");
    assertThat(e.time()).isEqualTo("2026-11-21T10:15:30.123Z");
    assertThat(e.instant()).isNotNull();
    assertThat(e.vendor()).isEqualTo("simplisafe");
    assertThat(e.account()).isEqualTo("home");
    assertThat(e.vendortype()).isEqualTo("1400");
    assertThat(e.data("zone")).isEqualTo(3L);
    assertThat(e.data("raw")).isEqualTo(Map.of("x", 1.5));
    assertThat(new JsonObject(e.json())).isEqualTo(sent);
    assertThat(e.json()).isEqualTo(sent.encode());
    // in order: the bticino event, published first, would have come before e-1
    assertThat(client.poll(Duration.ZERO)).isNull();
  }

  @Test
  void eventsPublishedBeforeTheHandlerIsSetAreDeliveredInOrder() {
    client = builder().subscribe(Filter.all()).connect();
    for (int i = 0; i < 20; i++) {
      server.publish(cloudEvent("e-" + i, "bticino", "flat", "call.missed"));
    }
    List<String> ids = new CopyOnWriteArrayList<>();
    client.onEvent(e -> ids.add(e.id()));
    await().atMost(WAIT).until(() -> ids.size() == 20);
    for (int i = 0; i < 20; i++) {
      assertThat(ids.get(i)).isEqualTo("e-" + i);
    }
  }

  @Test
  void eventsIsABlockingStream() {
    client = builder().subscribe(Filter.all().type("io.cloudbus.doorbell")).connect();
    server.publish(cloudEvent("a", "bticino", "flat", "doorbell.ring"));
    server.publish(cloudEvent("b", "bticino", "flat", "call.answered"));
    server.publish(cloudEvent("c", "simplisafe", "home", "doorbell.ring"));
    server.publish(cloudEvent("d", "bticino", "flat", "doorbell.ring"));
    List<String> ids = client.events().limit(3).map(Event::id).collect(Collectors.toList());
    assertThat(ids).containsExactly("a", "c", "d");
  }

  @Test
  void theStreamEndsAfterCloseOnceDrained() {
    client = builder().subscribe(Filter.all()).connect();
    server.publish(cloudEvent("a", "bticino", "flat", "doorbell.ring"));
    Event first = client.poll(WAIT);
    assertThat(first.id()).isEqualTo("a");
    server.publish(cloudEvent("b", "bticino", "flat", "doorbell.ring"));
    client.ping(); // the event, sent before the pong, is buffered by now
    client.close();
    assertThat(client.events().map(Event::id)).containsExactly("b");
  }

  @Test
  void aVendorResourceOnlyCarriesThatVendor() {
    client = builder().resource("bticino").subscribe(Filter.all()).connect();
    server.publish(cloudEvent("s", "simplisafe", "home", "alarm.triggered"));
    server.publish(cloudEvent("b", "bticino", "flat", "doorbell.ring"));
    Event e = client.poll(WAIT);
    assertThat(e.id()).isEqualTo("b");
    assertThat(e.resource()).isEqualTo("bticino");
  }

  @Test
  void statusMessagesArriveOnTheStatusResource() {
    client = builder().resource("status").subscribe(Filter.all()).connect();
    server.publishStatus(
        new JsonObject()
            .put("vendor", "simplisafe")
            .put("account", "home")
            .put("state", "backoff")
            .put("since", "2026-11-21T10:00:00Z")
            .put("reason", "socket closed")
            .put("attempt", 2)
            .put("nextRetryMs", 1500));
    Status s = client.pollStatus(WAIT);
    assertThat(s).isNotNull();
    assertThat(s.vendor()).isEqualTo("simplisafe");
    assertThat(s.state()).isEqualTo("backoff");
    assertThat(s.attempt()).isEqualTo(2L);
    assertThat(s.nextRetryMs()).isEqualTo(1500L);
    List<Status> pushed = new CopyOnWriteArrayList<>();
    client.onStatus(pushed::add);
    server.publishStatus(new JsonObject().put("vendor", "bticino").put("state", "connected"));
    await().atMost(WAIT).until(() -> pushed.size() == 1);
    assertThat(pushed.get(0).state()).isEqualTo("connected");
  }

  @Test
  void pingReturnsWhenThePongArrives() {
    client = builder().connect();
    Duration rtt = client.ping();
    assertThat(rtt).isPositive();
    assertThat(server.last().received).containsExactly("{\"action\":\"ping\"}");
  }

  @Test
  void pingIsBoundedWhenNoPongComes() {
    HostileServer deaf =
        HostileServer.afterHandshake(vertx, s -> s.write(HostileServer.textFrame(WELCOME)))
            .start()
            .await();
    client =
        CloudbusClient.builder()
            .serviceUrl("http://127.0.0.1:" + deaf.port())
            // the timeout also bounds the welcome, which must come even on a busy machine
            .requestTimeout(Duration.ofSeconds(2))
            .closeTimeout(Duration.ofMillis(300))
            .connect();
    assertThatThrownBy(client::ping)
        .isInstanceOf(CloudbusClientException.class)
        .hasMessageContaining("no answer to ping within 2000 ms");
    assertThat(client.state()).isEqualTo(CloudbusClient.State.OPEN);
    client.close();
    deaf.stop().await();
  }

  @Test
  void anErrorFrameFailsTheSubscribeThatCausedIt() {
    HostileServer refuser =
        HostileServer.afterHandshake(
                vertx,
                s -> {
                  s.write(HostileServer.textFrame(WELCOME));
                  s.handler(
                      b ->
                          s.write(
                              HostileServer.textFrame(
                                  "{\"type\":\"error\",\"error\":{\"code\":\"bad_filter\","
                                      + "\"message\":\"no\"}}")));
                })
            .start()
            .await();
    client =
        CloudbusClient.builder()
            .serviceUrl("http://127.0.0.1:" + refuser.port())
            .closeTimeout(Duration.ofMillis(300))
            .connect();
    assertThatThrownBy(() -> client.subscribe(Filter.all()))
        .isInstanceOf(CloudbusClientException.class)
        .hasMessageContaining("bad_filter")
        .satisfies(
            t ->
                assertThat(((CloudbusClientException) t).serverError())
                    .isEqualTo(new ServerError("bad_filter", "no")));
    assertThat(client.filter()).isNull();
    client.close();
    refuser.stop().await();
  }

  @Test
  void unsolicitedErrorFramesAndMalformedFramesReachOnErrorAndTheClientKeepsWorking() {
    client = builder().connect();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    client.onError(errors::add);
    client.ping();
    server
        .last()
        .ws
        .writeTextMessage(
            "{\"type\":\"error\",\"error\":{\"code\":\"overloaded\",\"message\":\"slow down\"}}");
    server.last().ws.writeTextMessage("this is not JSON");
    server.last().ws.writeTextMessage("{\"type\":\"event\",\"data\":42}");
    await().atMost(WAIT).until(() -> errors.size() == 3);
    assertThat(((CloudbusClientException) errors.get(0)).serverError().code())
        .isEqualTo("overloaded");
    assertThat(errors.get(1)).hasMessageContaining("malformed frame");
    assertThat(errors.get(2)).hasMessageContaining("malformed frame");
    assertThat(client.ping()).isNotNull();
  }

  @Test
  void aThrowingEventHandlerIsReportedAndDeliveryContinues() {
    client = builder().subscribe(Filter.all()).connect();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    List<String> ids = new CopyOnWriteArrayList<>();
    client.onError(errors::add);
    client.onEvent(
        e -> {
          ids.add(e.id());
          if (e.id().equals("1")) {
            throw new IllegalStateException("handler bug");
          }
        });
    server.publish(cloudEvent("1", "bticino", "flat", "doorbell.ring"));
    server.publish(cloudEvent("2", "bticino", "flat", "doorbell.ring"));
    await().atMost(WAIT).until(() -> ids.size() == 2 && errors.size() == 1);
    assertThat(errors.get(0)).hasRootCauseMessage("handler bug");
    assertThat(client.ping()).isNotNull();
  }

  @Test
  void theTokenGoesInTheAuthorizationHeader() {
    server.requireToken("s3cret");
    client = builder().token("s3cret").connect();
    client.ping(); // the server has registered the connection
    assertThat(server.last().authorization).isEqualTo("Bearer s3cret");
    assertThat(server.last().query).isNull();
    assertThat(client.toString()).doesNotContain("s3cret");
  }

  @Test
  void theTokenCanGoInTheQuery() {
    server.requireToken("s3 cret&x");
    client = builder().token("s3 cret&x").tokenInQuery(true).connect();
    client.ping();
    assertThat(server.last().query).isEqualTo("token=s3+cret%26x");
    assertThat(server.last().authorization).isNull();
    assertThat(client.toString()).doesNotContain("s3");
  }

  @Test
  void aWrongTokenFailsTheConnectWithTheStatusAndNoSecret() {
    server.requireToken("right");
    assertThatThrownBy(() -> builder().token("wrong-token").connect())
        .isInstanceOf(CloudbusClientException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining("wrong-token")
        .satisfies(t -> assertThat(((CloudbusClientException) t).httpStatus()).isEqualTo(401));
  }

  @Test
  void withoutReconnectALostConnectionEndsTheClient() {
    client = builder().subscribe(Filter.all()).connect();
    server.publish(cloudEvent("kept", "bticino", "flat", "doorbell.ring"));
    client.ping();
    server.last().ws.close((short) 1001, "going away");
    await().atMost(WAIT).until(() -> client.state() == CloudbusClient.State.CLOSED);
    assertThatThrownBy(() -> client.subscribe(Filter.all()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
    assertThatThrownBy(client::ping).isInstanceOf(IllegalStateException.class);
    // what was received is still there
    assertThat(client.poll(PATIENT).id()).isEqualTo("kept");
    assertThat(client.poll(Duration.ofSeconds(1))).isNull();
  }

  @Test
  void reconnectsWithBackoffAndSubscribesAgain() {
    List<CloudbusClient.State> states = new CopyOnWriteArrayList<>();
    client =
        builder()
            .reconnect(true)
            .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200))
            .subscribe(Filter.all().vendor("bticino"))
            .connect();
    client.onStateChange(states::add);
    ProtocolServer.Conn first = server.last();
    // WHEN the service drops the connection
    first.ws.close((short) 1001, "restart");
    // THEN the client reconnects and subscribes again with the same filter
    await().atMost(WAIT).until(() -> server.connections.size() == 2);
    ProtocolServer.Conn second = server.last();
    await().atMost(WAIT).until(() -> second.filter != null);
    assertThat(second.received)
        .containsExactly("{\"action\":\"subscribe\",\"filter\":{\"vendor\":\"bticino\"}}");
    await().atMost(WAIT).until(() -> client.state() == CloudbusClient.State.OPEN);
    assertThat(client.reconnects()).isEqualTo(1);
    server.publish(cloudEvent("after", "bticino", "flat", "doorbell.ring"));
    assertThat(client.poll(WAIT).id()).isEqualTo("after");
    await()
        .atMost(WAIT)
        .until(
            () ->
                states.equals(
                    List.of(CloudbusClient.State.RECONNECTING, CloudbusClient.State.OPEN)));
  }

  @Test
  void reconnectKeepsTryingWhileTheServiceIsDown() {
    client =
        builder()
            .reconnect(true)
            .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(100))
            .subscribe(Filter.all())
            .connect();
    // WHEN the service rejects handshakes for a while (503) and drops the connection
    server.rejectWith(503);
    server.last().ws.close((short) 1012, "restarting");
    await().atMost(WAIT).until(() -> server.handshakes.get() >= 4);
    assertThat(client.state()).isEqualTo(CloudbusClient.State.RECONNECTING);
    // THEN once it accepts again, the client is back and subscribed
    server.rejectWith(0);
    await().atMost(WAIT).until(() -> client.state() == CloudbusClient.State.OPEN);
    await().atMost(WAIT).until(() -> server.last().filter != null);
    assertThat(client.reconnects()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aRejectedTokenIsNotRetried() {
    server.requireToken("t1");
    client =
        builder()
            .token("t1")
            .reconnect(true)
            .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(100))
            .connect();
    client.ping();
    server.requireToken("t2"); // the token was revoked
    server.last().ws.close((short) 1008, "token revoked");
    await().atMost(WAIT).until(() -> client.state() == CloudbusClient.State.CLOSED);
    assertThat(server.handshakes.get()).isEqualTo(2);
  }

  @Test
  void requestsOnAClosedClientThrowIllegalState() {
    client = builder().connect();
    client.close();
    assertThat(client.state()).isEqualTo(CloudbusClient.State.CLOSED);
    assertThatThrownBy(() -> client.subscribe(Filter.all()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cloudbus client is CLOSED, not OPEN");
    assertThatThrownBy(client::unsubscribe).isInstanceOf(IllegalStateException.class);
    client.close(); // idempotent
  }

  @Test
  void unsubscribeStopsEvents() {
    client = builder().subscribe(Filter.all()).connect();
    client.unsubscribe();
    assertThat(client.filter()).isNull();
    client.ping(); // the unsubscribe was processed before the ping
    assertThat(server.publish(cloudEvent("x", "bticino", "flat", "doorbell.ring"))).isZero();
    assertThat(server.last().received)
        .containsExactly(
            "{\"action\":\"subscribe\",\"filter\":{}}",
            "{\"action\":\"unsubscribe\"}",
            "{\"action\":\"ping\"}");
  }

  @Test
  void anUnknownResourceFailsTheConnectWithTheServiceError() {
    assertThatThrownBy(() -> builder().resource("nope").connect())
        .isInstanceOf(CloudbusClientException.class)
        .hasMessageContaining("unknown_resource")
        .satisfies(
            t ->
                assertThat(((CloudbusClientException) t).serverError().code())
                    .isEqualTo("unknown_resource"));
  }

  @Test
  void anEndpointThatSendsNoWelcomeFailsTheConnect() {
    HostileServer mute = HostileServer.afterHandshake(vertx, s -> {}).start().await();
    assertThatThrownBy(
            () ->
                CloudbusClient.builder()
                    .serviceUrl("http://127.0.0.1:" + mute.port())
                    .requestTimeout(Duration.ofMillis(300))
                    .closeTimeout(Duration.ofMillis(300))
                    .connect())
        .isInstanceOf(CloudbusClientException.class)
        .hasMessageContaining("no welcome");
    mute.stop().await();
  }

  @Test
  void aRefusedServiceFailsTheConnectClearly() {
    server.rejectWith(403);
    assertThatThrownBy(() -> builder().connect())
        .isInstanceOf(CloudbusClientException.class)
        .hasMessageContaining("HTTP 403")
        .satisfies(t -> assertThat(((CloudbusClientException) t).httpStatus()).isEqualTo(403));
  }
}

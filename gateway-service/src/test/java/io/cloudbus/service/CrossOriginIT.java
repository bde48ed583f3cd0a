package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a web page in a browser on the host can do to the service (docs/security.md): foreign
 * origins and DNS rebinding are refused on every browser-facing endpoint before any upgrade,
 * allowed and own origins pass with CORS for them only, and commands need a command token on every
 * bridge, loopback included.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrossOriginIT {

  private static final String EVIL = "http://evil.example";
  private static final String DASH = "https://dash.example.com";
  private static final String COMMAND_ADDRESS = "cloudbus.command.home-assistant.house";

  @Test
  void aForeignOriginIsRefusedOnEveryBrowserEndpointBeforeAnyUpgrade(Vertx vertx) {
    // GIVEN a service with its defaults and a witness subscribed over /ws
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    int port = service.httpPort();
    WsTestClient witness = WsTestClient.connect(vertx, port, "/ws/events");
    witness.subscribe(null);
    Map<String, String> evil = Map.of("Origin", EVIL);

    // WHEN a page on evil.example opens the WebSockets and reads the endpoints
    for (String path : List.of("/ws/events", "/eventbus/websocket", "/eventbus/1/abc/websocket")) {
      RawHttp.Response r = RawHttp.upgrade(port, path, evil);
      // THEN each is refused with 403, not upgraded, and nothing echoes the origin
      assertRefused(r, path);
    }
    for (String path :
        List.of("/eventbus/info", "/api/accounts", "/api/events", "/metrics", "/", "/sse/events")) {
      assertRefused(RawHttp.request(port, "GET", path, evil), path);
    }
    RawHttp.Response preflight =
        RawHttp.request(
            port,
            "OPTIONS",
            "/api/accounts",
            Map.of(
                "Origin",
                EVIL,
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "authorization"));
    assertRefused(preflight, "preflight");
    // a sandboxed frame or a file: page sends "null"
    assertRefused(RawHttp.request(port, "GET", "/api/events", Map.of("Origin", "null")), "null");
    // /health is no browser data: it is served (and carries no CORS header)
    RawHttp.Response health = RawHttp.request(port, "GET", "/health", evil);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.header("Access-Control-Allow-Origin")).isNull();

    // THEN the service is up, the witness still receives, and no refused upgrade became a client
    TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
    assertThat(witness.awaitType("event").getJsonObject("data").getString("type"))
        .isEqualTo("io.cloudbus.alarm.triggered");
    assertThat(Http.get(port, "/metrics").body())
        .contains("cloudbus_clients{transport=\"ws\"} 1.0")
        .contains("cloudbus_clients{transport=\"sockjs\"} 0.0");
    witness.close();
  }

  @Test
  void theDnsRebindingShapeIsRefused(Vertx vertx) {
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    int port = service.httpPort();
    String rebound = "evil.example:" + port;
    Map<String, String> crossOrigin = Map.of("Host", rebound, "Origin", "http://" + rebound);
    // WHEN a page on evil.example, whose name now resolves to 127.0.0.1, opens the endpoints
    assertRefused(RawHttp.upgrade(port, "/ws/events", crossOrigin), "ws");
    assertRefused(RawHttp.upgrade(port, "/eventbus/websocket", crossOrigin), "sockjs");
    assertRefused(RawHttp.request(port, "GET", "/eventbus/info", crossOrigin), "info");
    // AND reads same-origin, where a browser sends no Origin at all
    for (String path : List.of("/api/events", "/", "/metrics")) {
      RawHttp.Response r = RawHttp.request(port, "GET", path, Map.of("Host", rebound));
      // THEN its Host betrays it
      assertRefused(r, path);
      assertThat(r.body()).contains("Host");
    }
  }

  @Test
  void ownOriginsAndRequestsWithoutOriginPass(Vertx vertx) {
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    int port = service.httpPort();
    for (String own :
        List.of("http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port)) {
      Map<String, String> origin = Map.of("Origin", own);
      assertThat(RawHttp.upgrade(port, "/ws/events", origin).status()).as(own).isEqualTo(101);
      assertThat(RawHttp.upgrade(port, "/eventbus/websocket", origin).status()).isEqualTo(101);
      RawHttp.Response info = RawHttp.request(port, "GET", "/eventbus/info", origin);
      assertThat(info.status()).isEqualTo(200);
      assertThat(info.header("Access-Control-Allow-Origin")).isEqualTo(own);
      RawHttp.Response api = RawHttp.request(port, "GET", "/api/accounts", origin);
      assertThat(api.status()).isEqualTo(200);
      assertThat(api.header("Access-Control-Allow-Origin")).isEqualTo(own);
      assertThat(api.header("Vary")).isEqualTo("Origin");
      assertThat(api.header("Access-Control-Allow-Credentials")).isNull();
    }
    // another port on the same host is another origin (say a dev server on the same machine)
    assertRefused(
        RawHttp.request(port, "GET", "/api/events", Map.of("Origin", "http://127.0.0.1:1")),
        "other port");
    // no Origin: no browser page is involved (curl, scripts); no CORS header either
    RawHttp.Response plain = RawHttp.request(port, "GET", "/api/accounts", Map.of());
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.header("Access-Control-Allow-Origin")).isNull();
    assertThat(RawHttp.upgrade(port, "/ws/events", Map.of()).status()).isEqualTo(101);
    assertThat(
            RawHttp.request(port, "GET", "/api/events", Map.of("Host", "localhost:" + port))
                .status())
        .isEqualTo(200);
  }

  @Test
  void anAllowedOriginPassesWithCorsForItAlone(Vertx vertx) {
    GatewayService service =
        GatewayService.start(vertx, TestEvents.options().allowedOrigins(List.of(DASH)).build())
            .await();
    int port = service.httpPort();
    Map<String, String> dash = Map.of("Origin", DASH);
    assertThat(RawHttp.upgrade(port, "/ws/events", dash).status()).isEqualTo(101);
    assertThat(RawHttp.upgrade(port, "/eventbus/websocket", dash).status()).isEqualTo(101);
    RawHttp.Response info = RawHttp.request(port, "GET", "/eventbus/info", dash);
    assertThat(info.status()).isEqualTo(200);
    assertThat(info.header("Access-Control-Allow-Origin")).isEqualTo(DASH);
    RawHttp.Response preflight =
        RawHttp.request(
            port,
            "OPTIONS",
            "/api/events",
            Map.of(
                "Origin",
                DASH,
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "authorization"));
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(DASH);
    assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
    // behind a reverse proxy that passes its own Host
    RawHttp.Response proxied =
        RawHttp.request(
            port, "GET", "/api/events", Map.of("Origin", DASH, "Host", "dash.example.com"));
    assertThat(proxied.status()).isEqualTo(200);
    assertThat(proxied.header("Access-Control-Allow-Origin")).isEqualTo(DASH);
    // and the allow-list is no wildcard
    assertRefused(RawHttp.request(port, "GET", "/eventbus/info", Map.of("Origin", EVIL)), "evil");
  }

  @Test
  void commandsNeedACommandTokenOnEveryBridgeEvenOnLoopback(Vertx vertx) {
    commandsAreRefusedWithoutTokens(vertx);
    aReadTokenIsRefusedACommandAndACommandTokenIsServed(vertx);
  }

  private void commandsAreRefusedWithoutTokens(Vertx vertx) {
    // GIVEN a loopback service with no token, and an adapter's command consumer
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> adapter = commandConsumer(vertx, received);

    // WHEN an unlock is sent over SockJS, with and without a made-up token
    WsTestClient sockJs = sockJs(vertx, service.httpPort(), "/eventbus/websocket");
    sockJs.send(command("r1", null));
    sockJs.send(command("r2", "any-token"));
    // THEN both are refused
    awaitErrors(sockJs, 2);

    // WHEN the same is sent over the TCP bridge
    try (TcpTestClient tcp = new TcpTestClient(service.tcpPort())) {
      tcp.send(command("r3", null), command("r4", "any-token"));
      tcp.sync();
      // THEN both are refused as forbidden
      assertThat(tcp.errors()).containsExactly("forbidden", "forbidden");
    }
    // AND nothing reached the adapter, while reading still works
    assertThat(received).isEmpty();
    sockJs.send(new JsonObject().put("type", "register").put("address", "cloudbus.events"));
    // published again until the registration has landed (it is not acknowledged)
    await()
        .atMost(PATIENT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              TestEvents.publish(vertx, "home-assistant", "house", "entity.state_changed");
              return sockJs.frames.stream()
                  .anyMatch(f -> "cloudbus.events".equals(f.getString("address")));
            });
    sockJs.close();
    adapter.unregister().await();
    service.close().await();
  }

  private void aReadTokenIsRefusedACommandAndACommandTokenIsServed(Vertx vertx) {
    GatewayService service =
        GatewayService.start(
                vertx,
                TestEvents.options()
                    .addToken("reader-secret", Role.READ)
                    .addToken("admin-secret", Role.COMMAND)
                    .build())
            .await();
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> adapter = commandConsumer(vertx, received);
    WsTestClient sockJs =
        sockJs(vertx, service.httpPort(), "/eventbus/websocket?token=reader-secret");
    // WHEN the reader sends a command, then the same frame carries the command token
    sockJs.send(command("r1", null));
    awaitErrors(sockJs, 1);
    sockJs.send(command("r2", "admin-secret"));
    // THEN only the second reaches the adapter, without the token, and its reply comes back
    JsonObject reply = sockJs.awaitFrame(f -> "r2".equals(f.getString("address")));
    assertThat(reply.getJsonObject("body").getBoolean("ok")).isTrue();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).getString("headers")).doesNotContain("token");
    sockJs.close();
    adapter.unregister().await();
  }

  /**
   * A client of SockJS's raw WebSocket transport, which sends the bridge's own error frames as
   * binary messages: those are recorded too (nothing is sent before our first frame).
   */
  private static WsTestClient sockJs(Vertx vertx, int port, String uri) {
    WsTestClient client = WsTestClient.connect(vertx, port, uri);
    client.ws.binaryMessageHandler(b -> client.frames.add(b.toJsonObject()));
    return client;
  }

  private static MessageConsumer<JsonObject> commandConsumer(
      Vertx vertx, List<JsonObject> received) {
    MessageConsumer<JsonObject> adapter =
        vertx
            .eventBus()
            .consumer(
                COMMAND_ADDRESS,
                m -> {
                  received.add(
                      new JsonObject()
                          .put("body", m.body())
                          .put("headers", m.headers().names().toString()));
                  m.reply(new JsonObject().put("ok", true));
                });
    adapter.completion().await();
    return adapter;
  }

  /** A generic-adapter command as a bridge frame, with the token in its headers when given. */
  private static JsonObject command(String replyAddress, String token) {
    JsonObject frame =
        new JsonObject()
            .put("type", "send")
            .put("address", COMMAND_ADDRESS)
            .put("replyAddress", replyAddress)
            .put(
                "body",
                new JsonObject()
                    .put("action", "call_service")
                    .put("domain", "lock")
                    .put("service", "unlock"));
    if (token != null) {
      frame.put("headers", new JsonObject().put("token", token));
    }
    return frame;
  }

  private static void awaitErrors(WsTestClient sockJs, int count) {
    await().atMost(PATIENT).until(() -> sockJs.count("err") >= count);
    assertThat(sockJs.frames.stream().filter(f -> "err".equals(f.getString("type"))))
        .hasSize(count)
        .allSatisfy(f -> assertThat(f.getString("body")).isEqualTo("rejected"));
  }

  private static void assertRefused(RawHttp.Response r, String what) {
    assertThat(r.status()).as(what).isEqualTo(403);
    assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code"))
        .as(what)
        .isEqualTo("origin_not_allowed");
    assertThat(r.header("Access-Control-Allow-Origin")).as(what).isNull();
    assertThat(r.header("Upgrade")).as(what).isNull();
  }
}

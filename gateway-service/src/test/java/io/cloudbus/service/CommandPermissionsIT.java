package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Per-token command permissions ({@code service.tokens[].commands}) on REST, the TCP bridge and the
 * SockJS bridge, and the {@code read} token refused on SockJS: a token limited to the door lock may
 * unlock it but not switch the light ({@code forbidden_action}, audited, nothing sent to the mock);
 * a client cannot widen its list with a header of its own.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommandPermissionsIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PATIENT).build();
  private static final String LIGHT = "aabbcc-0003-0000000003";
  private static final String ADDRESS = CloudbusAddresses.command("bticino", "home");
  private static ControlFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx =
        new ControlFixture(
                TestEvents.options()
                    .tokens(
                        List.of(
                            ApiToken.ofPlain("ops", "ops-secret", Set.of(Role.COMMAND)),
                            ApiToken.ofPlain("door", "door-secret", Set.of(Role.COMMAND))
                                .withCommands(Set.of("unlock_door", "lock_door")),
                            ApiToken.ofPlain("viewer", "viewer-secret", Set.of(Role.READ))))
                    .build())
            .withBticino()
            .connected();
    // the mock's light starts off; only a light_on that got through would switch it on
    assertThat(lightOn()).isFalse();
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static boolean lightOn() throws Exception {
    JsonObject module = fx.admin.send("GET", "/bticino/modules", null).getJsonObject(LIGHT);
    return Boolean.TRUE.equals(module.getValue("on"));
  }

  private static HttpResponse<String> post(String token, String action) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + fx.service.httpPort()
                        + "/api/accounts/bticino/home/commands"))
            .timeout(PATIENT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"" + action + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void restRefusesAnActionOutsideTheTokensCommandsWith403() throws Exception {
    // WHEN the door token switches the light on
    HttpResponse<String> refused = post("door-secret", "light_on");
    // THEN 403 forbidden_action naming the action, and the mock's light is untouched
    assertThat(refused.statusCode()).isEqualTo(403);
    JsonObject body = new JsonObject(refused.body());
    assertThat(body.getBoolean("ok")).isFalse();
    assertThat(body.getJsonObject("error").getString("code")).isEqualTo("forbidden_action");
    assertThat(body.getJsonObject("error").getString("message")).contains("light_on");
    assertThat(lightOn()).isFalse();
    // AND the refusal is audited with the token's name
    await().atMost(PATIENT).until(() -> fx.audit("failed", "light_on") != null);
    assertThat(fx.audit("failed", "light_on").getJsonObject("data").getString("sender"))
        .isEqualTo("door");
    // AND the actions it has are sent
    assertThat(post("door-secret", "unlock_door").statusCode()).isEqualTo(200);
    assertThat(post("door-secret", "lock_door").statusCode()).isEqualTo(200);
  }

  @Test
  void theTcpBridgeRefusesItAndAClientHeaderCannotWidenTheList() throws Exception {
    try (TcpTestClient tcp = new TcpTestClient(fx.service.tcpPort())) {
      // WHEN the door token sends light_on, claiming every action in a header of its own
      tcp.send(
          new JsonObject()
              .put("type", "send")
              .put("address", ADDRESS)
              .put("replyAddress", "t1")
              .put(
                  "headers",
                  new JsonObject()
                      .put("token", "door-secret")
                      .put("cloudbus-allowed-actions", "light_on,light_off"))
              .put("body", new JsonObject().put("action", "light_on")));
      JsonObject reply = tcp.awaitFrame(f -> "t1".equals(f.getString("address")));
      // THEN the reply envelope names forbidden_action and the light stays off
      assertThat(reply.getJsonObject("body").getBoolean("ok")).isFalse();
      assertThat(reply.getJsonObject("body").getJsonObject("error").getString("code"))
          .isEqualTo("forbidden_action");
      assertThat(lightOn()).isFalse();
    }
  }

  @Test
  void theSockJsBridgeRefusesAForbiddenActionAndAReadToken() throws Exception {
    // GIVEN the door token on SockJS's raw WebSocket
    try (SockJsSocket door = SockJsSocket.open(fx.service.httpPort(), "door-secret")) {
      door.send(ADDRESS, "s1", "light_on");
      JsonObject reply = door.await(f -> "s1".equals(f.getString("address")));
      // THEN the reply envelope names forbidden_action
      assertThat(reply.getJsonObject("body").getJsonObject("error").getString("code"))
          .isEqualTo("forbidden_action");
      // AND an allowed action goes through
      door.send(ADDRESS, "s2", "unlock_door");
      assertThat(
              door.await(f -> "s2".equals(f.getString("address")))
                  .getJsonObject("body")
                  .getBoolean("ok"))
          .isTrue();
    }
    // WHEN a read token sends a command over SockJS
    try (SockJsSocket viewer = SockJsSocket.open(fx.service.httpPort(), "viewer-secret")) {
      viewer.send(ADDRESS, "s3", "light_on");
      // THEN the bridge refuses it with an error frame and nothing reaches the account
      JsonObject err = viewer.await(f -> "err".equals(f.getString("type")));
      assertThat(err.encode()).doesNotContain("\"ok\":true");
      assertThat(viewer.frames).noneMatch(f -> "s3".equals(f.getString("address")));
    }
    assertThat(lightOn()).isFalse();
    assertThat(fx.audit("succeeded", "light_on")).isNull();
  }

  /** Vert.x SockJS's raw WebSocket transport ({@code /eventbus/websocket}): plain JSON frames. */
  static final class SockJsSocket implements AutoCloseable, WebSocket.Listener {
    final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    static SockJsSocket open(int port, String token) throws Exception {
      SockJsSocket s = new SockJsSocket();
      s.ws =
          HTTP.newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + port + "/eventbus/websocket?token=" + token), s)
              .get(PATIENT.toSeconds(), TimeUnit.SECONDS);
      return s;
    }

    void send(String address, String replyAddress, String action) throws Exception {
      ws.sendText(
              new JsonObject()
                  .put("type", "send")
                  .put("address", address)
                  .put("replyAddress", replyAddress)
                  .put("body", new JsonObject().put("action", action))
                  .encode(),
              true)
          .get(PATIENT.toSeconds(), TimeUnit.SECONDS);
    }

    JsonObject await(Predicate<JsonObject> match) {
      org.awaitility.Awaitility.await()
          .atMost(PATIENT)
          .until(() -> frames.stream().anyMatch(match));
      return frames.stream().filter(match).findFirst().orElseThrow();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    /** Vert.x's raw transport writes its frames as binary WebSocket messages. */
    @Override
    public CompletionStage<?> onBinary(
        WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      return onText(webSocket, new String(bytes, java.nio.charset.StandardCharsets.UTF_8), last);
    }

    @Override
    public void close() {
      ws.abort();
    }
  }
}

package io.cloudbus.simplisafe;

import static io.cloudbus.simplisafe.TestSupport.await;
import static io.cloudbus.simplisafe.TestSupport.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.auth.Pkce;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SimpliSafe emulation speaks the real protocol: raw HTTP and WebSocket, no adapter code. */
@Timeout(300)
class SimpliSafeEmulationIT {

  @RegisterExtension static MockCloudExtension mock = new MockCloudExtension();

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static String tokenUrl(MockCloud cloud) {
    return cloud.endpoints("simplisafe").getString("tokenUrl");
  }

  private static JsonObject refresh(MockCloud cloud, String rt, int expectedStatus) {
    HttpResponse<String> r =
        http(
            "POST",
            tokenUrl(cloud),
            null,
            new JsonObject()
                .put("grant_type", "refresh_token")
                .put("client_id", SimpliSafeProtocol.CLIENT_ID)
                .put("refresh_token", rt)
                .encode());
    assertThat(r.statusCode()).isEqualTo(expectedStatus);
    return new JsonObject(r.body());
  }

  private static String code(MockCloud cloud, Pkce pkce) {
    String url =
        cloud.endpoints("simplisafe").getString("authorizeUrl")
            + "?audience="
            + enc(SimpliSafeProtocol.AUDIENCE)
            + "&client_id="
            + SimpliSafeProtocol.CLIENT_ID
            + "&code_challenge="
            + pkce.challenge()
            + "&code_challenge_method=S256&redirect_uri="
            + enc(SimpliSafeProtocol.REDIRECT_URI)
            + "&response_type=code&scope="
            + enc(SimpliSafeProtocol.SCOPE);
    HttpResponse<String> r = http("GET", url, null, null);
    assertThat(r.statusCode()).isEqualTo(302);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(SimpliSafeProtocol.REDIRECT_URI + "?code=");
    return SimpliSafeLoginFlow.extractCode(location);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> exchange(MockCloud cloud, String code, String verifier) {
    return http(
        "POST",
        tokenUrl(cloud),
        null,
        new JsonObject()
            .put("grant_type", "authorization_code")
            .put("client_id", SimpliSafeProtocol.CLIENT_ID)
            .put("code_verifier", verifier)
            .put("code", code)
            .put("redirect_uri", SimpliSafeProtocol.REDIRECT_URI)
            .encode());
  }

  /** Connects and installs the handler as the connect completes, so the hello is not missed. */
  private static WebSocket connect(
      WebSocketClient client, MockCloud cloud, List<JsonObject> received) {
    return await(
        client
            .connect(
                new io.vertx.core.http.WebSocketConnectOptions()
                    .setAbsoluteURI(cloud.endpoints("simplisafe").getString("socketUrl")))
            .map(
                ws -> {
                  ws.textMessageHandler(t -> received.add(new JsonObject(t)));
                  return ws;
                }));
  }

  @Test
  void codeExchangeVerifiesPkceAndRefreshOmitsTheRefreshToken(MockCloud cloud) {
    // GIVEN an authorization code issued for a challenge
    Pkce pkce = Pkce.generate();

    // WHEN a wrong verifier is sent, THEN 403 invalid_grant and the code is gone
    HttpResponse<String> wrong = exchange(cloud, code(cloud, pkce), Pkce.generate().verifier());
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(wrong.body()).getString("error")).isEqualTo("invalid_grant");

    // WHEN the right verifier is sent with a fresh code
    HttpResponse<String> ok = exchange(cloud, code(cloud, pkce), pkce.verifier());
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonObject tokens = new JsonObject(ok.body());
    assertThat(tokens.getLong("expires_in")).isEqualTo(3600L);
    assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
    assertThat(tokens.fieldNames()).contains("access_token", "refresh_token", "id_token", "scope");

    // THEN a refresh answers without refresh_token, and the old one keeps working
    JsonObject refreshed = refresh(cloud, tokens.getString("refresh_token"), 200);
    assertThat(refreshed.containsKey("refresh_token")).isFalse();
    assertThat(refresh(cloud, tokens.getString("refresh_token"), 200).getString("access_token"))
        .isNotEmpty();
  }

  @Test
  void revokedRefreshTokenIsInvalidGrant(MockCloud cloud, MockCloudAdminClient admin) {
    admin.revokeRefreshTokens("simplisafe");

    JsonObject error = refresh(cloud, TestSupport.demoRefreshToken(cloud), 403);

    assertThat(error)
        .isEqualTo(
            new JsonObject()
                .put("error", "invalid_grant")
                .put("error_description", "Unknown or invalid refresh token."));
  }

  @Test
  void restCallsAndTheFiftyEventCap(MockCloud cloud, MockCloudAdminClient admin) {
    String access =
        refresh(cloud, TestSupport.demoRefreshToken(cloud), 200).getString("access_token");
    String api = cloud.endpoints("simplisafe").getString("apiBaseUrl");

    assertThat(new JsonObject(http("GET", api + "/v1/api/authCheck", access, null).body()))
        .isEqualTo(new JsonObject().put("userId", 12345).put("isAdmin", false));
    JsonObject subs =
        new JsonObject(
            http("GET", api + "/v1/users/12345/subscriptions?activeOnly=true", access, null)
                .body());
    assertThat(SimpliSafeApi.systemsOf(subs)).containsExactly(98765L);
    assertThat(http("GET", api + "/v1/api/authCheck", "nope", null).statusCode()).isEqualTo(401);

    admin.pushSimpliSafe(
        new JsonArray()
            .add(new JsonObject().put("eventCid", 1400).put("eventTimestamp", 100))
            .add(new JsonObject().put("eventCid", 3401).put("eventTimestamp", 200)));
    JsonObject page =
        new JsonObject(
            http("GET", api + "/v1/subscriptions/98765/events?numEvents=50", access, null).body());
    JsonArray events = page.getJsonArray("events");
    assertThat(events).hasSize(2);
    assertThat(events.getJsonObject(0).getInteger("eventCid")).as("newest first").isEqualTo(3401);
    assertThat(page.getLong("lastEventTimestamp")).isEqualTo(100L);

    HttpResponse<String> tooMany =
        http("GET", api + "/v1/subscriptions/98765/events?numEvents=51", access, null);
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(tooMany.body()))
        .isEqualTo(new JsonObject().put("errorType", "InvalidParameter").put("param", "numEvents"));

    admin.expireAccessTokens("simplisafe");
    assertThat(http("GET", api + "/v1/api/authCheck", access, null).statusCode()).isEqualTo(401);
  }

  @Test
  void socketHelloIdentifySubscribedThenEvents(MockCloud cloud, MockCloudAdminClient admin) {
    String access =
        refresh(cloud, TestSupport.demoRefreshToken(cloud), 200).getString("access_token");
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = connect(client, cloud, received);
    await().atMost(Patience.PATIENT).until(() -> received.size() >= 1);
    assertThat(received.get(0).getString("type")).isEqualTo("com.simplisafe.service.hello");
    assertThat(received.get(0).getJsonObject("data").getJsonObject("timeouts"))
        .isEqualTo(new JsonObject().put("heartbeat", 45000).put("inactivity", 30000));

    await(ws.writeTextMessage(SimpliSafeProtocol.identify(access, 12345, Instant.now()).encode()));
    await().atMost(Patience.PATIENT).until(() -> received.size() >= 3);
    assertThat(received.get(1).getString("type")).isEqualTo("com.simplisafe.service.registered");
    assertThat(received.get(2).getString("type")).isEqualTo("com.simplisafe.namespace.subscribed");

    JsonObject pushed =
        admin.pushSimpliSafe(new JsonObject().put("eventCid", 1400).put("userId", 12345));
    assertThat(pushed).isEqualTo(new JsonObject().put("pushed", 1).put("sockets", 1));
    await().atMost(Patience.PATIENT).until(() -> received.size() >= 4);
    JsonObject event = received.get(3);
    assertThat(event.getString("type")).isEqualTo("com.simplisafe.event.standard");
    assertThat(event.getString("source")).isEqualTo("messagequeue");
    assertThat(event.getString("id"))
        .isEqualTo("id:" + event.getJsonObject("data").getLong("eventId"));
    assertThat(event.getString("time"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    // An event for another user reaches no socket
    assertThat(admin.pushSimpliSafe(new JsonObject().put("eventCid", 1400).put("userId", 1)))
        .isEqualTo(new JsonObject().put("pushed", 1).put("sockets", 0));

    // Expired token: the server drops the socket
    admin.expireAccessTokens("simplisafe");
    await().atMost(Patience.PATIENT).until(ws::isClosed);
    assertThat(cloud.stats().getJsonObject("simplisafe").getLong("closedOnExpiry")).isEqualTo(1L);
    await(client.close());
  }

  @Test
  void socketIsClosedAtTheTokensNaturalExpiry(MockCloud cloud, MockCloudAdminClient admin) {
    // GIVEN access tokens that live three seconds
    admin.send("PUT", "/simplisafe/access-token-lifetime", "{\"seconds\":3}");
    JsonObject tokens = refresh(cloud, TestSupport.demoRefreshToken(cloud), 200);
    assertThat(tokens.getLong("expires_in")).isEqualTo(3L);
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = connect(client, cloud, received);
    await(
        ws.writeTextMessage(
            SimpliSafeProtocol.identify(tokens.getString("access_token"), 12345, Instant.now())
                .encode()));

    // WHEN the token expires, THEN the server closes the socket
    await().atMost(Patience.PATIENT).until(ws::isClosed);
    assertThat(received)
        .extracting(m -> m.getString("type"))
        .contains("com.simplisafe.namespace.subscribed");
    assertThat(cloud.stats().getJsonObject("simplisafe").getLong("closedOnExpiry")).isEqualTo(1L);
    await(client.close());
  }

  @Test
  void identifyWithAWrongUserIsRejected(MockCloud cloud) {
    String access =
        refresh(cloud, TestSupport.demoRefreshToken(cloud), 200).getString("access_token");
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = connect(client, cloud, received);
    await().atMost(Patience.PATIENT).until(() -> received.size() >= 1);

    await(ws.writeTextMessage(SimpliSafeProtocol.identify(access, 999, Instant.now()).encode()));

    await().atMost(Patience.PATIENT).until(ws::isClosed);
    assertThat(received)
        .extracting(m -> m.getString("type"))
        .doesNotContain("com.simplisafe.namespace.subscribed");
    assertThat(ws.closeStatusCode()).isEqualTo((short) 1008);
    await(client.close());
    assertThat(URI.create(cloud.endpoints("simplisafe").getString("socketUrl")).getScheme())
        .isEqualTo("ws");
  }
}

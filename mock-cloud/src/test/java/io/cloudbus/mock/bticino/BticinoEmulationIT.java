package io.cloudbus.mock.bticino;

import static io.cloudbus.mock.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The BTicino emulation spoken to like the real app would, with plain Vert.x clients. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BticinoEmulationIT {

  @RegisterExtension
  static final MockCloudExtension MOCK = new MockCloudExtension(List.of(new BticinoEmulation()));

  WebClient web;
  WebSocketClient wsClient;

  @BeforeEach
  void clients() {
    web = WebClient.create(MOCK.vertx());
    wsClient = MOCK.vertx().createWebSocketClient();
  }

  @AfterEach
  void close() throws Exception {
    web.close();
    await(wsClient.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> token(MockCloud cloud, MultiMap form) throws Exception {
    return await(web.postAbs(cloud.endpoints("bticino").getString("tokenUrl")).sendForm(form));
  }

  static MultiMap passwordForm(String password) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "password")
        .add("username", BticinoHomeSeed.USERNAME)
        .add("password", password)
        .add("client_id", BticinoHomeSeed.CLIENT_ID)
        .add("client_secret", BticinoHomeSeed.CLIENT_SECRET)
        .add("scope", "security_scopes")
        .add("app_version", "4.1.1.3");
  }

  HttpResponse<Buffer> api(MockCloud cloud, String path, String bearer, JsonObject body)
      throws Exception {
    var req = web.postAbs(cloud.endpoints("bticino").getString("apiBaseUrl") + path);
    if (bearer != null) {
      req.bearerTokenAuthentication(bearer);
    }
    return await(req.sendJsonObject(body));
  }

  @Test
  void tokenGrantsAndErrors(MockCloud cloud, MockCloudAdminClient admin) throws Exception {
    HttpResponse<Buffer> bad = token(cloud, passwordForm("wrong"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    JsonObject ok = token(cloud, passwordForm(BticinoHomeSeed.PASSWORD)).bodyAsJsonObject();
    assertThat(ok.getString("access_token")).isNotBlank();
    assertThat(ok.getLong("expires_in")).isEqualTo(3600L);
    MultiMap refresh =
        MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "refresh_token")
            .add("refresh_token", ok.getString("refresh_token"))
            .add("client_id", BticinoHomeSeed.CLIENT_ID)
            .add("client_secret", BticinoHomeSeed.CLIENT_SECRET);
    assertThat(token(cloud, refresh).statusCode()).isEqualTo(200);
    admin.faults("bticino", new JsonObject().put("rateLimited", true));
    HttpResponse<Buffer> limited = token(cloud, refresh);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.bodyAsJsonObject().getJsonObject("error").getInteger("code")).isEqualTo(28);
    admin.clearFaults("bticino");
    admin.revokeRefreshTokens("bticino");
    assertThat(token(cloud, refresh).bodyAsJsonObject().getString("error"))
        .isEqualTo("invalid_grant");
    assertThat(cloud.stats().getJsonObject("bticino").getLong("logins")).isEqualTo(1);
  }

  @Test
  void restWithBearerAndTheEncodedGeteventsPath(MockCloud cloud, MockCloudAdminClient admin)
      throws Exception {
    String access =
        token(cloud, passwordForm(BticinoHomeSeed.PASSWORD))
            .bodyAsJsonObject()
            .getString("access_token");
    JsonObject homes =
        api(cloud, "/api/homesdata", access, new JsonObject().put("app_type", "app_camera"))
            .bodyAsJsonObject();
    assertThat(homes.getString("status")).isEqualTo("ok");
    assertThat(homes.getJsonObject("body").getJsonArray("homes").getJsonObject(0).getString("id"))
        .isEqualTo(BticinoHomeSeed.HOME_ID);
    // two calls pushed: history newest first, one outdoor event per subevent
    admin.pushBticino(
        new JsonArray()
            .add(call("incoming_call", "s-1"))
            .add(call("incoming_call", "s-1"))
            .add(call("missed_call", "s-1")));
    JsonObject body =
        new JsonObject()
            .put("app_type", "app_camera")
            .put("size", 20)
            .put("app_version", "4.1.1.3")
            .put("home_id", BticinoHomeSeed.HOME_ID);
    for (String path : List.of("/api/getevents", "/%2Fapi%2Fgetevents")) {
      HttpResponse<Buffer> resp = api(cloud, path, access, body);
      assertThat(resp.statusCode()).as(path).isEqualTo(200);
      JsonArray events =
          resp.bodyAsJsonObject()
              .getJsonObject("body")
              .getJsonObject("home")
              .getJsonArray("events");
      assertThat(events).hasSize(2);
      JsonObject newest = events.getJsonObject(0).getJsonArray("subevents").getJsonObject(0);
      assertThat(newest.getString("type")).isEqualTo("missed_call");
      assertThat(newest.getString("session_id")).isEqualTo("s-1");
    }
    assertThat(api(cloud, "/api/homesdata", null, body).statusCode()).isEqualTo(401);
    admin.expireAccessTokens("bticino");
    HttpResponse<Buffer> expired = api(cloud, "/api/homesdata", access, body);
    assertThat(expired.statusCode()).isEqualTo(403);
  }

  @Test
  void historyJoinsAnOfferFirstCallToItsIncomingCallPush(
      MockCloud cloud, MockCloudAdminClient admin) throws Exception {
    // GIVEN quirks at their defaults (retransmits and per-receiver copies on)
    assertThat(admin.send("GET", "/bticino/settings", null).getInteger("offerRetransmits"))
        .isPositive();
    String access =
        token(cloud, passwordForm(BticinoHomeSeed.PASSWORD))
            .bodyAsJsonObject()
            .getString("access_token");
    // WHEN the offer comes first, then the incoming_call push with its ids, time and images
    JsonObject offer =
        new JsonObject()
            .put("push_type", "BNC1-rtc")
            .put(
                "extra_params",
                new JsonObject()
                    .put("session_id", "s-join")
                    .put("home_id", BticinoHomeSeed.HOME_ID)
                    .put("data", new JsonObject().put("type", "offer")));
    JsonObject incoming = call("incoming_call", "s-join");
    incoming
        .getJsonObject("extra_params")
        .put("event_id", "69ca7a3aeeefc6e8a1cf8cef")
        .put("subevent_id", "69ca7a3a59c54a2c490395f4")
        .put("timestamp", 1774877242L)
        .put("snapshot_url", "https://example.invalid/snap.jpg")
        .put("vignette_url", "https://example.invalid/vig.jpg");
    admin.pushBticino(new JsonArray().add(offer).add(incoming));
    // THEN one history entry, carrying the push's ids, time and URLs
    JsonArray events =
        api(
                cloud,
                "/api/getevents",
                access,
                new JsonObject().put("home_id", BticinoHomeSeed.HOME_ID).put("size", 20))
            .bodyAsJsonObject()
            .getJsonObject("body")
            .getJsonObject("home")
            .getJsonArray("events");
    assertThat(events).hasSize(1);
    JsonObject event = events.getJsonObject(0);
    JsonObject sub = event.getJsonArray("subevents").getJsonObject(0);
    assertThat(event.getString("id")).isEqualTo("69ca7a3aeeefc6e8a1cf8cef");
    assertThat(event.getLong("time")).isEqualTo(1774877242L);
    assertThat(sub.getString("id")).isEqualTo("69ca7a3a59c54a2c490395f4");
    assertThat(sub.getLong("time")).isEqualTo(1774877242L);
    assertThat(sub.getJsonObject("snapshot").getString("url"))
        .isEqualTo("https://example.invalid/snap.jpg");
    assertThat(sub.getJsonObject("vignette").getString("url"))
        .isEqualTo("https://example.invalid/vig.jpg");
  }

  static JsonObject call(String event, String session) {
    return new JsonObject()
        .put("push_type", "BNC1-" + event)
        .put(
            "extra_params",
            new JsonObject()
                .put("event_type", event)
                .put("home_id", BticinoHomeSeed.HOME_ID)
                .put("device_id", BticinoHomeSeed.BRIDGE_ID)
                .put("session_id", session));
  }

  @Test
  void pushSocketSubscribeResubscribeRetransmitsAndCopies(
      MockCloud cloud, MockCloudAdminClient admin) throws Exception {
    admin.send(
        "PUT",
        "/bticino/settings",
        new JsonObject()
            .put("offerRetransmits", 2)
            .put("offerRetransmitIntervalMs", 50)
            .put("receivers", 3)
            .encode());
    String access =
        token(cloud, passwordForm(BticinoHomeSeed.PASSWORD))
            .bodyAsJsonObject()
            .getString("access_token");
    URI uri = URI.create(cloud.endpoints("bticino").getString("socketUrl"));
    WebSocket ws =
        await(
            wsClient.connect(
                new WebSocketConnectOptions()
                    .setHost(uri.getHost())
                    .setPort(uri.getPort())
                    .setURI(uri.getPath())));
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    JsonObject subscribe =
        new JsonObject()
            .put("action", "Subscribe")
            .put("access_token", "not-a-token")
            .put("app_type", "app_camera")
            .put("platform", "Android")
            .put("version", "4.1.1.3");
    await(ws.writeTextMessage(subscribe.encode()));
    assertThat(
            frames
                .poll(PATIENT_SECONDS, TimeUnit.SECONDS)
                .getJsonObject("error")
                .getInteger("code"))
        .isEqualTo(11);
    await(ws.writeTextMessage(subscribe.copy().put("access_token", access).encode()));
    assertThat(frames.poll(PATIENT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new JsonObject().put("status", "ok"));
    await(ws.writeTextMessage(subscribe.copy().put("access_token", access).encode()));
    assertThat(frames.poll(PATIENT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new JsonObject().put("status", "ok"));
    // an offer is sent 1 + 2 times, a terminate once per receiver (distinct _id)
    JsonObject offer =
        new JsonObject()
            .put("push_type", "BNC1-rtc")
            .put(
                "extra_params",
                new JsonObject()
                    .put("session_id", "s-9")
                    .put("home_id", BticinoHomeSeed.HOME_ID)
                    .put("data", new JsonObject().put("type", "offer")));
    JsonObject result = admin.pushBticino(offer);
    assertThat(result).isEqualTo(new JsonObject().put("pushed", 1).put("sockets", 1));
    for (int i = 0; i < 3; i++) {
      assertThat(frames.poll(PATIENT_SECONDS, TimeUnit.SECONDS)).isEqualTo(offer);
    }
    JsonObject terminate = offer.copy();
    terminate.getJsonObject("extra_params").put("data", new JsonObject().put("type", "terminate"));
    admin.pushBticino(terminate);
    JsonArray ids = new JsonArray();
    for (int i = 0; i < 3; i++) {
      JsonObject copy = frames.poll(PATIENT_SECONDS, TimeUnit.SECONDS);
      assertThat(copy.getString("push_type")).isEqualTo("BNC1-rtc");
      ids.add(copy.getString("_id"));
    }
    assertThat(ids.stream().distinct().count()).isEqualTo(3);
    // another home's push reaches no socket
    JsonObject other = offer.copy();
    other.getJsonObject("extra_params").put("home_id", "000000000000000000000000");
    assertThat(admin.pushBticino(other).getInteger("sockets")).isZero();
    await(ws.close());
  }
}

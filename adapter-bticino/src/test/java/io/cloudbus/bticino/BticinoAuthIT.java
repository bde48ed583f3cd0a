package io.cloudbus.bticino;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.bticino.BticinoEmulation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class BticinoAuthIT {

  @RegisterExtension
  static final MockCloudExtension MOCK = new MockCloudExtension(List.of(new BticinoEmulation()));

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage()
        .toCompletableFuture()
        .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  static FailureClass failureOf(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      return CloudbusException.classify(e.getCause());
    }
    throw new AssertionError("expected a failure");
  }

  static BticinoAuthHandler handler(MockCloud cloud, JsonObject config, TokenStore store) {
    return new BticinoAuthHandler(cloud.vertx(), BticinoConfig.fromJson(config), store);
  }

  static long stat(MockCloud cloud, String name) {
    return BticinoTestSupport.stat(cloud, name);
  }

  @Test
  void passwordLoginThenRestartUsesTheStoredRefreshToken(MockCloud cloud, @TempDir Path dir)
      throws Exception {
    // GIVEN a file token store and a first run that logs in with the password
    TokenStore store = TokenStore.file(cloud.vertx(), dir.resolve("tokens.json"));
    JsonObject config = BticinoTestSupport.accountConfig(cloud, new JsonObject());
    BticinoAuthHandler first = handler(cloud, config, store);
    AccessToken t1 = await(first.validToken());
    first.close();
    assertThat(stat(cloud, "logins")).isEqualTo(1);
    // WHEN the access token dies and the process restarts with the same store
    MockCloudAdminClient.of(cloud).expireAccessTokens("bticino");
    BticinoAuthHandler second = handler(cloud, config, store);
    AccessToken stored = await(second.login());
    AccessToken fresh = await(second.tokenRejected(stored));
    // the store write is asynchronous: let it land before the temp dir goes
    org.awaitility.Awaitility.await()
        .atMost(Patience.PATIENT)
        .until(() -> fresh.accessToken().equals(await(store.load("bticino/home")).accessToken()));
    second.close();
    // THEN it refreshed with the stored refresh token and never logged in again
    assertThat(stored.accessToken()).isEqualTo(t1.accessToken());
    assertThat(fresh.accessToken()).isNotEqualTo(t1.accessToken());
    assertThat(stat(cloud, "logins")).isEqualTo(1);
    assertThat(stat(cloud, "refreshes")).isEqualTo(1);
  }

  @Test
  void revokedRefreshTokenFallsBackToOnePasswordLogin(MockCloud cloud) throws Exception {
    BticinoAuthHandler auth =
        handler(
            cloud,
            BticinoTestSupport.accountConfig(cloud, new JsonObject()),
            TokenStore.inMemory());
    await(auth.validToken());
    MockCloudAdminClient.of(cloud).revokeRefreshTokens("bticino");
    AccessToken after = await(auth.refresh());
    auth.close();
    assertThat(after).isNotNull();
    assertThat(stat(cloud, "logins")).isEqualTo(2);
  }

  @Test
  void classifiesBadPasswordRateLimitAndServerErrors(MockCloud cloud) throws Exception {
    MockCloudAdminClient admin = MockCloudAdminClient.of(cloud);
    JsonObject base = BticinoTestSupport.accountConfig(cloud, new JsonObject());
    // bad password: 400 invalid_grant
    BticinoAuthHandler bad =
        handler(cloud, base.copy().put("password", "nope"), TokenStore.inMemory());
    assertThat(failureOf(bad.validToken())).isEqualTo(FailureClass.AUTH);
    // 429 code 28
    admin.faults("bticino", new JsonObject().put("rateLimited", true));
    BticinoAuthHandler limited = handler(cloud, base, TokenStore.inMemory());
    assertThat(failureOf(limited.validToken())).isEqualTo(FailureClass.RATE_LIMITED);
    admin.clearFaults("bticino");
    // 500 code 11 on refresh: transient, the token is kept, no password login
    BticinoAuthHandler ok = handler(cloud, base, TokenStore.inMemory());
    await(ok.validToken());
    admin.faults("bticino", new JsonObject().put("tokenServerError", true));
    assertThat(failureOf(ok.refresh())).isEqualTo(FailureClass.TRANSIENT);
    assertThat(ok.currentToken()).isNotNull();
    assertThat(stat(cloud, "logins")).isEqualTo(1);
    for (BticinoAuthHandler h : List.of(bad, limited, ok)) {
      h.close();
    }
  }

  @Test
  void rotatedRefreshTokensAreKept(MockCloud cloud) throws Exception {
    // GIVEN a cloud that rotates refresh tokens
    MockCloudAdminClient.of(cloud)
        .send(
            "PUT", "/bticino/settings", new JsonObject().put("rotateRefreshTokens", true).encode());
    BticinoAuthHandler auth =
        handler(
            cloud,
            BticinoTestSupport.accountConfig(cloud, new JsonObject()),
            TokenStore.inMemory());
    AccessToken first = await(auth.validToken());
    // WHEN it refreshes twice
    AccessToken second = await(auth.refresh());
    AccessToken third = await(auth.refresh());
    auth.close();
    // THEN each refresh used the newest refresh token (the old one is dead after rotation)
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(third.refreshToken()).isNotEqualTo(second.refreshToken());
    assertThat(stat(cloud, "logins")).isEqualTo(1);
    assertThat(stat(cloud, "refreshes")).isEqualTo(2);
  }

  @Test
  void restCallsRefreshOnceWhenNetatmoAnswers403(MockCloud cloud) throws Exception {
    // GIVEN a logged-in handler whose access token the cloud then expires
    JsonObject config = BticinoTestSupport.accountConfig(cloud, new JsonObject());
    BticinoAuthHandler auth = handler(cloud, config, TokenStore.inMemory());
    await(auth.validToken());
    MockCloudAdminClient.of(cloud).expireAccessTokens("bticino");
    io.cloudbus.bticino.impl.BticinoApi api =
        new io.cloudbus.bticino.impl.BticinoApi(
            io.vertx.ext.web.client.WebClient.create(cloud.vertx()),
            BticinoConfig.fromJson(config),
            auth);
    // WHEN the catch-up asks for the homes
    List<String> homes = await(api.homeIds());
    auth.close();
    // THEN the 403 made one refresh and the retry succeeded
    assertThat(homes).containsExactly(io.cloudbus.mock.bticino.BticinoHomeSeed.HOME_ID);
    assertThat(stat(cloud, "refreshes")).isEqualTo(1);
    assertThat(stat(cloud, "logins")).isEqualTo(1);
  }

  @Test
  void throttling403Code26IsRateLimited() {
    JsonObject body =
        new JsonObject().put("error", new JsonObject().put("code", 26).put("message", "x"));
    assertThat(BticinoAuthHandler.classify(403, null, body)).isEqualTo(FailureClass.RATE_LIMITED);
    assertThat(BticinoAuthHandler.classify(429, null, null)).isEqualTo(FailureClass.RATE_LIMITED);
    assertThat(BticinoAuthHandler.classify(503, null, null)).isEqualTo(FailureClass.TRANSIENT);
    assertThat(BticinoAuthHandler.classify(400, "invalid_grant", null)).isNull();
  }

  @Test
  void sendsTheAppsFormFieldsInOrder() throws Exception {
    // GIVEN a bare token endpoint that records the request bodies
    Vertx vertx = MOCK.vertx();
    List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicReference<String> contentType = new AtomicReference<>();
    HttpServer server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    req ->
                        req.body()
                            .onSuccess(
                                b -> {
                                  bodies.add(b.toString());
                                  contentType.set(req.getHeader("Content-Type"));
                                  req.response()
                                      .putHeader("Content-Type", "application/json")
                                      .end(
                                          new JsonObject()
                                              .put("access_token", "a1")
                                              .put("refresh_token", "r1")
                                              .put("expires_in", 10800)
                                              .encode());
                                }))
                .listen(0, "127.0.0.1"));
    JsonObject config =
        new JsonObject()
            .put("account", "home")
            .put("username", "u@x.it")
            .put("password", "p w")
            .put("clientSecret", "sec")
            .put(
                "endpoints",
                new JsonObject()
                    .put("tokenUrl", "http://127.0.0.1:" + server.actualPort() + "/oauth2/token"));
    BticinoAuthHandler auth =
        new BticinoAuthHandler(vertx, BticinoConfig.fromJson(config), TokenStore.inMemory());
    // WHEN it logs in and refreshes
    await(auth.login());
    await(auth.refresh());
    auth.close();
    await(server.close());
    // THEN the bodies are the app's, field for field
    assertThat(contentType.get()).startsWith("application/x-www-form-urlencoded");
    assertThat(bodies)
        .containsExactly(
            "grant_type=password&username=u%40x.it&password=p+w"
                + "&client_id=na_client_android_welcome&client_secret=sec"
                + "&scope=security_scopes&app_version=4.1.1.3",
            "grant_type=refresh_token&refresh_token=r1"
                + "&client_id=na_client_android_welcome&client_secret=sec");
  }
}

package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.testing.StubAuth;
import io.cloudbus.core.testing.TestSocket;
import io.cloudbus.core.testing.TestWsServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The status body says when the account's access token expires ({@code tokenExpiresAt}) and when it
 * was last refreshed ({@code tokenRefreshedAt}), from the socket's auth handler: times only, never
 * a token value.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TokenExpiryStatusIT {

  private Vertx vertx;
  private TestWsServer server;
  private final List<JsonObject> statuses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = get(new TestWsServer(vertx).start());
    vertx.eventBus().<JsonObject>consumer(CloudbusAddresses.STATUS, m -> statuses.add(m.body()));
  }

  @AfterEach
  void tearDown() throws Exception {
    get(server.close());
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage()
        .toCompletableFuture()
        .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private TestSocket deployed(AuthHandler auth) throws Exception {
    TestSocket s =
        new TestSocket(CloudSocketOptions.builder("test", "acc").build(), auth, server.port());
    get(vertx.deployVerticle(s));
    await().atMost(Patience.PATIENT).until(() -> s.state() == ConnectionState.CONNECTED);
    return s;
  }

  @Test
  void aLoginAndEachRefreshPublishTheTokenExpiryWithoutTheToken() throws Exception {
    // GIVEN a socket whose auth handler logs in with a one-hour token
    StubAuth auth = new StubAuth(vertx, AuthOptions.builder("test/acc").build());
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TestSocket s = deployed(auth);

    // THEN the status carries the token's expiry and the time of the login
    AccessToken first = auth.currentToken();
    await().atMost(Patience.PATIENT).until(() -> s.status().getString("tokenRefreshedAt") != null);
    JsonObject status = s.status();
    assertThat(status.getString("state")).isEqualTo("connected");
    assertThat(Instant.parse(status.getString("tokenExpiresAt"))).isEqualTo(first.expiresAt());
    assertThat(Instant.parse(status.getString("tokenRefreshedAt"))).isAfterOrEqualTo(before);
    assertThat(status.encode()).doesNotContain(first.accessToken(), first.refreshToken());

    // WHEN the token is refreshed (with a longer lifetime) while connected
    auth.lifetimeSeconds = 7200;
    AccessToken second = get(auth.refresh());

    // THEN a status with the new expiry is published, the token again absent
    await()
        .atMost(Patience.PATIENT)
        .until(
            () ->
                statuses.stream()
                    .anyMatch(
                        b -> second.expiresAt().toString().equals(b.getString("tokenExpiresAt"))));
    JsonObject refreshed =
        statuses.stream()
            .filter(b -> second.expiresAt().toString().equals(b.getString("tokenExpiresAt")))
            .findFirst()
            .orElseThrow();
    assertThat(Instant.parse(refreshed.getString("tokenRefreshedAt")))
        .isAfterOrEqualTo(Instant.parse(status.getString("tokenRefreshedAt")));
    assertThat(refreshed.encode()).doesNotContain(second.accessToken());
    assertThat(statuses).allSatisfy(b -> assertThat(b.encode()).doesNotContain("login-", "rt-1"));
  }

  @Test
  void aStoredTokenGivesItsExpiryWithoutALoginAndNoAuthMeansNoField() throws Exception {
    // GIVEN a stored token that is still valid for 50 minutes
    TokenStore store = TokenStore.inMemory();
    Instant expires = Instant.now().plusSeconds(3000).truncatedTo(ChronoUnit.SECONDS);
    get(store.save("test/acc", new AccessToken("STORED-AT", "STORED-RT", expires)));
    StubAuth auth = new StubAuth(vertx, AuthOptions.builder("test/acc").tokenStore(store).build());

    // WHEN the socket connects with it
    TestSocket s = deployed(auth);

    // THEN the status says when it expires, and no login or refresh happened
    assertThat(s.status().getString("tokenExpiresAt")).isEqualTo(expires.toString());
    assertThat(auth.logins.get() + auth.refreshes.get()).isZero();
    assertThat(s.status().encode()).doesNotContain("STORED-AT", "STORED-RT");
    get(vertx.undeploy(s.deploymentID()));

    // AND a socket without an auth handler has no token fields
    TestSocket plain = deployed(null);
    assertThat(plain.status().fieldNames()).doesNotContain("tokenExpiresAt", "tokenRefreshedAt");
  }
}

package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.auth.OAuth2Client;
import io.cloudbus.core.testing.ManualScheduler;
import io.cloudbus.core.testing.MutableClock;
import io.cloudbus.core.testing.PasswordAuth;
import io.cloudbus.core.testing.TestTokenEndpoint;
import io.cloudbus.core.testing.TestTokenEndpoint.Answer;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AuthHandlerIT {

  private Vertx vertx;
  private TestTokenEndpoint endpoint;
  private MutableClock clock;
  private ManualScheduler timers;
  private TokenStore store;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    endpoint = CloudSocketIT.get(new TestTokenEndpoint(vertx).start());
    clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    timers = new ManualScheduler();
    store = TokenStore.inMemory();
  }

  @AfterEach
  void tearDown() throws Exception {
    CloudSocketIT.get(endpoint.close());
  }

  private PasswordAuth auth(long marginMs) {
    OAuth2Client client =
        OAuth2Client.builder(vertx, endpoint.url()).clientId("cid").clock(clock).build();
    AuthOptions options =
        AuthOptions.builder("vendor/acc")
            .tokenStore(store)
            .refreshMarginMs(marginMs)
            .clock(clock)
            .timers(timers)
            .build();
    return new PasswordAuth(vertx, options, client, "user@example.com", "pw-SECRET");
  }

  private static <T> T get(Future<T> f) throws Exception {
    return CloudSocketIT.get(f);
  }

  private static Throwable failure(Future<?> f) throws Exception {
    try {
      get(f);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void concurrentCallersShareOneLoginAndOneRefresh() throws Exception {
    // GIVEN a slow token endpoint
    endpoint.latencyMs = 300;
    PasswordAuth auth = auth(60_000);

    // WHEN 20 callers ask for a token at once
    List<Future<AccessToken>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(auth.validToken());
    }
    get(Future.all(all));

    // THEN one login served them all
    assertThat(endpoint.count("password")).isEqualTo(1);
    assertThat(all).allMatch(f -> f.result().accessToken().equals("AT-1"));

    // WHEN the token is about to expire and 20 callers ask again
    clock.advance(Duration.ofMinutes(59));
    List<Future<AccessToken>> again = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      again.add(i % 2 == 0 ? auth.validToken() : auth.refresh());
    }
    get(Future.all(again));

    // THEN one refresh served them all
    assertThat(endpoint.count("refresh_token")).isEqualTo(1);
    assertThat(again).allMatch(f -> f.result().accessToken().equals("AT-2"));
    assertThat(auth.stats().getLong("logins")).isEqualTo(1);
    assertThat(auth.stats().getLong("refreshes")).isEqualTo(1);
  }

  @Test
  void refreshesProactivelyAheadOfExpiryAndKeepsTheRefreshToken() throws Exception {
    // GIVEN a login with a 60 s margin
    PasswordAuth auth = auth(60_000);
    List<AccessToken> changes = new CopyOnWriteArrayList<>();
    auth.onTokenChanged(
        t -> {
          throw new IllegalStateException("listener bug");
        });
    auth.onTokenChanged(changes::add);
    get(auth.login());

    // THEN a refresh timer is due 3600 s - 60 s after login
    assertThat(timers.pending(TimerScheduler.TOKEN_REFRESH))
        .singleElement()
        .satisfies(t -> assertThat(t.delayMs()).isEqualTo(3_540_000));

    // WHEN the time comes
    clock.advance(Duration.ofMillis(3_540_000));
    timers.fire(TimerScheduler.TOKEN_REFRESH);

    // THEN the token is refreshed; the response had no refresh token, the old one is kept
    await().atMost(Patience.PATIENT).until(() -> changes.size() == 2);
    AccessToken fresh = auth.currentToken();
    assertThat(fresh.accessToken()).isEqualTo("AT-2");
    assertThat(fresh.refreshToken()).isEqualTo("RT-1");
    assertThat(get(store.load("vendor/acc")).refreshToken()).isEqualTo("RT-1");
    assertThat(endpoint.requests.get(1).fields()).containsEntry("refresh_token", "RT-1");
    assertThat(timers.pending(TimerScheduler.TOKEN_REFRESH)).hasSize(1);
    // and a still-valid token costs no request
    get(auth.validToken());
    assertThat(endpoint.requests).hasSize(2);
  }

  @Test
  void storedTokenIsUsedBeforeAFullLogin() throws Exception {
    // GIVEN a stored, expired token
    get(store.save("vendor/acc", new AccessToken("OLD", "STORED-RT", clock.instant())));
    PasswordAuth auth = auth(60_000);

    // WHEN a token is needed THEN the stored refresh token is used, no password login
    assertThat(get(auth.validToken()).accessToken()).isEqualTo("AT-1");
    assertThat(endpoint.count("password")).isZero();
    assertThat(endpoint.requests.get(0).fields()).containsEntry("refresh_token", "STORED-RT");

    // GIVEN a stored token that is still valid THEN login() costs no request at all
    get(
        store.save(
            "vendor/acc", new AccessToken("GOOD", "RT", clock.instant().plusSeconds(3_000))));
    PasswordAuth second = auth(60_000);
    assertThat(get(second.login()).accessToken()).isEqualTo("GOOD");
    assertThat(endpoint.requests).hasSize(1);
  }

  @Test
  void refusedRefreshFallsBackToLoginOrFailsWithAuth() throws Exception {
    // GIVEN a stored token whose refresh token was revoked
    get(store.save("vendor/acc", new AccessToken("OLD", "REVOKED", null)));
    endpoint.responder =
        r ->
            "refresh_token".equals(r.grant())
                ? Answer.json(400, new JsonObject().put("error", "invalid_grant"))
                : endpoint.defaultAnswer(r);

    // WHEN credentials allow a login THEN it logs in
    PasswordAuth auth = auth(60_000);
    assertThat(get(auth.validToken()).refreshToken()).isEqualTo("RT-1");
    assertThat(endpoint.count("password")).isEqualTo(1);

    // WHEN no unattended login is possible THEN AUTH, and the revoked token is forgotten
    get(store.save("vendor/acc", new AccessToken("OLD", "REVOKED", null)));
    PasswordAuth noLogin = auth(60_000);
    noLogin.loginAllowed = false;
    Throwable err = failure(noLogin.validToken());
    assertThat(CloudbusException.classify(err)).isEqualTo(FailureClass.AUTH);
    assertThat(err).hasMessageContaining("HTTP 400 invalid_grant");
    await().atMost(Patience.PATIENT).until(() -> get(store.load("vendor/acc")) == null);
  }

  @Test
  void transientRefreshFailureKeepsTheTokenAndIsReported() throws Exception {
    // GIVEN a logged-in handler and a token endpoint that answers 503
    PasswordAuth auth = auth(60_000);
    get(auth.login());
    endpoint.responder = r -> Answer.json(503, new JsonObject());

    // WHEN a refresh is attempted THEN TRANSIENT, and the current token stays
    Throwable err = failure(auth.refresh());
    assertThat(CloudbusException.classify(err)).isEqualTo(FailureClass.TRANSIENT);
    assertThat(auth.currentToken().accessToken()).isEqualTo("AT-1");
    assertThat(endpoint.count("password")).isEqualTo(1);
  }

  @Test
  void tokenRejectedRefreshesOnceUnlessTheTokenAlreadyChanged() throws Exception {
    PasswordAuth auth = auth(60_000);
    AccessToken first = get(auth.login());
    endpoint.latencyMs = 200;

    // WHEN five callers report the same rejected token THEN one refresh
    List<Future<AccessToken>> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(auth.tokenRejected(first));
    }
    get(Future.all(all));
    assertThat(endpoint.count("refresh_token")).isEqualTo(1);

    // WHEN the old token is reported again THEN the current one is returned, no request
    assertThat(get(auth.tokenRejected(first)).accessToken()).isEqualTo("AT-2");
    assertThat(endpoint.count("refresh_token")).isEqualTo(1);
  }

  @Test
  void unknownExpiryCountsAsDue() throws Exception {
    // GIVEN a token endpoint that gives no expiry
    endpoint.responder =
        r ->
            Answer.json(
                200,
                new JsonObject()
                    .put("access_token", "AT-" + endpoint.issued.incrementAndGet())
                    .put("refresh_token", "RT"));
    PasswordAuth auth = auth(60_000);
    get(auth.validToken());
    // THEN every validToken renews, and no proactive timer is set
    get(auth.validToken());
    assertThat(endpoint.requests).hasSize(2);
    assertThat(timers.pending(TimerScheduler.TOKEN_REFRESH)).isEmpty();
  }
}

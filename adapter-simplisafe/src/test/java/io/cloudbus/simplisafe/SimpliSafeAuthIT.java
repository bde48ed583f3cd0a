package io.cloudbus.simplisafe;

import static io.cloudbus.simplisafe.TestSupport.await;
import static io.cloudbus.simplisafe.TestSupport.awaitFailure;
import static io.cloudbus.simplisafe.TestSupport.http;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Login from a refresh token, the PKCE login helper, REST 401 handling, refused refresh. */
@Timeout(300)
class SimpliSafeAuthIT {

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

  private static SimpliSafeAuthHandler handler(MockCloud cloud, TokenStore store, String rt) {
    return new SimpliSafeAuthHandler(
        vertx,
        AuthOptions.builder("simplisafe/home").tokenStore(store).build(),
        SimpliSafeEndpoints.fromJson(TestSupport.endpoints(cloud)),
        rt);
  }

  private static long stat(MockCloud cloud, String name) {
    return cloud.stats().getJsonObject("simplisafe").getLong(name, 0L);
  }

  @Test
  void loginFromAConfiguredRefreshTokenThenAccountLookup(MockCloud cloud) {
    // GIVEN an empty token store and the demo refresh token in the configuration
    TokenStore store = TokenStore.inMemory();
    String rt = TestSupport.demoRefreshToken(cloud);
    SimpliSafeAuthHandler auth = handler(cloud, store, rt);

    // WHEN
    AccessToken token = await(auth.login());
    SimpliSafeAccount account =
        await(
            new SimpliSafeApi(
                    vertx, auth, SimpliSafeEndpoints.fromJson(TestSupport.endpoints(cloud)))
                .account());

    // THEN the refresh response had no refresh_token: the configured one is kept and stored
    assertThat(token.refreshToken()).isEqualTo(rt);
    assertThat(token.expiresAt()).isNotNull();
    assertThat(await(store.load("simplisafe/home")).refreshToken()).isEqualTo(rt);
    assertThat(account.userId()).isEqualTo(12345L);
    assertThat(account.systemIds()).containsExactly(98765L);
    assertThat(stat(cloud, "refreshes")).isEqualTo(1L);
    assertThat(stat(cloud, "logins")).as("no full login").isZero();
    auth.close();
  }

  @Test
  void restUnauthorizedRefreshesOnceAndRetries(MockCloud cloud, MockCloudAdminClient admin) {
    SimpliSafeAuthHandler auth =
        handler(cloud, TokenStore.inMemory(), TestSupport.demoRefreshToken(cloud));
    SimpliSafeApi api =
        new SimpliSafeApi(vertx, auth, SimpliSafeEndpoints.fromJson(TestSupport.endpoints(cloud)));
    AccessToken first = await(auth.login());

    // WHEN every issued access token stops working
    admin.expireAccessTokens("simplisafe");
    long userId = await(api.userId());

    // THEN one refresh, one retry, a new token
    assertThat(userId).isEqualTo(12345L);
    assertThat(auth.currentToken().accessToken()).isNotEqualTo(first.accessToken());
    assertThat(stat(cloud, "refreshes")).isEqualTo(2L);
    auth.close();
  }

  @Test
  void revokedRefreshTokenIsAnAuthFailureAskingForANewLogin(
      MockCloud cloud, MockCloudAdminClient admin) {
    String rt = TestSupport.demoRefreshToken(cloud);
    SimpliSafeAuthHandler auth = handler(cloud, TokenStore.inMemory(), rt);
    await(auth.login());
    admin.revokeRefreshTokens("simplisafe");

    Throwable failure = awaitFailure(auth.refresh());

    assertThat(CloudbusException.classify(failure)).isEqualTo(FailureClass.AUTH);
    assertThat(failure.getMessage()).contains("cloudbus login simplisafe").doesNotContain(rt);
    long refreshes = stat(cloud, "refreshes");
    // A refused token is never sent again: later attempts fail without calling the cloud.
    Throwable again = awaitFailure(auth.login());
    assertThat(again.getMessage()).contains("cloudbus login simplisafe");
    assertThat(stat(cloud, "refreshes")).isEqualTo(refreshes);
    auth.close();
  }

  @Test
  void loginFlowExchangesTheCodeFromTheRedirectUrlAndStoresTheToken(MockCloud cloud) {
    // GIVEN the helper's authorize URL, "opened in a browser" (the mock approves at once)
    TokenStore store = TokenStore.inMemory();
    SimpliSafeEndpoints endpoints = SimpliSafeEndpoints.fromJson(TestSupport.endpoints(cloud));
    SimpliSafeLoginFlow flow = new SimpliSafeLoginFlow(vertx, endpoints, store, "home", null);
    HttpResponse<String> browser = http("GET", flow.authorizeUrl(), null, null);
    assertThat(browser.statusCode()).isEqualTo(302);
    String redirect = browser.headers().firstValue("Location").orElseThrow();

    // WHEN the user pastes the whole failed redirect URL
    AccessToken token = await(flow.complete(redirect));

    // THEN the token is stored, and a handler with no configured token logs in from the store
    assertThat(token.refreshToken()).isNotNull();
    assertThat(await(store.load("simplisafe/home"))).isEqualTo(token);
    SimpliSafeAuthHandler auth = handler(cloud, store, null);
    assertThat(await(auth.login())).isEqualTo(token);
    assertThat(await(auth.refresh()).refreshToken()).isEqualTo(token.refreshToken());
    assertThat(stat(cloud, "logins")).as("the code exchange only").isEqualTo(1L);
    auth.close();
  }

  @Test
  void loginFlowWithAStaleVerifierIsRejected(MockCloud cloud) {
    SimpliSafeEndpoints endpoints = SimpliSafeEndpoints.fromJson(TestSupport.endpoints(cloud));
    TokenStore store = TokenStore.inMemory();
    SimpliSafeLoginFlow flow = new SimpliSafeLoginFlow(vertx, endpoints, store, "home", null);
    String firstUrl = flow.authorizeUrl();
    String code =
        SimpliSafeLoginFlow.extractCode(
            http("GET", firstUrl, null, null).headers().firstValue("Location").orElseThrow());
    flow.authorizeUrl(); // a new verifier replaces the one the code was issued for

    Throwable failure = awaitFailure(flow.complete(code));

    assertThat(CloudbusException.classify(failure)).isEqualTo(FailureClass.AUTH);
    assertThat(failure.getMessage()).doesNotContain(code);
    assertThat(cloud.stats().getJsonObject("simplisafe").getLong("pkceRejected")).isEqualTo(1L);
    assertThat(await(store.load("simplisafe/home"))).isNull();
  }

  @Test
  void noRefreshTokenAnywhereAsksForALogin(MockCloud cloud) {
    SimpliSafeAuthHandler auth = handler(cloud, TokenStore.inMemory(), null);

    Throwable failure = awaitFailure(auth.login());

    assertThat(CloudbusException.classify(failure)).isEqualTo(FailureClass.AUTH);
    assertThat(failure.getMessage()).contains("cloudbus login simplisafe");
    auth.close();
  }
}

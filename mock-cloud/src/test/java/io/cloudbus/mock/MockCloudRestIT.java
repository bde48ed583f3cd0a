package io.cloudbus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MockCloudRestIT {
  @RegisterExtension
  static MockCloudExtension mock = new MockCloudExtension(List.of(new EchoEmulation()));

  private static String tokenUrl() {
    return mock.cloud().endpoints("echo").getString("tokenUrl");
  }

  private static String api() {
    return mock.cloud().endpoints("echo").getString("apiBaseUrl");
  }

  private static JsonObject login() throws Exception {
    RestClient.Reply reply =
        RestClient.form(tokenUrl(), "grant_type=password&username=ann&password=secret");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  @Test
  void dynamicRoutesIssueAndCheckTokens() throws Exception {
    // GIVEN a login
    JsonObject tokens = login();
    // THEN the token response is live logic, not a fixture
    assertThat(tokens.getLong("expires_in")).isEqualTo(3600L);
    assertThat(tokens.getString("access_token"))
        .isNotBlank()
        .isNotEqualTo(login().getString("access_token"));
    assertThat(
            RestClient.get(api() + "/me", tokens.getString("access_token"))
                .json()
                .getString("user"))
        .isEqualTo("ann");
    assertThat(RestClient.get(api() + "/me", null).status()).isEqualTo(401);
    assertThat(RestClient.get(api() + "/me", "forged").status()).isEqualTo(401);
    assertThat(
            RestClient.form(tokenUrl(), "grant_type=password&username=ann&password=bad").status())
        .isEqualTo(400);
    assertThat(mock.cloud().stats().getJsonObject("echo").getLong("logins")).isEqualTo(2L);
  }

  @Test
  void regexRoutesSeeRelativePathAndQuery() throws Exception {
    RestClient.Reply reply = RestClient.get(api() + "/items/42?q=a%20b", null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("path")).isEqualTo("/api/items/42");
    assertThat(reply.json().getString("q")).isEqualTo("a b");
    assertThat(RestClient.get(api() + "/items/abc", null).status()).isEqualTo(404);
  }

  @Test
  void expiredAccessTokensGet401AndRefreshStillWorks() throws Exception {
    JsonObject tokens = login();
    // WHEN the admin expires access tokens
    mock.admin().expireAccessTokens("echo");
    // THEN the old token is refused and a refresh gives a working one
    assertThat(RestClient.get(api() + "/me", tokens.getString("access_token")).status())
        .isEqualTo(401);
    RestClient.Reply refreshed =
        RestClient.form(
            tokenUrl(),
            "grant_type=refresh_token&refresh_token=" + tokens.getString("refresh_token"));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(RestClient.get(api() + "/me", refreshed.json().getString("access_token")).status())
        .isEqualTo(200);
    assertThat(mock.cloud().stats().getJsonObject("echo").getLong("refreshes")).isEqualTo(1L);
  }

  @Test
  void revokedRefreshTokensAreInvalidGrant() throws Exception {
    JsonObject tokens = login();
    mock.admin().revokeRefreshTokens("echo");
    RestClient.Reply reply =
        RestClient.form(
            tokenUrl(),
            "grant_type=refresh_token&refresh_token=" + tokens.getString("refresh_token"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getString("error")).isEqualTo("invalid_grant");
    // the access token itself still works until it expires
    assertThat(RestClient.get(api() + "/me", tokens.getString("access_token")).status())
        .isEqualTo(200);
  }

  @Test
  void latencyFaultDelaysRestResponses() throws Exception {
    mock.admin().faults("echo", new JsonObject().put("latencyMs", 400));
    long start = System.nanoTime();
    assertThat(RestClient.get(api() + "/me", null).status()).isEqualTo(401);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(400);
  }

  @Test
  void rateLimitedFaultUsesTheVendorsAnswerUntilCleared() throws Exception {
    mock.admin().faults("echo", new JsonObject().put("rateLimited", true));
    RestClient.Reply limited = RestClient.get(api() + "/me", null);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().getString("error")).isEqualTo("rate_limited");
    mock.admin().clearFaults("echo");
    assertThat(RestClient.get(api() + "/me", null).status()).isEqualTo(401);
  }
}

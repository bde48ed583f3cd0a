package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.auth.OAuth2Client;
import io.cloudbus.core.auth.OAuth2Client.BodyFormat;
import io.cloudbus.core.testing.MutableClock;
import io.cloudbus.core.testing.TestTokenEndpoint;
import io.cloudbus.core.testing.TestTokenEndpoint.Answer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OAuth2ClientIT {

  private static final List<String> SECRETS =
      List.of("pw-SECRET", "cs-SECRET", "RT-SECRET", "CODE-SECRET", "VERIFIER-SECRET");

  private Vertx vertx;
  private TestTokenEndpoint endpoint;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    endpoint = CloudSocketIT.get(new TestTokenEndpoint(vertx).start());
  }

  @AfterEach
  void tearDown() throws Exception {
    CloudSocketIT.get(endpoint.close());
  }

  private OAuth2Client.Builder client() {
    return OAuth2Client.builder(vertx, endpoint.url())
        .clientId("cid")
        .clientSecret("cs-SECRET")
        .clock(clock);
  }

  private static Throwable failure(Future<?> f) throws Exception {
    try {
      CloudSocketIT.get(f);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void passwordGrantSendsTheFormFieldsInOrderWithExtrasAndHeaders() throws Exception {
    OAuth2Client c =
        client()
            .field("scope", "security_scopes")
            .field("app_version", "4.1.1.3")
            .header("User-Agent", "cloudbus-test")
            .build();
    AccessToken t = CloudSocketIT.get(c.password("me@example.com", "pw-SECRET"));

    assertThat(t.accessToken()).isEqualTo("AT-1");
    assertThat(t.refreshToken()).isEqualTo("RT-1");
    assertThat(t.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
    TestTokenEndpoint.Request r = endpoint.requests.get(0);
    assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(r.fields().keySet())
        .containsExactly(
            "grant_type",
            "username",
            "password",
            "client_id",
            "client_secret",
            "scope",
            "app_version");
    assertThat(r.fields()).containsEntry("password", "pw-SECRET");
    assertThat(r.headers().get("User-Agent")).isEqualTo("cloudbus-test");
  }

  @Test
  void authorizationCodeWithPkceAsJsonAndClientCredentials() throws Exception {
    OAuth2Client c = client().bodyFormat(BodyFormat.JSON).build();
    CloudSocketIT.get(c.authorizationCode("CODE-SECRET", "app://cb", "VERIFIER-SECRET"));
    CloudSocketIT.get(c.clientCredentials("read"));

    TestTokenEndpoint.Request code = endpoint.requests.get(0);
    assertThat(code.contentType()).startsWith("application/json");
    assertThat(code.fields())
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("code", "CODE-SECRET")
        .containsEntry("code_verifier", "VERIFIER-SECRET")
        .containsEntry("redirect_uri", "app://cb");
    assertThat(endpoint.requests.get(1).fields())
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("scope", "read");
  }

  @Test
  void refreshKeepsTheOldRefreshTokenAndAcceptsExpireIn() throws Exception {
    endpoint.responder =
        r -> Answer.json(200, new JsonObject().put("access_token", "AT-X").put("expire_in", 10800));
    AccessToken t = CloudSocketIT.get(client().build().refresh("RT-SECRET"));
    assertThat(t.refreshToken()).isEqualTo("RT-SECRET");
    assertThat(t.expiresAt()).isEqualTo(clock.instant().plusSeconds(10800));
  }

  @Test
  void errorsAreClassifiedAndNeverCarrySecrets() throws Exception {
    OAuth2Client c = client().build();
    record Case(Answer answer, FailureClass expected, String text) {}
    List<Case> cases =
        List.of(
            new Case(
                Answer.json(400, new JsonObject().put("error", "invalid_grant")),
                FailureClass.AUTH,
                "HTTP 400 invalid_grant"),
            new Case(Answer.json(401, new JsonObject()), FailureClass.AUTH, "HTTP 401"),
            new Case(
                Answer.json(403, new JsonObject().put("error", "access_denied")),
                FailureClass.AUTH,
                "access_denied"),
            new Case(
                new Answer(429, "{}", Map.of("Retry-After", "30")),
                FailureClass.RATE_LIMITED,
                "HTTP 429"),
            new Case(Answer.json(503, new JsonObject()), FailureClass.TRANSIENT, "HTTP 503"),
            new Case(new Answer(200, "<html>", Map.of()), FailureClass.TRANSIENT, "non-JSON"),
            new Case(
                Answer.json(200, new JsonObject().put("token_type", "Bearer")),
                FailureClass.TRANSIENT,
                "no access_token"),
            new Case(
                Answer.json(400, new JsonObject().put("error", "unsupported_grant_type")),
                FailureClass.CONFIGURATION,
                "unsupported_grant_type"));
    for (Case k : cases) {
      endpoint.responder = r -> k.answer();
      Throwable err = failure(c.password("me", "pw-SECRET"));
      assertThat(CloudbusException.classify(err)).as(k.text()).isEqualTo(k.expected());
      String msg = err.getMessage();
      assertThat(msg).contains(k.text()).contains("/oauth/token").contains("password");
      SECRETS.forEach(s -> assertThat(msg).doesNotContain(s));
      String m = failure(c.refresh("RT-SECRET")).getMessage();
      SECRETS.forEach(s -> assertThat(m).doesNotContain(s));
    }
    endpoint.responder = r -> new Answer(429, "{}", Map.of("Retry-After", "30"));
    CloudbusException rl = (CloudbusException) failure(c.password("me", "pw-SECRET"));
    assertThat(rl.retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void vendorClassifierTurnsA403WithoutInvalidGrantIntoRateLimited() throws Exception {
    OAuth2Client c =
        client()
            .classifier(
                (status, error, body) ->
                    status == 403 && !"invalid_grant".equals(error)
                        ? FailureClass.RATE_LIMITED
                        : null)
            .build();
    endpoint.responder = r -> Answer.json(403, new JsonObject());
    assertThat(CloudbusException.classify(failure(c.refresh("RT-SECRET"))))
        .isEqualTo(FailureClass.RATE_LIMITED);
    endpoint.responder = r -> Answer.json(403, new JsonObject().put("error", "invalid_grant"));
    assertThat(CloudbusException.classify(failure(c.refresh("RT-SECRET"))))
        .isEqualTo(FailureClass.AUTH);
  }

  @Test
  void unreachableEndpointIsTransient() throws Exception {
    OAuth2Client c = OAuth2Client.builder(vertx, "http://127.0.0.1:1/token").build();
    Throwable err = failure(c.password("me", "pw-SECRET"));
    assertThat(CloudbusException.classify(err)).isEqualTo(FailureClass.TRANSIENT);
    assertThat(err.getMessage()).contains("unreachable").doesNotContain("pw-SECRET");
  }
}

package io.cloudbus.generic;

import static io.cloudbus.generic.ItSupport.WAIT;
import static io.cloudbus.generic.ItSupport.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.ConnectionState;
import io.cloudbus.generic.ItSupport.Deployed;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A profile with {@code auth.token: oauth2} (client credentials) against a tiny test server. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OAuth2ProfileIT {

  private final AtomicInteger grants = new AtomicInteger();
  private volatile int expiresIn = 3600;

  private HttpServer server(Vertx vertx) {
    return ItSupport.join(
        vertx
            .createHttpServer()
            .webSocketHandshakeHandler(
                h -> {
                  if ("Bearer tok-1".equals(h.headers().get("Authorization"))) {
                    h.accept();
                  } else {
                    h.reject(401);
                  }
                })
            .webSocketHandler(
                ws -> ws.writeTextMessage(new JsonObject().put("t", "test").put("n", 1).encode()))
            .requestHandler(
                req ->
                    req.setExpectMultipart(true)
                        .endHandler(
                            v -> {
                              grants.incrementAndGet();
                              boolean ok =
                                  "client_credentials".equals(req.getFormAttribute("grant_type"))
                                      && "cid".equals(req.getFormAttribute("client_id"))
                                      && "csecret".equals(req.getFormAttribute("client_secret"))
                                      && "events".equals(req.getFormAttribute("scope"));
                              JsonObject body =
                                  ok
                                      ? new JsonObject()
                                          .put("access_token", "tok-1")
                                          .put("token_type", "Bearer")
                                          .put("expires_in", expiresIn)
                                      : new JsonObject().put("error", "invalid_client");
                              req.response()
                                  .setStatusCode(ok ? 200 : 401)
                                  .putHeader("Content-Type", "application/json")
                                  .end(body.encode());
                            }))
            .listen(0, "127.0.0.1"));
  }

  private static JsonObject config(HttpServer server, String secret) {
    String base = "127.0.0.1:" + server.actualPort();
    return new JsonObject()
        .put("adapter", "generic")
        .put("profile", "src/test/resources/profiles/oauthco.yaml")
        .put("account", "acct")
        .put("url", "ws://" + base + "/events")
        .put("tokenUrl", "http://" + base + "/token")
        .put("clientId", "cid")
        .put("clientSecret", secret)
        .put("socket", ItSupport.fastSocket());
  }

  @Test
  void clientCredentialsTokenOpensTheSocket(Vertx vertx) {
    Deployed d = deploy(vertx, config(server(vertx), "csecret"));
    d.awaitState(ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> d.events().size() == 1);
    assertThat(d.events().get(0).id()).isEqualTo("note-1");
    assertThat(grants.get()).isEqualTo(1);
  }

  @Test
  void anUndeployedSocketStopsRefreshingItsToken(Vertx vertx) {
    // GIVEN 3 s tokens: always within the refresh margin, so the handler refreshes on its own
    expiresIn = 3;
    Deployed d = deploy(vertx, config(server(vertx), "csecret"));
    d.awaitState(ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> grants.get() >= 2);

    // WHEN it is undeployed
    ItSupport.join(vertx.undeploy(d.socket().deploymentID()));
    int tokenRequests = grants.get();

    // THEN nothing asks for a token any more (one request may have been in flight)
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Patience.PATIENT)
        .until(() -> grants.get() <= tokenRequests + 1);
    assertThat(d.socket().state()).isEqualTo(ConnectionState.STOPPED);
  }

  @Test
  void refusedClientIsAuthFailed(Vertx vertx) {
    Deployed d = deploy(vertx, config(server(vertx), "wrong-secret"));
    d.awaitState(ConnectionState.AUTH_FAILED);
    assertThat(d.socket().status().encode()).doesNotContain("wrong-secret");
    assertThat(grants.get()).isEqualTo(1);
  }
}

package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.http.RestClient;
import io.cloudbus.core.testing.StubAuth;
import io.cloudbus.core.testing.TestTokenEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RestClientIT {

  @Test
  void a401RefreshesOnceAndRetries(Vertx vertx) throws Exception {
    // GIVEN an API that rejects the first token
    TestTokenEndpoint api = CloudSocketIT.get(new TestTokenEndpoint(vertx).start());
    api.apiStatus = auth -> "Bearer login-1".equals(auth) ? 401 : 200;
    StubAuth auth = new StubAuth(vertx, AuthOptions.builder("v/a").build());
    RestClient rest = new RestClient(vertx, auth);

    // WHEN a JSON GET is made THEN it refreshed and retried with the new token
    JsonObject body = CloudSocketIT.get(rest.getJson(api.apiUrl()));
    assertThat(body.getJsonArray("events")).hasSize(2);
    assertThat(api.apiAuthorizations).containsExactly("Bearer login-1", "Bearer refresh-1");

    // WHEN every token is rejected THEN AUTH after one retry, message without token or query
    api.apiStatus = a -> 401;
    try {
      CloudSocketIT.get(rest.getJson(api.apiUrl()));
      throw new AssertionError("expected failure");
    } catch (ExecutionException e) {
      assertThat(CloudbusException.classify(e.getCause())).isEqualTo(FailureClass.AUTH);
      assertThat(e.getCause().getMessage())
          .contains("HTTP 401")
          .doesNotContain("refresh-")
          .doesNotContain("secret-query");
    }
    // AND 429 is rate limited, 503 transient
    api.apiStatus = a -> 429;
    assertThat(classOf(rest, api.apiUrl())).isEqualTo(FailureClass.RATE_LIMITED);
    api.apiStatus = a -> 503;
    assertThat(classOf(rest, api.apiUrl())).isEqualTo(FailureClass.TRANSIENT);
    CloudSocketIT.get(api.close());
  }

  @Test
  void anAnswerThatNeverEndsFailsAtItsBoundInsteadOfFillingTheHeap(Vertx vertx) throws Exception {
    // GIVEN an API that answers 200 with a body that never ends
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    io.vertx.core.http.HttpServer server =
        CloudSocketIT.get(
            vertx
                .createHttpServer()
                .requestHandler(
                    req -> {
                      var resp =
                          req.response()
                              .setChunked(true)
                              .putHeader("Content-Type", "application/json");
                      resp.write("{\"events\":[\"");
                      long timer =
                          vertx.setPeriodic(
                              1,
                              id -> {
                                if (!resp.writeQueueFull()) {
                                  resp.write(io.vertx.core.buffer.Buffer.buffer(new byte[65536]));
                                }
                              });
                      resp.closeHandler(
                          v -> {
                            vertx.cancelTimer(timer);
                            closed.set(true);
                          });
                    })
                .listen(0, "127.0.0.1"));
    RestClient rest = new RestClient(vertx, null).timeoutMs(2_000);

    // WHEN it is read THEN the call fails, transient, naming the bound, and the answer is dropped
    try {
      CloudSocketIT.get(rest.getJson("http://127.0.0.1:" + server.actualPort() + "/history"));
      throw new AssertionError("expected failure");
    } catch (ExecutionException e) {
      assertThat(CloudbusException.classify(e.getCause())).isEqualTo(FailureClass.TRANSIENT);
      assertThat(e.getCause().getMessage()).contains("larger than 16 MiB");
    }
    org.awaitility.Awaitility.await().atMost(Patience.PATIENT).until(closed::get);
    CloudSocketIT.get(server.close());
  }

  private static FailureClass classOf(RestClient rest, String url) throws Exception {
    try {
      CloudSocketIT.get(rest.getJson(url));
    } catch (ExecutionException e) {
      return CloudbusException.classify(e.getCause());
    }
    return null;
  }
}

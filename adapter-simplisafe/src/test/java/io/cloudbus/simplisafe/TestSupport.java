package io.cloudbus.simplisafe;

import io.cloudbus.mock.MockCloud;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Helpers shared by the ITs: blocking waits off the event loop, raw HTTP, fast account configs. */
final class TestSupport {

  static final long WAIT_SECONDS = 20;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private TestSupport() {}

  /** Waits for {@code future} on the JUnit thread (never an event loop). */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The failure of {@code future}, or an AssertionError when it succeeded. */
  static Throwable awaitFailure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure");
  }

  static HttpResponse<String> http(String method, String url, String bearer, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(WAIT_SECONDS))
            .header("Content-Type", "application/json; charset=utf-8")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The mock's SimpliSafe endpoints as the adapter's {@code endpoints} config. */
  static JsonObject endpoints(MockCloud cloud) {
    JsonObject e = cloud.endpoints("simplisafe");
    return new JsonObject()
        .put("authBaseUrl", e.getString("authBaseUrl"))
        .put("apiBaseUrl", e.getString("apiBaseUrl"))
        .put("socketUrl", e.getString("socketUrl"));
  }

  /** The demo user's refresh token pre-issued by the emulation. */
  static String demoRefreshToken(MockCloud cloud) {
    return cloud.endpoints("simplisafe").getString("demoRefreshToken");
  }

  /**
   * An account config against the mock with short delays: 50 ms backoff increment, 300 ms cap,
   * 300-600 ms rate-limited backoff, 500 ms auth-failed retry, 1 s pings, 5 s silence watchdog, 10
   * s handshake.
   */
  static JsonObject fastConfig(MockCloud cloud, String account) {
    return new JsonObject()
        .put("adapter", "simplisafe")
        .put("account", account)
        .put("refreshToken", demoRefreshToken(cloud))
        .put("endpoints", endpoints(cloud))
        .put(
            "keepalive", new JsonObject().put("pingIntervalMs", 1000).put("silenceTimeoutMs", 5000))
        .put(
            "socket",
            new JsonObject()
                .put("reconnectInitialDelayMs", 50)
                .put("reconnectMaxDelayMs", 300)
                .put("rateLimitedMinDelayMs", 300)
                .put("rateLimitedMaxDelayMs", 600)
                .put("authFailedRetryMs", 500)
                .put("handshakeTimeoutMs", 10000)
                .put("stableAfterMs", 1000));
  }
}

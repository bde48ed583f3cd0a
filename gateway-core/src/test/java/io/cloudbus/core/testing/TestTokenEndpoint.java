package io.cloudbus.core.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OAuth token endpoint (and a bearer-protected {@code /api} resource) for tests. Records every
 * token request; answers by default {@code access_token} {@code AT-n} and {@code refresh_token}
 * {@code RT-n} for logins, {@code AT-n} without refresh token for refreshes, {@code expires_in}
 * 3600. A test replaces {@link #responder} to inject errors. Port 0.
 */
public final class TestTokenEndpoint {

  /** One recorded token request. */
  public record Request(String contentType, Map<String, String> fields, MultiMap headers) {
    public String grant() {
      return fields.get("grant_type");
    }
  }

  /** One canned answer. */
  public record Answer(int status, String body, Map<String, String> headers) {
    public static Answer json(int status, JsonObject body) {
      return new Answer(status, body.encode(), Map.of());
    }
  }

  private final Vertx vertx;
  private HttpServer server;
  public final List<Request> requests = new CopyOnWriteArrayList<>();
  public final AtomicInteger issued = new AtomicInteger();
  public final List<String> apiAuthorizations = new CopyOnWriteArrayList<>();
  public volatile long latencyMs;
  public volatile Function<Request, Answer> responder = this::defaultAnswer;
  public volatile Function<String, Integer> apiStatus = auth -> 200;

  public TestTokenEndpoint(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<TestTokenEndpoint> start() {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (req.path().startsWith("/api")) {
                    api(req);
                  } else {
                    req.body().onSuccess(b -> token(req, b.toString()));
                  }
                });
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/oauth/token";
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/api/events?since=secret-query";
  }

  public Future<Void> close() {
    return server.close();
  }

  public long count(String grant) {
    return requests.stream().filter(r -> grant.equals(r.grant())).count();
  }

  private void token(HttpServerRequest req, String body) {
    String ct = req.getHeader("Content-Type");
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    if (ct != null && ct.startsWith("application/json")) {
      new JsonObject(body).forEach(e -> fields.put(e.getKey(), String.valueOf(e.getValue())));
    } else {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          fields.put(
              java.net.URLDecoder.decode(
                  pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
              java.net.URLDecoder.decode(
                  pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    Request r = new Request(ct, fields, MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
    requests.add(r);
    Answer a = responder.apply(r);
    Runnable send =
        () -> {
          a.headers().forEach(req.response()::putHeader);
          req.response()
              .setStatusCode(a.status())
              .putHeader("Content-Type", "application/json")
              .end(a.body());
        };
    if (latencyMs > 0) {
      vertx.setTimer(latencyMs, id -> send.run());
    } else {
      send.run();
    }
  }

  private void api(HttpServerRequest req) {
    String auth = req.getHeader("Authorization");
    apiAuthorizations.add(String.valueOf(auth));
    int status = apiStatus.apply(auth);
    req.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(status == 200 ? new JsonObject().put("events", List.of(1, 2)).encode() : "{}");
  }

  /** The default answers (see class doc). */
  public Answer defaultAnswer(Request r) {
    int n = issued.incrementAndGet();
    JsonObject body = new JsonObject().put("access_token", "AT-" + n).put("expires_in", 3600);
    if (!"refresh_token".equals(r.grant())) {
      body.put("refresh_token", "RT-" + n);
    }
    return Answer.json(200, body);
  }
}

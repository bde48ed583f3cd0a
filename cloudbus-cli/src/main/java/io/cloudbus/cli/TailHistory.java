package io.cloudbus.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tail --last N}: the last N events from {@code GET /api/events}, oldest first. Reads both
 * answers: the journal's {@code {"events":[...],"next":...}} and an older service's plain array
 * (both newest first).
 */
final class TailHistory {

  static final int MAX_LAST = 1_000;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private TailHistory() {}

  /** The query path for {@code n} events matching {@code filter}. */
  static String path(int n, JsonObject filter) {
    StringBuilder p = new StringBuilder("/api/events?limit=").append(n);
    for (String key : List.of("vendor", "account", "type")) {
      if (filter.getValue(key) instanceof String v) {
        p.append('&').append(key).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    }
    return p.toString();
  }

  /** The events of an {@code /api/events} body, oldest first. */
  static List<JsonObject> oldestFirst(Object body) {
    JsonArray list =
        body instanceof JsonArray a
            ? a
            : body instanceof JsonObject o && o.getValue("events") instanceof JsonArray e
                ? e
                : new JsonArray();
    List<JsonObject> out = new ArrayList<>();
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.getValue(i) instanceof JsonObject event) {
        out.add(event);
      }
    }
    return out;
  }

  /** Fetches the last {@code n} events; fails with a message naming the URL and the HTTP status. */
  static Future<List<JsonObject>> fetch(
      Vertx vertx, String host, int port, boolean ssl, String token, String path) {
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setSsl(ssl));
    RequestOptions req =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(host)
            .setPort(port)
            .setURI(path)
            .setTimeout(10_000);
    if (token != null && !token.isEmpty()) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    String where = (ssl ? "https://" : "http://") + host + ":" + port + path;
    return http.request(req)
        .compose(r -> r.send())
        .compose(
            resp -> {
              if (resp.statusCode() == 401 || resp.statusCode() == 403) {
                // the same words as the live connection's refusal (TailClient)
                return Future.failedFuture(
                    new CliFailure(
                        "tail: the service refused "
                            + where
                            + " ("
                            + resp.statusCode()
                            + "): check --token and its read role",
                        null));
              }
              if (resp.statusCode() != 200) {
                return Future.failedFuture(
                    new CliFailure("tail: " + where + " answered HTTP " + resp.statusCode(), null));
              }
              return resp.body();
            })
        .map(
            buffer -> {
              if (buffer.length() > MAX_BODY_BYTES) {
                throw new CliFailure("tail: " + where + " answered more than 16 MiB", null);
              }
              return oldestFirst(Json.decodeValue(buffer));
            })
        .eventually(http::close);
  }
}

package io.cloudbus.client.impl;

import io.cloudbus.client.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Commands over the service's REST endpoint {@code POST /api/accounts/{vendor}/{account}/commands}
 * (the bus reply envelope as the body). Blocking; thread-safe.
 */
public final class Commands {

  /** Longer than the service's own bound on a command (30 s). */
  public static final Duration TIMEOUT = Duration.ofSeconds(40);

  private final String baseUrl;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param serviceUrl the service's base URL ({@code ws(s)} is turned into {@code http(s)})
   * @param token the bearer token, or null
   */
  public Commands(String serviceUrl, String token) {
    String base = serviceUrl;
    int q = base.indexOf('?');
    base = q >= 0 ? base.substring(0, q) : base;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.startsWith("ws://")) {
      base = "http://" + base.substring(5);
    } else if (base.startsWith("wss://")) {
      base = "https://" + base.substring(6);
    }
    this.baseUrl = base;
    this.token = token;
  }

  /**
   * Sends one command and waits for its answer.
   *
   * @throws UncheckedIOException when the service cannot be reached
   */
  public CommandResult send(String vendor, String account, String action, Map<String, ?> args) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (args != null) {
      body.putAll(args);
    }
    body.put("action", action);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    baseUrl
                        + "/api/accounts/"
                        + URLEncoder.encode(vendor, StandardCharsets.UTF_8)
                        + "/"
                        + URLEncoder.encode(account, StandardCharsets.UTF_8)
                        + "/commands"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("command: cannot reach the service", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Map<String, Object> reply;
    try {
      reply = Json.parseObject(response.body());
    } catch (RuntimeException e) {
      return new CommandResult(
          false, null, "http_" + response.statusCode(), "not a JSON answer", response.statusCode());
    }
    if (Boolean.TRUE.equals(reply.get("ok"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> result =
          reply.get("result") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
      return new CommandResult(true, result, null, null, response.statusCode());
    }
    Map<?, ?> error = reply.get("error") instanceof Map<?, ?> e ? e : Map.of();
    return new CommandResult(
        false,
        null,
        String.valueOf(
            error.containsKey("code") ? error.get("code") : "http_" + response.statusCode()),
        error.get("message") == null ? null : String.valueOf(error.get("message")),
        response.statusCode());
  }
}

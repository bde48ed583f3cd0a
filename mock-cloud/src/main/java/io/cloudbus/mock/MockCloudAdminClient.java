package io.cloudbus.mock;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * A small blocking client of the mock cloud's admin API on the JDK's {@code java.net.http}, for
 * tests, demos and the CLI. Never call it on a Vert.x event loop. Thread-safe.
 *
 * <p>Every call returns the JSON answer; an HTTP error status throws {@link AdminException}
 * carrying the status and the server's {@code error} message, an I/O failure throws {@link
 * java.io.UncheckedIOException}.
 */
public final class MockCloudAdminClient {
  /** Default timeout of one admin call. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String adminUrl;
  private final HttpClient http;
  private final Duration timeout;

  /** A client of {@code adminUrl} (e.g. {@code http://127.0.0.1:9000/admin}). */
  public MockCloudAdminClient(String adminUrl) {
    this(adminUrl, DEFAULT_TIMEOUT);
  }

  public MockCloudAdminClient(String adminUrl, Duration timeout) {
    this(adminUrl, timeout, null);
  }

  /**
   * A client of {@code adminUrl} trusting {@code tls} (a mock started with TLS; null for the JVM's
   * CAs).
   */
  public MockCloudAdminClient(String adminUrl, Duration timeout, MockCloudTls tls) {
    this.adminUrl = stripSlash(Objects.requireNonNull(adminUrl, "adminUrl"));
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout);
    if (tls != null) {
      b.sslContext(tls.clientContext());
    }
    this.http = b.build();
  }

  /** A client of {@code cloud}'s admin API (trusting its certificate when it serves TLS). */
  public static MockCloudAdminClient of(MockCloud cloud) {
    return new MockCloudAdminClient(cloud.adminUrl(), DEFAULT_TIMEOUT, cloud.tls());
  }

  /** {@code POST /admin/simplisafe/events} with one event {@code data} object or an array. */
  public JsonObject pushSimpliSafe(Object events) {
    return post("/simplisafe/events", events);
  }

  /** {@code POST /admin/bticino/pushes} with one raw push message or an array. */
  public JsonObject pushBticino(Object pushes) {
    return post("/bticino/pushes", pushes);
  }

  /** {@code POST /admin/generic/{profile}/messages} with one raw server message or an array. */
  public JsonObject pushGeneric(String profile, Object messages) {
    return post("/generic/" + profile + "/messages", messages);
  }

  /** {@code POST /admin/{vendor}/disconnect}; {@code code} null for the default 1000. */
  public JsonObject disconnect(String vendor, DisconnectMode mode, Integer code) {
    JsonObject body = new JsonObject().put("mode", mode.name().toLowerCase());
    if (code != null) {
      body.put("code", code);
    }
    return post("/" + vendor + "/disconnect", body);
  }

  /** {@code PUT /admin/{vendor}/faults}: merges {@code faults} into the vendor's faults. */
  public JsonObject faults(String vendor, JsonObject faults) {
    return send("PUT", "/" + vendor + "/faults", faults.encode());
  }

  /** {@code DELETE /admin/{vendor}/faults}. */
  public JsonObject clearFaults(String vendor) {
    return send("DELETE", "/" + vendor + "/faults", null);
  }

  /** {@code POST /admin/{vendor}/expire-access-tokens}. */
  public JsonObject expireAccessTokens(String vendor) {
    return post("/" + vendor + "/expire-access-tokens", null);
  }

  /** {@code POST /admin/{vendor}/revoke-refresh-tokens}. */
  public JsonObject revokeRefreshTokens(String vendor) {
    return post("/" + vendor + "/revoke-refresh-tokens", null);
  }

  /** {@code GET /admin/stats}. */
  public JsonObject stats() {
    return send("GET", "/stats", null);
  }

  /** {@code POST /admin/reset}. */
  public JsonObject reset() {
    return post("/reset", null);
  }

  /**
   * {@code POST /admin{path}} with {@code body} (a {@link JsonObject}, {@link JsonArray}, a JSON
   * string, or null for none).
   */
  public JsonObject post(String path, Object body) {
    return send("POST", path, encode(body));
  }

  /** One admin call; {@code body} is raw text or null. */
  public JsonObject send(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(adminUrl + path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("admin call " + method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    JsonObject json = parse(response.body());
    if (response.statusCode() >= 300) {
      String error = json == null ? response.body() : json.getString("error", response.body());
      throw new AdminException(response.statusCode(), method + " " + path + ": " + error);
    }
    return json == null ? new JsonObject() : json;
  }

  private static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return new JsonObject(body);
    } catch (DecodeException e) {
      return null;
    }
  }

  private static String encode(Object body) {
    if (body == null) {
      return null;
    }
    if (body instanceof JsonObject json) {
      return json.encode();
    }
    if (body instanceof JsonArray json) {
      return json.encode();
    }
    if (body instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException("body must be a JsonObject, JsonArray or String");
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** An admin call answered with an HTTP error status. */
  public static final class AdminException extends RuntimeException {
    private final int status;

    public AdminException(int status, String message) {
      super("HTTP " + status + " " + message);
      this.status = status;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }
  }
}

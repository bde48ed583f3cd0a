package io.cloudbus.mock;

import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An HTTP request as a vendor emulation sees it: a REST call on WireMock or a WebSocket upgrade.
 * Immutable; header names are case-insensitive.
 */
public final class MockRequest {
  private final String method;
  private final String path;
  private final MultiMap headers;
  private final MultiMap query;
  private final String body;

  /**
   * @param method upper-case HTTP method
   * @param path the path relative to the vendor's root (starting with {@code /}), URL-decoded
   * @param headers request headers (copied)
   * @param query query parameters, decoded (copied)
   * @param body the body as UTF-8 text, empty when none
   */
  public MockRequest(String method, String path, MultiMap headers, MultiMap query, String body) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.headers = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    this.query = MultiMap.caseInsensitiveMultiMap().addAll(query);
    this.body = body == null ? "" : body;
  }

  /** Upper-case HTTP method, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /** Path relative to the vendor's root, e.g. {@code /oauth/token}. */
  public String path() {
    return path;
  }

  /** All headers (case-insensitive names); do not modify. */
  public MultiMap headers() {
    return headers;
  }

  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The first value of query parameter {@code name}, or null. */
  public String query(String name) {
    return query.get(name);
  }

  /** All query parameters; do not modify. */
  public MultiMap queryParams() {
    return query;
  }

  /** The body as text (empty when none). */
  public String body() {
    return body;
  }

  /**
   * The bearer token of the {@code Authorization} header, or null when there is none or the scheme
   * is not {@code Bearer} (case-insensitive).
   */
  public String bearerToken() {
    String value = header("Authorization");
    if (value == null || value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = value.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  /**
   * The body parsed as {@code application/x-www-form-urlencoded} (whatever the content type says).
   * Empty when the body is empty.
   */
  public MultiMap form() {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.add(decode(key), decode(value));
    }
    return form;
  }

  /**
   * The body parsed as a JSON object.
   *
   * @throws IllegalArgumentException when the body is not a JSON object (message names no content)
   */
  public JsonObject jsonBody() {
    try {
      Object value = io.vertx.core.json.Json.decodeValue(body);
      if (value instanceof JsonObject json) {
        return json;
      }
    } catch (DecodeException e) {
      // fall through: the same message for every malformed body
    }
    throw new IllegalArgumentException("body is not a JSON object");
  }

  /** Whether the body is a form ({@code Content-Type: application/x-www-form-urlencoded}). */
  public boolean isForm() {
    String type = header("Content-Type");
    return type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Method and path only: bodies and headers may hold secrets. */
  @Override
  public String toString() {
    return method + " " + path;
  }
}

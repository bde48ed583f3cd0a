package io.cloudbus.simplisafe;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Objects;

/**
 * The three SimpliSafe hosts, overridable so that a configuration can point at the mock cloud.
 * Immutable; trailing slashes are removed.
 *
 * @param authBaseUrl the Auth0 tenant: {@code /authorize} and {@code /oauth/token} live under it
 * @param apiBaseUrl the REST host; paths start with {@code /v1}
 * @param socketUrl the push WebSocket ({@code ws://} or {@code wss://})
 */
public record SimpliSafeEndpoints(String authBaseUrl, String apiBaseUrl, String socketUrl) {

  public static final String DEFAULT_AUTH_BASE_URL = "https://auth.simplisafe.com";
  public static final String DEFAULT_API_BASE_URL = "https://api.simplisafe.com";
  public static final String DEFAULT_SOCKET_URL = "wss://socketlink.prd.aser.simplisafe.com";

  /**
   * @throws IllegalArgumentException naming the field when a URL is missing or has the wrong scheme
   */
  public SimpliSafeEndpoints {
    authBaseUrl = check(authBaseUrl, "authBaseUrl", "http", "https");
    apiBaseUrl = check(apiBaseUrl, "apiBaseUrl", "http", "https");
    socketUrl = check(socketUrl, "socketUrl", "ws", "wss");
  }

  /** The real SimpliSafe hosts. */
  public static SimpliSafeEndpoints defaults() {
    return new SimpliSafeEndpoints(DEFAULT_AUTH_BASE_URL, DEFAULT_API_BASE_URL, DEFAULT_SOCKET_URL);
  }

  /** Reads {@code {authBaseUrl?, apiBaseUrl?, socketUrl?}}; null or absent fields = defaults. */
  public static SimpliSafeEndpoints fromJson(JsonObject json) {
    if (json == null) {
      return defaults();
    }
    return new SimpliSafeEndpoints(
        string(json, "authBaseUrl", DEFAULT_AUTH_BASE_URL),
        string(json, "apiBaseUrl", DEFAULT_API_BASE_URL),
        string(json, "socketUrl", DEFAULT_SOCKET_URL));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("authBaseUrl", authBaseUrl)
        .put("apiBaseUrl", apiBaseUrl)
        .put("socketUrl", socketUrl);
  }

  private static String string(JsonObject json, String field, String def) {
    Object v = json.getValue(field);
    if (v == null) {
      return def;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("endpoints." + field + ": must be a URL string");
    }
    return s;
  }

  private static String check(String url, String field, String... schemes) {
    Objects.requireNonNull(url, field);
    String trimmed = url.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (Exception e) {
      throw new IllegalArgumentException("endpoints." + field + ": not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    for (String allowed : schemes) {
      if (allowed.equals(scheme) && uri.getHost() != null) {
        return trimmed;
      }
    }
    throw new IllegalArgumentException(
        "endpoints." + field + ": must be an absolute " + String.join("/", schemes) + " URL");
  }
}

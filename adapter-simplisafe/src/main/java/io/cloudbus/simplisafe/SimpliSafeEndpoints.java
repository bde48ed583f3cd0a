package io.cloudbus.simplisafe;

import io.cloudbus.core.config.ConfigReader;
import io.vertx.core.json.JsonObject;
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

  /**
   * Reads {@code {authBaseUrl?, apiBaseUrl?, socketUrl?}}; null or absent fields = defaults, other
   * fields are ignored.
   *
   * @throws IllegalArgumentException naming the field ({@code endpoints.socketUrl: ...})
   */
  public static SimpliSafeEndpoints fromJson(JsonObject json) {
    ConfigReader r = ConfigReader.of(json, "endpoints");
    SimpliSafeEndpoints endpoints =
        new SimpliSafeEndpoints(
            r.string("authBaseUrl", DEFAULT_AUTH_BASE_URL),
            r.string("apiBaseUrl", DEFAULT_API_BASE_URL),
            r.string("socketUrl", DEFAULT_SOCKET_URL));
    r.throwIfInvalid();
    return endpoints;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("authBaseUrl", authBaseUrl)
        .put("apiBaseUrl", apiBaseUrl)
        .put("socketUrl", socketUrl);
  }

  private static String check(String url, String field, String... schemes) {
    Objects.requireNonNull(url, field);
    String trimmed = url.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (!ConfigReader.isUrl(trimmed, schemes)) {
      throw new IllegalArgumentException(
          "endpoints." + field + ": expected an absolute " + String.join("/", schemes) + " URL");
    }
    return trimmed;
  }
}

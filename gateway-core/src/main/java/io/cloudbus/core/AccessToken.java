package io.cloudbus.core;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * An OAuth access token with its refresh token and expiry. {@link #toString()} never shows the
 * token values.
 *
 * @param accessToken the bearer token; never null
 * @param refreshToken the refresh token, or null when the grant gave none
 * @param expiresAt when the access token stops working, or null when unknown (then it is treated as
 *     already due for refresh)
 */
public record AccessToken(String accessToken, String refreshToken, Instant expiresAt) {

  public AccessToken {
    if (accessToken == null || accessToken.isEmpty()) {
      throw new IllegalArgumentException("accessToken must not be empty");
    }
  }

  /** True when the token expires within {@code margin} of {@code now}, or its expiry is unknown. */
  public boolean expiresWithin(Duration margin, Instant now) {
    return expiresAt == null || !now.plus(margin).isBefore(expiresAt);
  }

  /** The same token with another refresh token (used when a refresh response omits one). */
  public AccessToken withRefreshToken(String refreshToken) {
    return new AccessToken(accessToken, refreshToken, expiresAt);
  }

  /** The stored form (secrets included: only for a {@link TokenStore}). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("access_token", accessToken);
    if (refreshToken != null) {
      json.put("refresh_token", refreshToken);
    }
    if (expiresAt != null) {
      json.put("expires_at", expiresAt.toString());
    }
    return json;
  }

  /** Reads the stored form written by {@link #toJson()}. */
  public static AccessToken fromJson(JsonObject json) {
    String expires = json.getString("expires_at");
    return new AccessToken(
        json.getString("access_token"),
        json.getString("refresh_token"),
        expires == null ? null : Instant.parse(expires));
  }

  @Override
  public String toString() {
    return "AccessToken[expiresAt=" + expiresAt + ", refreshToken=" + (refreshToken != null) + "]";
  }
}

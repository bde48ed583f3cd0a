package io.cloudbus.mock;

import io.vertx.core.json.JsonObject;

/**
 * Tokens issued by a {@link TokenAuthority}: random opaque values.
 *
 * @param subject who they were issued to (user name, user id); never null
 * @param accessToken the access token
 * @param refreshToken the refresh token
 * @param expiresInSeconds the access token's lifetime in seconds
 */
public record IssuedTokens(
    String subject, String accessToken, String refreshToken, long expiresInSeconds) {

  /**
   * The usual OAuth 2 token response: {@code
   * {"access_token","refresh_token","expires_in","token_type":"Bearer"}}. Vendors add their own
   * fields (scope, id_token, ...).
   */
  public JsonObject toOAuthJson() {
    return new JsonObject()
        .put("access_token", accessToken)
        .put("refresh_token", refreshToken)
        .put("expires_in", expiresInSeconds)
        .put("token_type", "Bearer");
  }

  /** Redacted: never prints tokens. */
  @Override
  public String toString() {
    return "IssuedTokens[subject=" + subject + ", expiresIn=" + expiresInSeconds + "s]";
  }
}

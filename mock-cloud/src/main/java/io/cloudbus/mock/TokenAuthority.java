package io.cloudbus.mock;

import java.util.Optional;

/**
 * Issues and checks one vendor's OAuth tokens: random opaque access and refresh tokens, access
 * tokens valid for {@link #accessTokenLifetimeSeconds()} (default {@value
 * #DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS}). Thread-safe. The admin API's {@code
 * expire-access-tokens} and {@code revoke-refresh-tokens} call {@link #expireAccessTokens()} and
 * {@link #revokeRefreshTokens()}; reset forgets every token and restores the defaults.
 */
public interface TokenAuthority {

  /** Default access token lifetime: one hour, as both real vendors. */
  long DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

  /** Issues a new token pair for {@code subject} after a successful login; counts a login. */
  IssuedTokens login(String subject);

  /**
   * Exchanges a refresh token; counts a refresh attempt (also when it fails). With rotation on, the
   * old refresh token stops working and a new one is returned; otherwise the same one is returned.
   *
   * @return empty when {@code refreshToken} is unknown or revoked (the vendor answers {@code
   *     invalid_grant})
   */
  Optional<IssuedTokens> refresh(String refreshToken);

  /** The subject of a valid (issued, not expired) access token; empty for null or invalid. */
  Optional<String> validateAccess(String accessToken);

  /** The subject of a valid refresh token; empty for null, unknown or revoked. Counts nothing. */
  Optional<String> validateRefresh(String refreshToken);

  /** Every access token issued so far stops working; new logins and refreshes work. */
  void expireAccessTokens();

  /** Every refresh token issued so far stops working; new logins work. */
  void revokeRefreshTokens();

  /** Access token lifetime in seconds for tokens issued from now on. */
  long accessTokenLifetimeSeconds();

  /**
   * Sets the access token lifetime for tokens issued from now on.
   *
   * @throws IllegalArgumentException when {@code seconds} is below 1
   */
  void accessTokenLifetimeSeconds(long seconds);

  /** Whether refreshes rotate the refresh token (default false). */
  boolean rotateRefreshTokens();

  /** Turns refresh-token rotation on or off. */
  void rotateRefreshTokens(boolean rotate);
}

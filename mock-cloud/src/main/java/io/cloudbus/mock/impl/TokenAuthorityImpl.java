package io.cloudbus.mock.impl;

import io.cloudbus.mock.IssuedTokens;
import io.cloudbus.mock.TokenAuthority;
import io.cloudbus.mock.VendorStats;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link TokenAuthority} in memory. Tokens are 32 random bytes, base64url: opaque, unguessable, and
 * never derived from the subject. Thread-safe (maps are concurrent; settings are volatile).
 */
final class TokenAuthorityImpl implements TokenAuthority {
  private record Access(String subject, long expiresAtMs) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Access> access = new ConcurrentHashMap<>();
  private final Map<String, String> refresh = new ConcurrentHashMap<>();
  private final VendorStats stats;
  private final LongSupplier clockMs;
  private volatile long lifetimeSeconds = DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
  private volatile boolean rotate;

  TokenAuthorityImpl(VendorStats stats, LongSupplier clockMs) {
    this.stats = stats;
    this.clockMs = clockMs;
  }

  @Override
  public IssuedTokens login(String subject) {
    stats.increment(VendorStats.LOGINS);
    return issue(subject, newToken());
  }

  @Override
  public Optional<IssuedTokens> refresh(String refreshToken) {
    stats.increment(VendorStats.REFRESHES);
    if (refreshToken == null) {
      return Optional.empty();
    }
    if (rotate) {
      String subject = refresh.remove(refreshToken);
      return subject == null ? Optional.empty() : Optional.of(issue(subject, newToken()));
    }
    String subject = refresh.get(refreshToken);
    return subject == null ? Optional.empty() : Optional.of(issue(subject, refreshToken));
  }

  @Override
  public Optional<String> validateAccess(String accessToken) {
    if (accessToken == null) {
      return Optional.empty();
    }
    Access entry = access.get(accessToken);
    if (entry == null) {
      return Optional.empty();
    }
    if (clockMs.getAsLong() >= entry.expiresAtMs()) {
      access.remove(accessToken);
      return Optional.empty();
    }
    return Optional.of(entry.subject());
  }

  @Override
  public Optional<String> validateRefresh(String refreshToken) {
    return refreshToken == null ? Optional.empty() : Optional.ofNullable(refresh.get(refreshToken));
  }

  @Override
  public void expireAccessTokens() {
    access.clear();
  }

  @Override
  public void revokeRefreshTokens() {
    refresh.clear();
  }

  @Override
  public long accessTokenLifetimeSeconds() {
    return lifetimeSeconds;
  }

  @Override
  public void accessTokenLifetimeSeconds(long seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("access token lifetime must be >= 1 s");
    }
    lifetimeSeconds = seconds;
  }

  @Override
  public boolean rotateRefreshTokens() {
    return rotate;
  }

  @Override
  public void rotateRefreshTokens(boolean rotate) {
    this.rotate = rotate;
  }

  void reset() {
    access.clear();
    refresh.clear();
    lifetimeSeconds = DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
    rotate = false;
  }

  private IssuedTokens issue(String subject, String refreshToken) {
    if (subject == null) {
      throw new IllegalArgumentException("subject must not be null");
    }
    long lifetime = lifetimeSeconds;
    String accessToken = newToken();
    access.put(accessToken, new Access(subject, clockMs.getAsLong() + lifetime * 1000));
    refresh.put(refreshToken, subject);
    return new IssuedTokens(subject, accessToken, refreshToken, lifetime);
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

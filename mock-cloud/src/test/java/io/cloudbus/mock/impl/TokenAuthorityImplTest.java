package io.cloudbus.mock.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.mock.IssuedTokens;
import io.cloudbus.mock.VendorStats;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenAuthorityImplTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final VendorStatsImpl stats = new VendorStatsImpl();
  private final TokenAuthorityImpl tokens = new TokenAuthorityImpl(stats, clock::get);

  @Test
  void accessTokensExpireAfterTheirLifetime() {
    tokens.accessTokenLifetimeSeconds(60);
    IssuedTokens issued = tokens.login("ann");
    assertThat(issued.expiresInSeconds()).isEqualTo(60);
    assertThat(tokens.validateAccess(issued.accessToken())).contains("ann");
    clock.addAndGet(59_999);
    assertThat(tokens.validateAccess(issued.accessToken())).contains("ann");
    clock.addAndGet(1);
    assertThat(tokens.validateAccess(issued.accessToken())).isEmpty();
    assertThat(tokens.validateAccess(null)).isEmpty();
  }

  @Test
  void expireAndRevokeAffectOnlyTokensIssuedBefore() {
    IssuedTokens before = tokens.login("ann");
    tokens.expireAccessTokens();
    assertThat(tokens.validateAccess(before.accessToken())).isEmpty();
    assertThat(tokens.validateRefresh(before.refreshToken())).contains("ann");
    IssuedTokens refreshed = tokens.refresh(before.refreshToken()).orElseThrow();
    assertThat(tokens.validateAccess(refreshed.accessToken())).contains("ann");
    tokens.revokeRefreshTokens();
    assertThat(tokens.refresh(before.refreshToken())).isEmpty();
    IssuedTokens after = tokens.login("ann");
    assertThat(tokens.refresh(after.refreshToken())).isPresent();
    assertThat(stats.get(VendorStats.LOGINS)).isEqualTo(2);
    assertThat(stats.get(VendorStats.REFRESHES)).isEqualTo(3);
  }

  @Test
  void rotationInvalidatesTheOldRefreshToken() {
    IssuedTokens first = tokens.login("ann");
    assertThat(tokens.refresh(first.refreshToken()).orElseThrow().refreshToken())
        .isEqualTo(first.refreshToken());
    tokens.rotateRefreshTokens(true);
    IssuedTokens rotated = tokens.refresh(first.refreshToken()).orElseThrow();
    assertThat(rotated.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(tokens.refresh(first.refreshToken())).isEmpty();
    assertThat(tokens.refresh(rotated.refreshToken())).isPresent();
  }

  @Test
  void tokensAreOpaqueAndNeverPrinted() {
    IssuedTokens a = tokens.login("ann");
    IssuedTokens b = tokens.login("ann");
    assertThat(a.accessToken())
        .isNotEqualTo(b.accessToken())
        .doesNotContain("ann")
        .hasSizeGreaterThan(40);
    assertThat(a.toString()).doesNotContain(a.accessToken(), a.refreshToken());
    assertThat(a.toOAuthJson().getString("token_type")).isEqualTo("Bearer");
  }

  @Test
  void resetRestoresDefaults() {
    tokens.accessTokenLifetimeSeconds(5);
    tokens.rotateRefreshTokens(true);
    IssuedTokens issued = tokens.login("ann");
    tokens.reset();
    assertThat(tokens.accessTokenLifetimeSeconds()).isEqualTo(3600);
    assertThat(tokens.rotateRefreshTokens()).isFalse();
    assertThat(tokens.validateAccess(issued.accessToken())).isEmpty();
    assertThatThrownBy(() -> tokens.accessTokenLifetimeSeconds(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

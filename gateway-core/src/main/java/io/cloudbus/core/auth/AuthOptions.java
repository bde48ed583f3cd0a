package io.cloudbus.core.auth;

import io.cloudbus.core.TokenStore;
import io.cloudbus.core.util.TimerScheduler;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of an {@link AbstractAuthHandler}. Immutable; build with {@link #builder(String)}.
 *
 * <p>Defaults: an in-memory {@link TokenStore}, a refresh margin of {@link
 * #DEFAULT_REFRESH_MARGIN_MS} (5 min, as the SimpliSafe app; BTicino's client uses 60 s), proactive
 * refresh on, the system UTC clock, Vert.x timers.
 */
public final class AuthOptions {

  /** Refresh this long before the access token expires. */
  public static final long DEFAULT_REFRESH_MARGIN_MS = 300_000;

  /** A failed proactive refresh is retried after at most this long. */
  public static final long DEFAULT_RETRY_MAX_MS = 60_000;

  private final String storeKey;
  private final TokenStore tokenStore;
  private final long refreshMarginMs;
  private final boolean proactiveRefresh;
  private final Clock clock;
  private final TimerScheduler timers;

  private AuthOptions(Builder b) {
    if (b.storeKey == null || b.storeKey.isBlank()) {
      throw new IllegalArgumentException("storeKey must not be empty");
    }
    if (b.refreshMarginMs < 0) {
      throw new IllegalArgumentException("refreshMarginMs must be >= 0, was " + b.refreshMarginMs);
    }
    this.storeKey = b.storeKey;
    this.tokenStore = b.tokenStore != null ? b.tokenStore : TokenStore.inMemory();
    this.refreshMarginMs = b.refreshMarginMs;
    this.proactiveRefresh = b.proactiveRefresh;
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.timers = b.timers;
  }

  /**
   * @param storeKey the key of this account's token in the {@link TokenStore}, e.g. {@code
   *     simplisafe/home}
   */
  public static Builder builder(String storeKey) {
    return new Builder(storeKey);
  }

  public String storeKey() {
    return storeKey;
  }

  public TokenStore tokenStore() {
    return tokenStore;
  }

  /** A token expiring within this margin counts as due for refresh. Milliseconds, >= 0. */
  public long refreshMarginMs() {
    return refreshMarginMs;
  }

  /** Whether a timer refreshes the token ahead of expiry (default true). */
  public boolean proactiveRefresh() {
    return proactiveRefresh;
  }

  public Clock clock() {
    return clock;
  }

  /** The timer scheduler, or null to use Vert.x timers. */
  public TimerScheduler timers() {
    return timers;
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final String storeKey;
    private TokenStore tokenStore;
    private long refreshMarginMs = DEFAULT_REFRESH_MARGIN_MS;
    private boolean proactiveRefresh = true;
    private Clock clock;
    private TimerScheduler timers;

    private Builder(String storeKey) {
      this.storeKey = storeKey;
    }

    public Builder tokenStore(TokenStore store) {
      this.tokenStore = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder refreshMarginMs(long ms) {
      this.refreshMarginMs = ms;
      return this;
    }

    public Builder proactiveRefresh(boolean on) {
      this.proactiveRefresh = on;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder timers(TimerScheduler timers) {
      this.timers = timers;
      return this;
    }

    public AuthOptions build() {
      return new AuthOptions(this);
    }
  }
}

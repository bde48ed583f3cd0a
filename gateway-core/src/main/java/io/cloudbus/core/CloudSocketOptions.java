package io.cloudbus.core;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The vendor-independent settings of a {@link CloudSocket}. Immutable, validated at construction,
 * JSON round-trippable ({@link #toJson()} / {@link #fromJson(JsonObject)}). Units are in the names;
 * defaults are the {@code DEFAULT_*} constants; {@link #RANGES} holds every numeric field's allowed
 * range (a value outside it fails the build with an {@link IllegalArgumentException} naming the
 * field and the range).
 */
public final class CloudSocketOptions {

  public static final long DEFAULT_RECONNECT_INITIAL_DELAY_MS = 1_000;
  public static final long DEFAULT_RECONNECT_MAX_DELAY_MS = 120_000;
  public static final long DEFAULT_STABLE_AFTER_MS = 60_000;
  public static final long DEFAULT_RATE_LIMITED_MIN_DELAY_MS = 300_000;
  public static final long DEFAULT_RATE_LIMITED_MAX_DELAY_MS = 7_200_000;
  public static final long DEFAULT_AUTH_FAILED_INITIAL_DELAY_MS = 30_000;
  public static final long DEFAULT_AUTH_FAILED_RETRY_MS = 300_000;
  public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_REPLY_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_PAUSE_BUFFER_SIZE = 10_000;
  public static final long DEFAULT_TRAFFIC_WINDOW_MS = 5_000;
  public static final int DEFAULT_TRAFFIC_WARN_PER_SEC = 300;
  public static final int DEFAULT_TRAFFIC_TRIP_PER_SEC = 500;
  public static final long DEFAULT_TRAFFIC_COOLDOWN_MS = 60_000;
  public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
  public static final int DEFAULT_DEDUP_MAX_IDS = 100_000;
  public static final long DEFAULT_DEDUP_TTL_MS = 86_400_000;

  /** Every numeric field with its allowed range {@code {min, max}}, in declaration order. */
  public static final Map<String, long[]> RANGES = ranges();

  private final String vendor;
  private final String account;
  private final long reconnectInitialDelayMs;
  private final long reconnectMaxDelayMs;
  private final long stableAfterMs;
  private final long rateLimitedMinDelayMs;
  private final long rateLimitedMaxDelayMs;
  private final long authFailedInitialDelayMs;
  private final long authFailedRetryMs;
  private final long handshakeTimeoutMs;
  private final long replyTimeoutMs;
  private final int pauseBufferSize;
  private final long trafficWindowMs;
  private final int trafficWarnPerSec;
  private final int trafficTripPerSec;
  private final long trafficCooldownMs;
  private final int maxFrameBytes;
  private final int dedupMaxIds;
  private final long dedupTtlMs;
  private final TlsTrust tls;
  private final String label;

  private CloudSocketOptions(Builder b) {
    this.vendor = requireName(b.vendor, "vendor");
    this.account = requireName(b.account, "account");
    this.label = vendor + "/" + account;
    this.reconnectInitialDelayMs = inRange(b.reconnectInitialDelayMs, "reconnectInitialDelayMs");
    this.reconnectMaxDelayMs = inRange(b.reconnectMaxDelayMs, "reconnectMaxDelayMs");
    if (reconnectMaxDelayMs < reconnectInitialDelayMs) {
      throw new IllegalArgumentException("reconnectMaxDelayMs must be >= reconnectInitialDelayMs");
    }
    this.stableAfterMs = inRange(b.stableAfterMs, "stableAfterMs");
    this.rateLimitedMinDelayMs = inRange(b.rateLimitedMinDelayMs, "rateLimitedMinDelayMs");
    this.rateLimitedMaxDelayMs = inRange(b.rateLimitedMaxDelayMs, "rateLimitedMaxDelayMs");
    if (rateLimitedMaxDelayMs < rateLimitedMinDelayMs) {
      throw new IllegalArgumentException("rateLimitedMaxDelayMs must be >= rateLimitedMinDelayMs");
    }
    this.authFailedInitialDelayMs = inRange(b.authFailedInitialDelayMs, "authFailedInitialDelayMs");
    this.authFailedRetryMs = inRange(b.authFailedRetryMs, "authFailedRetryMs");
    this.handshakeTimeoutMs = inRange(b.handshakeTimeoutMs, "handshakeTimeoutMs");
    this.replyTimeoutMs = inRange(b.replyTimeoutMs, "replyTimeoutMs");
    this.pauseBufferSize = (int) inRange(b.pauseBufferSize, "pauseBufferSize");
    this.trafficWindowMs = inRange(b.trafficWindowMs, "trafficWindowMs");
    this.trafficWarnPerSec = (int) inRange(b.trafficWarnPerSec, "trafficWarnPerSec");
    this.trafficTripPerSec = (int) inRange(b.trafficTripPerSec, "trafficTripPerSec");
    if (trafficTripPerSec < trafficWarnPerSec) {
      throw new IllegalArgumentException("trafficTripPerSec must be >= trafficWarnPerSec");
    }
    this.trafficCooldownMs = inRange(b.trafficCooldownMs, "trafficCooldownMs");
    this.maxFrameBytes = (int) inRange(b.maxFrameBytes, "maxFrameBytes");
    this.dedupMaxIds = (int) inRange(b.dedupMaxIds, "dedupMaxIds");
    this.dedupTtlMs = inRange(b.dedupTtlMs, "dedupTtlMs");
    this.tls = b.tls;
  }

  private static String requireName(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (!value.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          field
              + " must use only letters, digits, '-' and '_' (it is part of bus addresses): "
              + value);
    }
    return value;
  }

  private static long inRange(long value, String field) {
    long[] range = RANGES.get(field);
    if (value < range[0] || value > range[1]) {
      throw new IllegalArgumentException(
          field + " must be between " + range[0] + " and " + range[1] + ", was " + value);
    }
    return value;
  }

  private static Map<String, long[]> ranges() {
    long day = 86_400_000;
    Map<String, long[]> r = new LinkedHashMap<>();
    r.put("reconnectInitialDelayMs", new long[] {1, 3_600_000});
    r.put("reconnectMaxDelayMs", new long[] {1, day});
    r.put("stableAfterMs", new long[] {1, day});
    r.put("rateLimitedMinDelayMs", new long[] {1, day});
    r.put("rateLimitedMaxDelayMs", new long[] {1, day});
    r.put("authFailedInitialDelayMs", new long[] {1, day});
    r.put("authFailedRetryMs", new long[] {1, day});
    r.put("handshakeTimeoutMs", new long[] {1, 3_600_000});
    r.put("replyTimeoutMs", new long[] {1, 3_600_000});
    r.put("pauseBufferSize", new long[] {1, 10_000_000});
    r.put("trafficWindowMs", new long[] {100, 3_600_000});
    r.put("trafficWarnPerSec", new long[] {1, 1_000_000});
    r.put("trafficTripPerSec", new long[] {1, 1_000_000});
    r.put("trafficCooldownMs", new long[] {1, day});
    r.put("maxFrameBytes", new long[] {256, 64L << 20});
    r.put("dedupMaxIds", new long[] {1, 10_000_000});
    r.put("dedupTtlMs", new long[] {1, 30 * day});
    return Collections.unmodifiableMap(r);
  }

  public static Builder builder(String vendor, String account) {
    return new Builder(vendor, account);
  }

  /** Reads the JSON form; absent fields take their defaults; errors name the field. */
  public static CloudSocketOptions fromJson(JsonObject json) {
    Objects.requireNonNull(json, "json");
    Builder b = builder(json.getString("vendor"), json.getString("account"));
    b.reconnectInitialDelayMs =
        json.getLong("reconnectInitialDelayMs", DEFAULT_RECONNECT_INITIAL_DELAY_MS);
    b.reconnectMaxDelayMs = json.getLong("reconnectMaxDelayMs", DEFAULT_RECONNECT_MAX_DELAY_MS);
    b.stableAfterMs = json.getLong("stableAfterMs", DEFAULT_STABLE_AFTER_MS);
    b.rateLimitedMinDelayMs =
        json.getLong("rateLimitedMinDelayMs", DEFAULT_RATE_LIMITED_MIN_DELAY_MS);
    b.rateLimitedMaxDelayMs =
        json.getLong("rateLimitedMaxDelayMs", DEFAULT_RATE_LIMITED_MAX_DELAY_MS);
    b.authFailedInitialDelayMs =
        json.getLong("authFailedInitialDelayMs", DEFAULT_AUTH_FAILED_INITIAL_DELAY_MS);
    b.authFailedRetryMs = json.getLong("authFailedRetryMs", DEFAULT_AUTH_FAILED_RETRY_MS);
    b.handshakeTimeoutMs = json.getLong("handshakeTimeoutMs", DEFAULT_HANDSHAKE_TIMEOUT_MS);
    b.replyTimeoutMs = json.getLong("replyTimeoutMs", DEFAULT_REPLY_TIMEOUT_MS);
    b.pauseBufferSize = json.getInteger("pauseBufferSize", DEFAULT_PAUSE_BUFFER_SIZE);
    b.trafficWindowMs = json.getLong("trafficWindowMs", DEFAULT_TRAFFIC_WINDOW_MS);
    b.trafficWarnPerSec = json.getInteger("trafficWarnPerSec", DEFAULT_TRAFFIC_WARN_PER_SEC);
    b.trafficTripPerSec = json.getInteger("trafficTripPerSec", DEFAULT_TRAFFIC_TRIP_PER_SEC);
    b.trafficCooldownMs = json.getLong("trafficCooldownMs", DEFAULT_TRAFFIC_COOLDOWN_MS);
    b.maxFrameBytes = json.getInteger("maxFrameBytes", DEFAULT_MAX_FRAME_BYTES);
    b.dedupMaxIds = json.getInteger("dedupMaxIds", DEFAULT_DEDUP_MAX_IDS);
    b.dedupTtlMs = json.getLong("dedupTtlMs", DEFAULT_DEDUP_TTL_MS);
    Object tls = json.getValue("tls");
    if (tls != null && !(tls instanceof JsonObject)) {
      throw new IllegalArgumentException("tls: must be an object {caFile?, pinSha256?}");
    }
    b.tls = tls == null ? null : TlsTrust.fromJson((JsonObject) tls);
    return b.build();
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("vendor", vendor)
            .put("account", account)
            .put("reconnectInitialDelayMs", reconnectInitialDelayMs)
            .put("reconnectMaxDelayMs", reconnectMaxDelayMs)
            .put("stableAfterMs", stableAfterMs)
            .put("rateLimitedMinDelayMs", rateLimitedMinDelayMs)
            .put("rateLimitedMaxDelayMs", rateLimitedMaxDelayMs)
            .put("authFailedInitialDelayMs", authFailedInitialDelayMs)
            .put("authFailedRetryMs", authFailedRetryMs)
            .put("handshakeTimeoutMs", handshakeTimeoutMs)
            .put("replyTimeoutMs", replyTimeoutMs)
            .put("pauseBufferSize", pauseBufferSize)
            .put("trafficWindowMs", trafficWindowMs)
            .put("trafficWarnPerSec", trafficWarnPerSec)
            .put("trafficTripPerSec", trafficTripPerSec)
            .put("trafficCooldownMs", trafficCooldownMs)
            .put("maxFrameBytes", maxFrameBytes)
            .put("dedupMaxIds", dedupMaxIds)
            .put("dedupTtlMs", dedupTtlMs);
    return tls == null ? json : json.put("tls", tls.toJson());
  }

  /** A builder holding these values, to derive changed options. */
  public Builder toBuilder() {
    CloudSocketOptions o = this;
    Builder b = builder(o.vendor, o.account);
    b.reconnectInitialDelayMs = o.reconnectInitialDelayMs;
    b.reconnectMaxDelayMs = o.reconnectMaxDelayMs;
    b.stableAfterMs = o.stableAfterMs;
    b.rateLimitedMinDelayMs = o.rateLimitedMinDelayMs;
    b.rateLimitedMaxDelayMs = o.rateLimitedMaxDelayMs;
    b.authFailedInitialDelayMs = o.authFailedInitialDelayMs;
    b.authFailedRetryMs = o.authFailedRetryMs;
    b.handshakeTimeoutMs = o.handshakeTimeoutMs;
    b.replyTimeoutMs = o.replyTimeoutMs;
    b.pauseBufferSize = o.pauseBufferSize;
    b.trafficWindowMs = o.trafficWindowMs;
    b.trafficWarnPerSec = o.trafficWarnPerSec;
    b.trafficTripPerSec = o.trafficTripPerSec;
    b.trafficCooldownMs = o.trafficCooldownMs;
    b.maxFrameBytes = o.maxFrameBytes;
    b.dedupMaxIds = o.dedupMaxIds;
    b.dedupTtlMs = o.dedupTtlMs;
    b.tls = o.tls;
    return b;
  }

  public String vendor() {
    return vendor;
  }

  public String account() {
    return account;
  }

  /**
   * {@code vendor/account}: the socket's name in logs and errors, built once and shared by the
   * socket's parts (not part of the JSON form).
   */
  public String label() {
    return label;
  }

  /** First reconnect delay bound and the backoff increment (full jitter). */
  public long reconnectInitialDelayMs() {
    return reconnectInitialDelayMs;
  }

  /** Cap of the transient-failure backoff. */
  public long reconnectMaxDelayMs() {
    return reconnectMaxDelayMs;
  }

  /** A connection up this long resets the backoff attempt counter. */
  public long stableAfterMs() {
    return stableAfterMs;
  }

  public long rateLimitedMinDelayMs() {
    return rateLimitedMinDelayMs;
  }

  public long rateLimitedMaxDelayMs() {
    return rateLimitedMaxDelayMs;
  }

  /**
   * The first delay after an account fell into {@code auth_failed}; each further failed attempt
   * doubles it, up to {@link #authFailedRetryMs()}.
   */
  public long authFailedInitialDelayMs() {
    return authFailedInitialDelayMs;
  }

  /**
   * The cap of the delay between attempts while in {@code auth_failed}: an account is back at most
   * this long (plus one handshake) after the vendor accepts its credentials again.
   */
  public long authFailedRetryMs() {
    return authFailedRetryMs;
  }

  /** Bound on connect + handshake + subscribe. */
  public long handshakeTimeoutMs() {
    return handshakeTimeoutMs;
  }

  /** Default timeout of {@link CloudSocket#sendMessage(io.vertx.core.json.JsonObject)}. */
  public long replyTimeoutMs() {
    return replyTimeoutMs;
  }

  /** Events held while paused; beyond it the oldest are dropped and counted. */
  public int pauseBufferSize() {
    return pauseBufferSize;
  }

  public long trafficWindowMs() {
    return trafficWindowMs;
  }

  public int trafficWarnPerSec() {
    return trafficWarnPerSec;
  }

  public int trafficTripPerSec() {
    return trafficTripPerSec;
  }

  /**
   * After the traffic guard trips, the connection is closed and the next attempt waits this long
   * (state {@code backoff}); outgoing messages are refused meanwhile.
   */
  public long trafficCooldownMs() {
    return trafficCooldownMs;
  }

  /** Larger incoming frames are counted as bad and skipped. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  public int dedupMaxIds() {
    return dedupMaxIds;
  }

  public long dedupTtlMs() {
    return dedupTtlMs;
  }

  /**
   * Extra trust for {@code wss://}/{@code https://} endpoints (a CA file and/or a certificate pin),
   * or null for the JVM's CAs only. JSON: {@code "tls": {"caFile"?, "pinSha256"?}}.
   */
  public TlsTrust tls() {
    return tls;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CloudSocketOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "CloudSocketOptions" + toJson().encode();
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final String vendor;
    private final String account;
    private long reconnectInitialDelayMs = DEFAULT_RECONNECT_INITIAL_DELAY_MS;
    private long reconnectMaxDelayMs = DEFAULT_RECONNECT_MAX_DELAY_MS;
    private long stableAfterMs = DEFAULT_STABLE_AFTER_MS;
    private long rateLimitedMinDelayMs = DEFAULT_RATE_LIMITED_MIN_DELAY_MS;
    private long rateLimitedMaxDelayMs = DEFAULT_RATE_LIMITED_MAX_DELAY_MS;
    private long authFailedInitialDelayMs = DEFAULT_AUTH_FAILED_INITIAL_DELAY_MS;
    private long authFailedRetryMs = DEFAULT_AUTH_FAILED_RETRY_MS;
    private long handshakeTimeoutMs = DEFAULT_HANDSHAKE_TIMEOUT_MS;
    private long replyTimeoutMs = DEFAULT_REPLY_TIMEOUT_MS;
    private long pauseBufferSize = DEFAULT_PAUSE_BUFFER_SIZE;
    private long trafficWindowMs = DEFAULT_TRAFFIC_WINDOW_MS;
    private long trafficWarnPerSec = DEFAULT_TRAFFIC_WARN_PER_SEC;
    private long trafficTripPerSec = DEFAULT_TRAFFIC_TRIP_PER_SEC;
    private long trafficCooldownMs = DEFAULT_TRAFFIC_COOLDOWN_MS;
    private long maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private long dedupMaxIds = DEFAULT_DEDUP_MAX_IDS;
    private long dedupTtlMs = DEFAULT_DEDUP_TTL_MS;
    private TlsTrust tls;

    private Builder(String vendor, String account) {
      this.vendor = vendor;
      this.account = account;
    }

    public Builder reconnectInitialDelayMs(long v) {
      reconnectInitialDelayMs = v;
      return this;
    }

    public Builder reconnectMaxDelayMs(long v) {
      reconnectMaxDelayMs = v;
      return this;
    }

    public Builder stableAfterMs(long v) {
      stableAfterMs = v;
      return this;
    }

    public Builder rateLimitedMinDelayMs(long v) {
      rateLimitedMinDelayMs = v;
      return this;
    }

    public Builder rateLimitedMaxDelayMs(long v) {
      rateLimitedMaxDelayMs = v;
      return this;
    }

    public Builder authFailedInitialDelayMs(long v) {
      authFailedInitialDelayMs = v;
      return this;
    }

    public Builder authFailedRetryMs(long v) {
      authFailedRetryMs = v;
      return this;
    }

    public Builder handshakeTimeoutMs(long v) {
      handshakeTimeoutMs = v;
      return this;
    }

    public Builder replyTimeoutMs(long v) {
      replyTimeoutMs = v;
      return this;
    }

    public Builder pauseBufferSize(int v) {
      pauseBufferSize = v;
      return this;
    }

    public Builder trafficWindowMs(long v) {
      trafficWindowMs = v;
      return this;
    }

    public Builder trafficWarnPerSec(int v) {
      trafficWarnPerSec = v;
      return this;
    }

    public Builder trafficTripPerSec(int v) {
      trafficTripPerSec = v;
      return this;
    }

    public Builder trafficCooldownMs(long v) {
      trafficCooldownMs = v;
      return this;
    }

    public Builder maxFrameBytes(int v) {
      maxFrameBytes = v;
      return this;
    }

    public Builder dedupMaxIds(int v) {
      dedupMaxIds = v;
      return this;
    }

    public Builder dedupTtlMs(long v) {
      dedupTtlMs = v;
      return this;
    }

    /** Extra trust for TLS endpoints; null (the default) for the JVM's CAs only. */
    public Builder tls(TlsTrust v) {
      tls = v;
      return this;
    }

    public CloudSocketOptions build() {
      return new CloudSocketOptions(this);
    }
  }
}

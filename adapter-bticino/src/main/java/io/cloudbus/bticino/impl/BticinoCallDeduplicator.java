package io.cloudbus.bticino.impl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Remembers, per BTicino call session ({@code session_id}), which call events were already emitted,
 * and the snapshot/vignette URLs learnt so far.
 *
 * <p>Why it exists although the core drops events by id: the cloud repeats RTC offers every few
 * seconds while ringing, sends {@code terminate}/{@code rescind} once per registered receiver, and
 * sends {@code incoming_call} before or after the offer. The ids alone make the ring unique; this
 * class additionally knows <em>whether</em> a ring already went out, so that a later {@code
 * incoming_call} can deliver its image URLs as an enrichment instead of vanishing in the core's
 * dedup, and so that later call events of the session carry the URLs.
 *
 * <p>Bounded: at most {@link #DEFAULT_MAX_SESSIONS} sessions, each forgotten {@link #DEFAULT_TTL}
 * after its last update (the core's own id cache still catches late repeats). Thread-safe, but
 * meant to be used from one socket's event loop.
 */
public final class BticinoCallDeduplicator {

  /** How long a session is remembered after its last update. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);

  /** Sessions remembered at most; the least recently used are forgotten first. */
  public static final int DEFAULT_MAX_SESSIONS = 10_000;

  /** The call events of one session, each emitted at most once. */
  public enum Kind {
    RING,
    ANSWERED,
    MISSED,
    ENDED,
    /** The image URLs delivered after a ring that went out without them. */
    MEDIA
  }

  private final Cache<String, Session> sessions;

  public BticinoCallDeduplicator() {
    this(DEFAULT_TTL, DEFAULT_MAX_SESSIONS, Ticker.systemTicker());
  }

  /**
   * @param ttl how long an untouched session is remembered; positive
   * @param maxSessions bound on remembered sessions; positive
   * @param ticker the clock (nanoseconds), replaceable in tests
   */
  public BticinoCallDeduplicator(Duration ttl, int maxSessions, Ticker ticker) {
    if (ttl.isNegative() || ttl.isZero() || maxSessions <= 0) {
      throw new IllegalArgumentException("ttl and maxSessions must be positive");
    }
    this.sessions =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumSize(maxSessions)
            .ticker(Objects.requireNonNull(ticker, "ticker"))
            .executor(Runnable::run)
            .build();
  }

  /**
   * Marks {@code kind} as emitted for {@code sessionId}.
   *
   * @return true the first time for this session and kind, false for every repeat
   */
  public synchronized boolean first(String sessionId, Kind kind) {
    Session s = session(sessionId);
    boolean added = s.emitted.add(kind);
    sessions.put(sessionId, s);
    return added;
  }

  /** True when {@code kind} was already emitted for the session. */
  public synchronized boolean emitted(String sessionId, Kind kind) {
    Session s = sessions.getIfPresent(sessionId);
    return s != null && s.emitted.contains(kind);
  }

  /** Remembers the URLs a push or history entry carried; absent keys are ignored. */
  public synchronized void rememberMedia(String sessionId, String snapshotUrl, String vignetteUrl) {
    if (snapshotUrl == null && vignetteUrl == null) {
      return;
    }
    Session s = session(sessionId);
    if (snapshotUrl != null) {
      s.media.put("snapshot_url", snapshotUrl);
    }
    if (vignetteUrl != null) {
      s.media.put("vignette_url", vignetteUrl);
    }
    sessions.put(sessionId, s);
  }

  /** The URLs known for the session ({@code snapshot_url}, {@code vignette_url}); a copy. */
  public synchronized JsonObject media(String sessionId) {
    Session s = sessions.getIfPresent(sessionId);
    return s == null ? new JsonObject() : s.media.copy();
  }

  /** The number of sessions currently remembered (approximate, for tests and metrics). */
  public long size() {
    sessions.cleanUp();
    return sessions.estimatedSize();
  }

  private Session session(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    Session s = sessions.getIfPresent(sessionId);
    return s == null ? new Session() : s;
  }

  private static final class Session {
    final Set<Kind> emitted = EnumSet.noneOf(Kind.class);
    final JsonObject media = new JsonObject();
  }
}

package io.cloudbus.service.impl;

import io.cloudbus.core.journal.EventJournal;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Resolves a consumer's resume point ({@code since} of {@code /ws}, {@code Last-Event-ID} or {@code
 * ?since=} of SSE, {@code since} of {@code /api/events}) against the journal. Accepted, in this
 * order:
 *
 * <ol>
 *   <li>an RFC 3339 time: events journaled at or after it;
 *   <li>a CloudEvents {@code id} of a journaled event, looked up in the sources the caller names
 *       (the filter's account, or every account the service knows): the events after it;
 *   <li>a journal position (decimal, as in {@code position} and SSE {@code id:}): the events after
 *       it; {@code 0}: every event the journal holds. A number that is also an event id means the
 *       event.
 * </ol>
 *
 * Fails with an {@link IllegalArgumentException} whose message names the value: unknown id, a
 * position of another journal ({@link OtherJournal}), an id of several sources.
 */
final class SinceParser {

  /** Longest accepted {@code since} value. */
  static final int MAX_LENGTH = 256;

  /**
   * Where a replay starts: positions after {@code afterPosition}, journaled at/after {@code time}.
   */
  record ResumePoint(long afterPosition, Instant time) {}

  private SinceParser() {}

  static Future<ResumePoint> resolve(
      EventJournal journal, String since, Collection<String> sources) {
    if (since == null || since.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("since: must not be empty"));
    }
    if (since.length() > MAX_LENGTH) {
      return Future.failedFuture(
          new IllegalArgumentException("since: longer than " + MAX_LENGTH + " characters"));
    }
    Instant time = time(since);
    if (time != null) {
      return Future.succeededFuture(new ResumePoint(0, time));
    }
    List<String> candidates = new ArrayList<>(sources);
    List<Future<Long>> lookups = new ArrayList<>();
    for (String source : candidates) {
      lookups.add(journal.positionOf(source, since));
    }
    return Future.all(lookups)
        .compose(
            all -> {
              Long found = null;
              List<String> where = new ArrayList<>();
              for (int i = 0; i < lookups.size(); i++) {
                Long p = lookups.get(i).result();
                if (p != null) {
                  found = p;
                  where.add(candidates.get(i));
                }
              }
              if (where.size() > 1) {
                return Future.failedFuture(
                    new IllegalArgumentException(
                        "since: event id \""
                            + abbreviate(since)
                            + "\" is in several sources "
                            + where
                            + "; filter on vendor and account"));
              }
              if (found != null) {
                return Future.succeededFuture(new ResumePoint(found, null));
              }
              return position(journal, since);
            });
  }

  private static Future<ResumePoint> position(EventJournal journal, String since) {
    long p;
    try {
      p = Long.parseLong(since);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 0 || !since.chars().allMatch(Character::isDigit)) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "since: no event with id \""
                  + abbreviate(since)
                  + "\" in the journal, and not an RFC 3339 time or a journal position"));
    }
    long base = journal.basePosition();
    long position = p == 0 ? base : p;
    return journal
        .latestPosition()
        .compose(
            latest ->
                position > latest || position < base
                    ? Future.failedFuture(new OtherJournal(position, base, latest))
                    : Future.succeededFuture(new ResumePoint(position, null)));
  }

  /**
   * A position that is not one of this journal's: beyond its latest (positions only grow) or below
   * its {@link EventJournal#basePosition()}. It came from another journal: a fresh one since (the
   * demo's, {@code journal.enabled: false} after a restart, a replaced file), another cluster
   * node's or another service's.
   */
  static final class OtherJournal extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient long position;
    private final transient long latest;

    OtherJournal(long position, long base, long latest) {
      super(
          position > latest
              ? "since: position " + position + " is beyond the journal's latest (" + latest + ")"
              : "since: position "
                  + position
                  + " is not one of this journal's (its positions are "
                  + (base + 1)
                  + " and up)");
      this.position = position;
      this.latest = latest;
    }

    long position() {
      return position;
    }

    long latest() {
      return latest;
    }
  }

  /** The instant of an RFC 3339 time, or null when {@code s} is none. */
  static Instant time(String s) {
    if (s.length() < 20 || s.charAt(4) != '-' || s.indexOf('T') < 0 && s.indexOf('t') < 0) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s.toUpperCase(java.util.Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}

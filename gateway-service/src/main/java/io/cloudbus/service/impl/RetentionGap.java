package io.cloudbus.service.impl;

import io.cloudbus.core.EventTypes;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;

/**
 * Whether a resume point asks for events the journal no longer holds (retention deleted them), and
 * the {@code io.cloudbus.stream.gap} event that says so: {@code source} {@value #SOURCE}, {@code
 * subject} the resource resumed ({@code events}, a vendor, {@code sse}, {@code api}), no position,
 * {@code data: {from?, to, reason: "retention", afterPosition?}}. {@code to} is when the oldest
 * event still held was journaled (the replay starts there); {@code from} is the time asked for, and
 * for a position or an event id, which have no time once deleted, {@code afterPosition} names the
 * position asked for instead.
 *
 * <p>The journal lost events before the resume point's successor when its oldest held position is
 * beyond it (positions start after the journal's base and only grow), or, for a time, when the
 * oldest held event was journaled after that time and is not the journal's first. An empty journal
 * whose latest position is beyond the resume point lost everything after it.
 */
final class RetentionGap {

  /** The {@code source} of gap events the service itself sends to a resuming consumer. */
  static final String SOURCE = "/cloudbus/gateway/journal";

  static final String REASON = "retention";

  /** The reason of a gap before a stream whose resume position came from another journal. */
  static final String RESET_REASON = "journal_reset";

  private RetentionGap() {}

  /**
   * @return the gap event (CloudEvents JSON) to send before the replay of {@code from}, or null
   *     when the journal still holds everything after it; fails when the journal cannot be read
   */
  static Future<JsonObject> check(
      EventJournal journal, SinceParser.ResumePoint from, String subject, Clock clock) {
    JournalQuery oldestQuery =
        JournalQuery.builder().order(JournalQuery.Order.OLDEST_FIRST).limit(1).build();
    return journal
        .read(oldestQuery)
        .compose(
            page -> {
              JournalEntry oldest = page.entries().isEmpty() ? null : page.entries().get(0);
              if (oldest != null) {
                return Future.succeededFuture(
                    gap(from, oldest, journal.basePosition(), subject, clock));
              }
              return journal
                  .latestPosition()
                  .map(
                      latest ->
                          latest > Math.max(from.afterPosition(), journal.basePosition())
                              ? event(from, clock.instant(), latest + 1, subject, clock, REASON)
                              : null);
            });
  }

  private static JsonObject gap(
      SinceParser.ResumePoint from, JournalEntry oldest, long base, String subject, Clock clock) {
    boolean lost;
    if (from.time() != null) {
      lost = oldest.position() > base + 1 && oldest.journaledAt().isAfter(from.time());
    } else {
      lost = oldest.position() > from.afterPosition() + 1;
    }
    return lost
        ? event(from, oldest.journaledAt(), oldest.position(), subject, clock, REASON)
        : null;
  }

  /**
   * The gap event before a stream that resumed from {@code other}, a position of another journal,
   * and goes on live from this journal's latest: what happened between the consumer's last event
   * and now is unknown to it ({@code data: {to: now, reason: "journal_reset", afterPosition}}).
   */
  static JsonObject journalReset(SinceParser.OtherJournal other, String subject, Clock clock) {
    return event(
        new SinceParser.ResumePoint(other.position(), null),
        clock.instant(),
        other.latest() + 1,
        subject,
        clock,
        RESET_REASON);
  }

  private static JsonObject event(
      SinceParser.ResumePoint from,
      Instant to,
      long firstKept,
      String subject,
      Clock clock,
      String reason) {
    JsonObject data = new JsonObject();
    if (from.time() != null) {
      data.put("from", from.time().toString());
    }
    data.put("to", to.toString()).put("reason", reason);
    if (from.time() == null) {
      data.put("afterPosition", Long.toString(from.afterPosition()));
    }
    String after = from.time() != null ? from.time().toString() : "p" + from.afterPosition();
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", reason + "-" + after + "-" + firstKept)
        .put("source", SOURCE)
        .put("type", EventTypes.type(EventTypes.STREAM_GAP))
        .put("subject", subject)
        .put("time", clock.instant().toString())
        .put("datacontenttype", "application/json")
        .put("data", data);
  }
}

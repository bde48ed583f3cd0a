package io.cloudbus.core.impl;

import io.cloudbus.core.EventTypes;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * What the journal knows of an account from before this socket started (an earlier run of the
 * gateway, or another cluster node that owned the account): the reference of the first catch-up and
 * of the gap a vendor without history announces at its first connect.
 *
 * @param lastJournaledAt when the newest journaled event of the account was journaled, or null when
 *     the journal holds none
 * @param lastVendorTime the latest vendor time among the newest {@link #SCAN} events of the account
 *     that came from the vendor (not the gateway's own {@code stream.gap}, {@code device.changed},
 *     {@code command.*}), or null
 */
record JournalReference(Instant lastJournaledAt, Instant lastVendorTime) {

  /**
   * How many of the account's newest events are read: enough to see past the gateway's own events
   * of the last runs (a gap per restart, device changes, command results). Each socket reads them
   * on the journal's thread at its start, where the events of every other account in between are
   * scanned too, so the fewer the better with many accounts.
   */
  static final int SCAN = 20;

  static final JournalReference NONE = new JournalReference(null, null);

  private static final Set<String> GATEWAY_TYPES =
      Set.of(
          EventTypes.type(EventTypes.STREAM_GAP),
          EventTypes.type(EventTypes.DEVICE_CHANGED),
          EventTypes.type(EventTypes.COMMAND_SUCCEEDED),
          EventTypes.type(EventTypes.COMMAND_FAILED));

  /**
   * Reads the reference of {@code vendor}/{@code account} from {@code journal} (null: {@link
   * #NONE}). Never fails: a journal that cannot be read gives {@link #NONE} (the first connect then
   * announces no restart gap, as without a journal).
   */
  static Future<JournalReference> read(EventJournal journal, String vendor, String account) {
    if (journal == null) {
      return Future.succeededFuture(NONE);
    }
    JournalQuery query =
        JournalQuery.builder()
            .vendor(vendor)
            .account(account)
            .order(JournalQuery.Order.NEWEST_FIRST)
            .limit(SCAN)
            .build();
    try {
      return journal
          .read(query)
          .map(
              page -> {
                Instant journaledAt = null;
                Instant vendorTime = null;
                for (JournalEntry e : page.entries()) {
                  if (journaledAt == null || e.journaledAt().isAfter(journaledAt)) {
                    journaledAt = e.journaledAt();
                  }
                  Instant t = vendorTime(e);
                  if (t != null && (vendorTime == null || t.isAfter(vendorTime))) {
                    vendorTime = t;
                  }
                }
                return new JournalReference(journaledAt, vendorTime);
              })
          .otherwise(NONE);
    } catch (RuntimeException e) {
      return Future.succeededFuture(NONE);
    }
  }

  private static Instant vendorTime(JournalEntry e) {
    if (GATEWAY_TYPES.contains(e.event().getString("type"))) {
      return null;
    }
    try {
      String time = e.event().getString("time");
      return time == null ? null : Instant.parse(time);
    } catch (DateTimeParseException | ClassCastException ex) {
      return null;
    }
  }
}

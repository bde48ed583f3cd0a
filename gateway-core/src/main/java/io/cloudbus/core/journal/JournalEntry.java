package io.cloudbus.core.journal;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One journaled event.
 *
 * @param position its journal position
 * @param journaledAt when the gateway journaled it (the {@code since}/{@code until} filters apply
 *     to this time, not to the vendor's event time, so that a catch-up event journaled after a
 *     consumer left is replayed to it even though the vendor dated it earlier)
 * @param event the CloudEvents JSON as published (a copy the caller may keep)
 */
public record JournalEntry(long position, Instant journaledAt, JsonObject event) {}

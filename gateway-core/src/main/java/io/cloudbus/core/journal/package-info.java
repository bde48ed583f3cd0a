/**
 * The event journal API: {@link io.cloudbus.core.journal.EventJournal} (append with the dedup
 * decision and a position, paged reads, position of an event id), its query, page, entry and
 * options types. The core holds the API and an in-memory journal only; the durable SQLite journal
 * lives in module {@code gateway-journal}, so the core has no JDBC dependency. docs/delivery.md
 * states the delivery contract built on it.
 */
package io.cloudbus.core.journal;

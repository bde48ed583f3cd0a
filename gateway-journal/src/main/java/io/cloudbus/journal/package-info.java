/**
 * The durable event journal: {@link io.cloudbus.journal.SqliteEventJournal} (core's {@link
 * io.cloudbus.core.journal.EventJournal} on an SQLite file) and {@link
 * io.cloudbus.journal.Journals} (opens the one a configuration asks for). A library: logging
 * through SLF4J only.
 */
package io.cloudbus.journal;

package io.cloudbus.journal;

import io.cloudbus.core.journal.DeliveryCursors;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link DeliveryCursors} of a {@link SqliteEventJournal}: rows of its file's {@code cursors}
 * table, read and written on the journal's thread (after the appends queued before them).
 */
final class SqliteDeliveryCursors implements DeliveryCursors {

  private final CursorTable table;
  private final Clock clock;
  private final Function<Supplier<Object>, Future<Object>> onThread;

  SqliteDeliveryCursors(
      CursorTable table, Clock clock, Function<Supplier<Object>, Future<Object>> onThread) {
    this.table = table;
    this.clock = clock;
    this.onThread = onThread;
  }

  @Override
  public Future<Long> load(String output) {
    try {
      DeliveryCursors.check(output, 0);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return onThread.apply(() -> table.load(output)).map(p -> (Long) p);
  }

  @Override
  public Future<Void> store(String output, long position) {
    try {
      DeliveryCursors.check(output, position);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return onThread
        .apply(
            () -> {
              table.store(output, position, clock.millis());
              return null;
            })
        .mapEmpty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<Map<String, Long>> all() {
    return onThread.apply(table::all).map(m -> (Map<String, Long>) m);
  }
}

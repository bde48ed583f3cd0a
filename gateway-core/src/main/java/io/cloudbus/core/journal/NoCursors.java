package io.cloudbus.core.journal;

import io.vertx.core.Future;
import java.util.Map;

/** The default {@link EventJournal#cursors()}: a journal that keeps none; every call fails. */
final class NoCursors implements DeliveryCursors {

  static final NoCursors INSTANCE = new NoCursors();

  private NoCursors() {}

  private static <T> Future<T> none() {
    return Future.failedFuture(new JournalException("this journal keeps no delivery cursors"));
  }

  @Override
  public Future<Long> load(String output) {
    return none();
  }

  @Override
  public Future<Void> store(String output, long position) {
    return none();
  }

  @Override
  public Future<Map<String, Long>> all() {
    return none();
  }
}

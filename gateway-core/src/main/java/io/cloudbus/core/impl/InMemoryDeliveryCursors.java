package io.cloudbus.core.impl;

import io.cloudbus.core.journal.DeliveryCursors;
import io.vertx.core.Future;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link DeliveryCursors#inMemory()}: a map, gone with the process. Answers with completed futures.
 * Thread-safe.
 */
public final class InMemoryDeliveryCursors implements DeliveryCursors {

  private final Map<String, Long> positions = new TreeMap<>();

  @Override
  public synchronized Future<Long> load(String output) {
    try {
      DeliveryCursors.check(output, 0);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return Future.succeededFuture(positions.get(output));
  }

  @Override
  public synchronized Future<Void> store(String output, long position) {
    try {
      DeliveryCursors.check(output, position);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    positions.put(output, position);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Map<String, Long>> all() {
    return Future.succeededFuture(Map.copyOf(positions));
  }
}

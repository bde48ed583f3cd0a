package io.cloudbus.service.impl;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.impl.InOrder;
import io.cloudbus.core.journal.AppendResult;
import io.cloudbus.core.journal.EventJournal;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every event the service receives from the bus its position in the service's journal, in
 * arrival order. An event published by a socket of this journal carries its position (headers
 * {@code position} and {@code journal}); any other (a socket of another cluster node, a socket
 * without the journal, a foreign publisher) is appended here: so the journal of each node holds
 * every event of the cluster, and an event that is already in it is not handed on again. A failed
 * append hands the event on with position -1 (never lose an event).
 *
 * <p>Confined to the service verticle's event loop.
 */
final class JournaledEvents {

  /** Receives each event once, with its position in the service's journal (-1: none). */
  interface Sink {
    void accept(JsonObject event, long position);
  }

  private static final Logger LOG = LoggerFactory.getLogger(JournaledEvents.class);

  private final EventJournal journal;
  private final Sink sink;
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private static final Future<AppendResult> OWN = Future.succeededFuture();
  private final InOrder<AppendResult> inOrder = new InOrder<>();

  JournaledEvents(EventJournal journal, Sink sink) {
    this.journal = journal;
    this.sink = sink;
  }

  EventJournal journal() {
    return journal;
  }

  /** Events dropped because the journal already held them. */
  long duplicates() {
    return duplicates.get();
  }

  void accept(JsonObject event, MultiMap headers) {
    long own = ownPosition(headers);
    if (own > 0) {
      inOrder.add(OWN, ar -> sink.accept(event, own));
      return;
    }
    Future<AppendResult> appended;
    try {
      appended = journal.append(event);
    } catch (RuntimeException e) {
      appended = Future.failedFuture(e);
    }
    // handed on in arrival order, in a loop (a chain of futures per event overflowed the stack
    // when thousands of appends waited at once)
    inOrder.add(appended, ar -> handOn(event, ar));
  }

  /** Events received and not handed on yet (waiting for their append or an earlier one). */
  int waiting() {
    return inOrder.waiting();
  }

  private long ownPosition(MultiMap headers) {
    String position = headers.get(CloudbusAddresses.HEADER_POSITION);
    if (position == null || !journal.id().equals(headers.get(CloudbusAddresses.HEADER_JOURNAL))) {
      return -1;
    }
    try {
      return Long.parseLong(position);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void handOn(JsonObject event, AsyncResult<AppendResult> appended) {
    if (appended.succeeded()) {
      if (appended.result().duplicate()) {
        duplicates.incrementAndGet();
        return;
      }
      sink.accept(event, appended.result().position());
      return;
    }
    long failed = failures.incrementAndGet();
    if (failed == 1 || failed % 1000 == 0) {
      LOG.error(
          "journal append failed ({} so far), event handed on without a position: {}",
          failed,
          appended.cause().getMessage());
    }
    sink.accept(event, -1);
  }
}

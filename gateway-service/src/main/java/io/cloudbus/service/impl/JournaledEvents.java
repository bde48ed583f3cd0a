package io.cloudbus.service.impl;

import io.cloudbus.core.CloudbusAddresses;
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
  private Future<Void> chain = Future.succeededFuture();

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
      if (chain.isComplete()) {
        sink.accept(event, own);
      } else {
        chain = chain.onComplete(ar -> sink.accept(event, own));
      }
      return;
    }
    Future<AppendResult> appended;
    try {
      appended = journal.append(event);
    } catch (RuntimeException e) {
      appended = Future.failedFuture(e);
    }
    if (chain.isComplete() && appended.isComplete()) {
      handOn(event, appended);
    } else {
      Future<AppendResult> a = appended;
      chain = chain.transform(v -> a).transform(ar -> handOn(event, ar));
    }
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

  private Future<Void> handOn(JsonObject event, AsyncResult<AppendResult> appended) {
    if (appended.succeeded()) {
      if (appended.result().duplicate()) {
        duplicates.incrementAndGet();
        return Future.succeededFuture();
      }
      sink.accept(event, appended.result().position());
      return Future.succeededFuture();
    }
    long failed = failures.incrementAndGet();
    if (failed == 1 || failed % 1000 == 0) {
      LOG.error(
          "journal append failed ({} so far), event handed on without a position: {}",
          failed,
          appended.cause().getMessage());
    }
    sink.accept(event, -1);
    return Future.succeededFuture();
  }
}

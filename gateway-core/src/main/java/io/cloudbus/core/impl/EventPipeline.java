package io.cloudbus.core.impl;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventDeduplicator;
import io.cloudbus.core.journal.AppendResult;
import io.cloudbus.core.journal.EventJournal;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way of an event from the vendor to the consumers: pause buffer (while paused) → dedup →
 * journal → publish on the bus → event handlers. Dedup answers are awaited strictly in order, so an
 * asynchronous deduplicator keeps the event order.
 *
 * <p>With a journal ({@link #journal(EventJournal)}) the journal's append is the dedup decision (an
 * event already journaled is dropped) and the published message carries its position; the
 * deduplicator, when one is attached too, is asked first. Without a deduplicator each append is
 * asked at once (the journal batches a burst) and the answers are awaited in order.
 *
 * <p>Confined to the socket's context (not thread-safe), except {@link #held()}.
 */
public final class EventPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(EventPipeline.class);

  private final String label;
  private final SocketStats stats;
  private final HandlerRegistry<CloudbusEvent> handlers;
  private final PauseBuffer<CloudbusEvent> pauseBuffer;
  private EventDeduplicator dedup;
  private EventPublisher publisher;
  private EventJournal journal;
  private boolean paused;
  private volatile int held;
  private java.time.Instant lastPublishedTime;
  private Future<Void> chain = Future.succeededFuture();
  private final InOrder<AppendResult> appends = new InOrder<>();
  private ReadFlow flow;

  public EventPipeline(
      String label,
      SocketStats stats,
      HandlerRegistry<CloudbusEvent> handlers,
      int pauseBufferSize) {
    this.label = label;
    this.stats = stats;
    this.handlers = handlers;
    this.pauseBuffer = new PauseBuffer<>(pauseBufferSize);
  }

  /** Connects the pipeline to its deduplicator and publisher (at verticle start). */
  public void attach(EventDeduplicator dedup, EventPublisher publisher) {
    this.dedup = dedup;
    this.publisher = publisher;
  }

  /**
   * Journals every published event through {@code journal} (null: none). Before the first event.
   * The deduplicator of {@link #attach} may then be null.
   */
  public void journal(EventJournal journal) {
    this.journal = journal;
  }

  /** Counts the events in flight for {@code flow} (null: none). Before the first event. */
  public void flow(ReadFlow flow) {
    this.flow = flow;
  }

  /** The flow given by {@link #flow(ReadFlow)}, or null. */
  public ReadFlow flow() {
    return flow;
  }

  /** The journal given by {@link #journal(EventJournal)}, or null. */
  public EventJournal journal() {
    return journal;
  }

  public boolean paused() {
    return paused;
  }

  /** The latest vendor time of the events published so far, or null. */
  public java.time.Instant lastPublishedTime() {
    return lastPublishedTime;
  }

  private void published(CloudbusEvent event) {
    if (lastPublishedTime == null || event.time().isAfter(lastPublishedTime)) {
      lastPublishedTime = event.time();
    }
  }

  /** Events held by the pause buffer now. Any thread. */
  public int held() {
    return held;
  }

  /**
   * Pauses or resumes. Resuming publishes the held events in order.
   *
   * @return false when nothing changed
   */
  public boolean pause(boolean pause) {
    if (paused == pause) {
      return false;
    }
    paused = pause;
    if (!pause) {
      List<CloudbusEvent> all = pauseBuffer.drain();
      held = 0;
      all.forEach(this::publish);
    }
    return true;
  }

  /** One event from the vendor (push or catch-up). */
  public void deliver(CloudbusEvent event) {
    if (event == null) {
      return;
    }
    stats.eventsIn.incrementAndGet();
    if (paused) {
      if (pauseBuffer.add(event) != null) {
        long dropped = stats.pauseOverflow.incrementAndGet();
        if (dropped == 1 || dropped % 1000 == 0) {
          LOG.warn("[{}] pause buffer full: {} events dropped so far", label, dropped);
        }
      }
      held = pauseBuffer.size();
      return;
    }
    publish(event);
  }

  /** Completes when every event delivered so far went through dedup and publishing. */
  public Future<Void> drained() {
    return chain.compose(v -> appends.drained());
  }

  /**
   * The dedup key: CloudEvents source plus id (unique together per the spec), so that a
   * deduplicator shared by several accounts never drops one account's event because another had the
   * same id.
   */
  public static String dedupKey(CloudbusEvent event) {
    return event.source() + "#" + event.id();
  }

  private void publish(CloudbusEvent event) {
    if (flow != null) {
      flow.started();
    }
    if (journal != null) {
      journaled(event);
      return;
    }
    if (chain.isComplete()) {
      // Nothing waits before this event: ask dedup now, and when it answers at once (Caffeine
      // does) publish in this turn, without composing futures for every event.
      Future<Boolean> seen = firstSeen(event);
      if (seen.isComplete()) {
        afterDedup(event, seen);
      } else {
        chain = seen.transform(ar -> afterDedup(event, ar));
      }
      return;
    }
    chain = chain.compose(v -> firstSeen(event)).transform(ar -> afterDedup(event, ar));
  }

  private Future<Boolean> firstSeen(CloudbusEvent event) {
    try {
      return dedup.firstSeen(dedupKey(event));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The way with a journal: (dedup →) append → publish with the position, answers in order. */
  private void journaled(CloudbusEvent event) {
    JsonObject json = event.toJsonSharingData();
    if (dedup == null) {
      // asked now, so that the journal writes a burst together; published in order, in a loop
      // (not a chain of futures: thousands waiting at once nested one call per event)
      Future<AppendResult> appended = append(json);
      appends.add(appended, ar -> afterAppend(event, json, ar));
      return;
    }
    chain =
        chain
            .compose(v -> firstSeen(event))
            .transform(
                seen -> {
                  if (seen.succeeded() && Boolean.FALSE.equals(seen.result())) {
                    return Future.succeededFuture(AppendResult.duplicateOf(-1));
                  }
                  return append(json);
                })
            .transform(ar -> afterAppend(event, json, ar));
  }

  private Future<AppendResult> append(JsonObject json) {
    try {
      return journal.append(json);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Publishes unless the journal said "already journaled"; a failed append publishes without a
   * position (never lose an event) and is logged.
   */
  private Future<Void> afterAppend(
      CloudbusEvent event, JsonObject json, AsyncResult<AppendResult> appended) {
    finished();
    long position = -1;
    if (appended.succeeded()) {
      if (appended.result().duplicate()) {
        stats.duplicatesDropped.incrementAndGet();
        LOG.debug("[{}] duplicate {} dropped (journaled)", label, event.id());
        return Future.succeededFuture();
      }
      position = appended.result().position();
    } else {
      long failed = stats.journalFailures.incrementAndGet();
      if (failed == 1 || failed % 1000 == 0) {
        LOG.error(
            "[{}] journal append failed ({} so far), publishing {} without a position: {}",
            label,
            failed,
            event.id(),
            appended.cause().getMessage());
      }
    }
    publisher.publish(event, json, position, journal.id());
    published(event);
    stats.eventsPublished.incrementAndGet();
    LOG.debug("[{}] published {} at {}", label, event, position);
    handlers.fire(event, LOG, label);
    return Future.succeededFuture();
  }

  /** Publishes unless dedup said "seen before"; a failed dedup publishes (never lose an event). */
  private Future<Void> afterDedup(CloudbusEvent event, AsyncResult<Boolean> seen) {
    finished();
    if (seen.succeeded() && Boolean.FALSE.equals(seen.result())) {
      stats.duplicatesDropped.incrementAndGet();
      LOG.debug("[{}] duplicate {} dropped", label, event.id());
      return Future.succeededFuture();
    }
    publisher.publish(event);
    published(event);
    stats.eventsPublished.incrementAndGet();
    LOG.debug("[{}] published {}", label, event);
    handlers.fire(event, LOG, label);
    return Future.succeededFuture();
  }

  private void finished() {
    if (flow != null) {
      flow.finished();
    }
  }
}

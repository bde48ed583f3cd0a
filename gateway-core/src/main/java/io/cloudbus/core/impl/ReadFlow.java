package io.cloudbus.core.impl;

import io.cloudbus.core.util.TimerScheduler;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flow control between the vendor's WebSocket and the pipeline: when {@value #DEFAULT_HIGH} events
 * are in flight (handed to the journal or an asynchronous deduplicator, not yet published or
 * dropped), reading from the vendor is held (the WebSocket is paused, so TCP pushes back on the
 * vendor), and it resumes when they fall to {@value #DEFAULT_LOW}. A burst then waits in the
 * vendor's and the kernel's buffers instead of the heap, and the journal writes it in large
 * transactions.
 *
 * <p>The journal is shared by every socket of the process, and a hundred sockets under their own
 * mark would queue a hundred times as much. So reading is held too when the journal's backlog (its
 * appends of all callers not answered yet, {@link io.cloudbus.core.journal.EventJournal#backlog})
 * reaches {@value #DEFAULT_SHARED_HIGH}, and then resumes when this socket's events in flight are
 * at the low mark and the backlog below {@value #DEFAULT_SHARED_LOW}, or when none of this socket's
 * events is in flight any more (so a socket never waits for the others' events alone).
 *
 * <p>Events published are not done yet: the gateway service in the same process may still have them
 * queued ({@link DeliveryBacklog}). While {@value DeliveryBacklog#HIGH} or more wait for it,
 * reading is held too, and it resumes once they fall below {@value DeliveryBacklog#LOW} (and the
 * journal's marks above allow it).
 *
 * <p>A journal that stops answering must not stop delivery: after {@value #DEFAULT_MAX_HOLD_MS} ms
 * held, reading resumes anyway (logged at WARN) until the events in flight fall to the low mark
 * again; the journal's own bounded queue then applies (an append it refuses is published without a
 * position).
 *
 * <p>Confined to the socket's context (not thread-safe).
 */
public final class ReadFlow {

  public static final int DEFAULT_HIGH = 1_024;
  public static final int DEFAULT_LOW = 256;
  public static final int DEFAULT_SHARED_HIGH = 4_096;
  public static final int DEFAULT_SHARED_LOW = 1_024;
  public static final long DEFAULT_MAX_HOLD_MS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(ReadFlow.class);

  private final String label;
  private final TimerScheduler timers;
  private final SocketStats stats;
  private final int high;
  private final int low;
  private final long maxHoldMs;
  private final IntSupplier backlog;
  private final DeliveryBacklog delivery;
  private final Executor context;
  private Consumer<Boolean> reader = held -> {};
  private int inFlight;
  private boolean holding;
  private boolean overridden;
  private boolean awaitingDelivery;
  private long holdTimer = -1;

  /**
   * @param backlog the journal's backlog ({@code EventJournal.backlog()}; 0 without a journal)
   */
  public ReadFlow(String label, TimerScheduler timers, SocketStats stats, IntSupplier backlog) {
    this(label, timers, stats, DEFAULT_HIGH, DEFAULT_LOW, DEFAULT_MAX_HOLD_MS, backlog, null, null);
  }

  /**
   * @param backlog the journal's backlog ({@code EventJournal.backlog()}; 0 without a journal)
   * @param delivery the events published and not handled yet by the service in this process
   * @param context runs a task on the socket's context (where this flow is used)
   */
  public ReadFlow(
      String label,
      TimerScheduler timers,
      SocketStats stats,
      IntSupplier backlog,
      DeliveryBacklog delivery,
      Executor context) {
    this(
        label,
        timers,
        stats,
        DEFAULT_HIGH,
        DEFAULT_LOW,
        DEFAULT_MAX_HOLD_MS,
        backlog,
        Objects.requireNonNull(delivery, "delivery"),
        Objects.requireNonNull(context, "context"));
  }

  /** {@code delivery} and {@code context} null: no holds for the delivery backlog. */
  ReadFlow(
      String label,
      TimerScheduler timers,
      SocketStats stats,
      int high,
      int low,
      long maxHoldMs,
      IntSupplier backlog,
      DeliveryBacklog delivery,
      Executor context) {
    if (low < 0 || low >= high) {
      throw new IllegalArgumentException("need 0 <= low < high, got " + low + " and " + high);
    }
    this.backlog = backlog;
    this.delivery = delivery;
    this.context = context;
    this.label = label;
    this.timers = timers;
    this.stats = stats;
    this.high = high;
    this.low = low;
    this.maxHoldMs = maxHoldMs;
  }

  /**
   * Who holds and resumes the reading from now on (the connection just opened): called with true to
   * hold, false to resume; called at once when reading is held now.
   */
  public void attach(Consumer<Boolean> reader) {
    this.reader = reader;
    if (holding) {
      reader.accept(true);
    }
  }

  /** Whether reading is held now (a new connection starts held when true). */
  public boolean holding() {
    return holding;
  }

  /** Events in flight now. */
  public int inFlight() {
    return inFlight;
  }

  /** One more event in flight. */
  public void started() {
    inFlight++;
    if (holding || overridden) {
      return;
    }
    if (inFlight >= high || backlog.getAsInt() >= DEFAULT_SHARED_HIGH) {
      hold("events in flight");
    } else if (delivery != null && delivery.pending() >= DeliveryBacklog.HIGH) {
      awaitingDelivery = true;
      hold("events published and not handled by the service yet");
      delivery.whenBelowLow(context, this::deliveryCaughtUp);
    }
  }

  private void hold(String why) {
    holding = true;
    stats.readHolds.incrementAndGet();
    LOG.debug(
        "[{}] {} events in flight, {} not handled: reading held ({})",
        label,
        inFlight,
        delivery == null ? 0 : delivery.pending(),
        why);
    holdTimer = timers.schedule(TimerScheduler.TIMEOUT, maxHoldMs, this::heldTooLong);
    reader.accept(true);
  }

  private void deliveryCaughtUp() {
    awaitingDelivery = false;
    resumeWhenClear();
  }

  /** One event in flight was published or dropped. */
  public void finished() {
    if (inFlight > 0) {
      inFlight--;
    }
    resumeWhenClear();
  }

  private void resumeWhenClear() {
    if (awaitingDelivery) {
      return;
    }
    if (inFlight == 0 || (inFlight <= low && backlog.getAsInt() < DEFAULT_SHARED_LOW)) {
      overridden = false;
      if (holding) {
        holding = false;
        if (holdTimer >= 0) {
          timers.cancel(holdTimer);
          holdTimer = -1;
        }
        LOG.debug("[{}] {} events in flight: reading resumed", label, inFlight);
        reader.accept(false);
      }
    }
  }

  private void heldTooLong() {
    holdTimer = -1;
    if (!holding) {
      return;
    }
    holding = false;
    overridden = true;
    awaitingDelivery = false;
    LOG.warn(
        "[{}] {} events waited {} ms for the journal or the service: reading resumed anyway,"
            + " events queue in memory until they catch up",
        label,
        inFlight,
        maxHoldMs);
    reader.accept(false);
  }
}

package io.cloudbus.client.impl;

import io.cloudbus.client.HandlerException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * The push-style handlers of a {@code CloudbusClient}: events and statuses are taken from their
 * inboxes only while a handler is set (otherwise they wait there for {@code poll}); errors and
 * state changes go to their handler or, for errors, to the log at WARNING. Every handler runs on
 * one {@link EventThread}; a throwing handler is logged and reported to the error handler. After
 * {@link #shutdown()} handlers are no longer called. Thread-safe.
 *
 * @param <E> the event type
 * @param <S> the status type
 * @param <T> the state type
 */
public final class ClientHandlers<E, S, T> {

  private final String logId;
  private final Logger log;
  private final EventThread thread;
  private final Inbox<E> events;
  private final Inbox<S> statuses;
  private volatile Consumer<E> onEvent;
  private volatile Consumer<S> onStatus;
  private volatile Consumer<Throwable> onError;
  private volatile Consumer<T> onStateChange;

  public ClientHandlers(
      String logId, Logger log, String threadName, Inbox<E> events, Inbox<S> statuses) {
    this.logId = logId;
    this.log = log;
    this.thread = new EventThread(threadName, false);
    this.events = events;
    this.statuses = statuses;
  }

  public void setOnEvent(Consumer<E> handler) {
    onEvent = handler;
    eventsArrived();
  }

  public void setOnStatus(Consumer<S> handler) {
    onStatus = handler;
    statusesArrived();
  }

  public void setOnError(Consumer<Throwable> handler) {
    onError = handler;
  }

  public void setOnStateChange(Consumer<T> handler) {
    onStateChange = handler;
  }

  /** New events wait in the inbox: hand them to the handler, if there is one. */
  public void eventsArrived() {
    thread.post(() -> drain(events, () -> onEvent, "onEvent"));
  }

  /** New statuses wait in the inbox: hand them to the handler, if there is one. */
  public void statusesArrived() {
    thread.post(() -> drain(statuses, () -> onStatus, "onStatus"));
  }

  /** Tells the state handler, if any. */
  public void stateChanged(T state) {
    Consumer<T> h = onStateChange;
    if (h != null) {
      thread.post(() -> invoke("onStateChange", () -> h.accept(state)));
    }
  }

  /** Reports an error to the error handler, or logs it at WARNING when there is none. */
  public void report(Throwable t) {
    Consumer<Throwable> h = onError;
    if (h == null) {
      log.log(Level.WARNING, () -> logId + " " + t.getMessage());
      return;
    }
    thread.post(
        () -> {
          try {
            h.accept(t);
          } catch (RuntimeException | Error e) {
            log.log(Level.WARNING, logId + " onError handler threw", e);
          }
        });
  }

  /** Whether the caller is the handler thread. */
  public boolean isHandlerThread() {
    return thread.isCurrent();
  }

  /** Queued handler calls still run; later ones are dropped. */
  public void shutdown() {
    thread.shutdown();
  }

  /** Waits (bounded) for the handler thread to end; no-op on the handler thread itself. */
  public void awaitStopped(long timeoutMs) throws InterruptedException {
    thread.awaitStopped(timeoutMs);
  }

  private <X> void drain(
      Inbox<X> inbox, java.util.function.Supplier<Consumer<X>> handler, String name) {
    while (true) {
      Consumer<X> h = handler.get();
      X item = h == null ? null : inbox.pollNow();
      if (item == null) {
        return;
      }
      invoke(name, () -> h.accept(item));
    }
  }

  private void invoke(String name, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | Error e) {
      log.log(Level.WARNING, logId + " " + name + " handler threw; the client keeps working", e);
      report(new HandlerException(name, e));
    }
  }
}

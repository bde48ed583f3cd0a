package io.cloudbus.client.impl;

import io.cloudbus.client.CloseEvent;
import io.cloudbus.client.HandlerException;
import io.cloudbus.client.MessageEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The handlers of one {@code WebSocket} and the events waiting for them. Messages are held until an
 * {@code onmessage} handler takes them (at most {@code capacity}; beyond that the socket is told to
 * pause reading and, once the handler catches up, to resume); open, error and close events that
 * found no handler are delivered when one is set. Every handler runs on the socket's {@link
 * EventThread}; a throwing handler is logged and reported to {@code onerror}. Thread-safe.
 */
public final class SocketHandlers {

  private final String logId;
  private final Logger log;
  private final EventThread events;
  private final int capacity;
  private final Object lock = new Object();
  private volatile Runnable resume = () -> {};

  // guarded by lock
  private Runnable onopen;
  private Consumer<MessageEvent> onmessage;
  private Consumer<Throwable> onerror;
  private Consumer<CloseEvent> onclose;
  private boolean openPending;
  private final List<Throwable> errorsPending = new ArrayList<>();
  private CloseEvent closePending;
  private final ArrayDeque<String> held = new ArrayDeque<>();
  private boolean readingPaused;

  public SocketHandlers(String logId, Logger log, EventThread events, int capacity) {
    this.logId = logId;
    this.log = log;
    this.events = events;
    this.capacity = capacity;
  }

  /** What asks the socket for one more message after a pause. */
  public void resumeWith(Runnable resume) {
    this.resume = resume;
  }

  public void setOnopen(Runnable handler) {
    synchronized (lock) {
      onopen = handler;
      if (handler != null && openPending) {
        openPending = false;
        events.post(this::deliverOpen);
      }
    }
  }

  public void setOnmessage(Consumer<MessageEvent> handler) {
    synchronized (lock) {
      onmessage = handler;
      if (handler != null && !held.isEmpty()) {
        events.post(this::drainMessages);
      }
    }
  }

  public void setOnerror(Consumer<Throwable> handler) {
    synchronized (lock) {
      onerror = handler;
      if (handler != null && !errorsPending.isEmpty()) {
        List<Throwable> pending = new ArrayList<>(errorsPending);
        errorsPending.clear();
        pending.forEach(t -> events.post(() -> deliverError(t)));
      }
    }
  }

  public void setOnclose(Consumer<CloseEvent> handler) {
    synchronized (lock) {
      onclose = handler;
      if (handler != null && closePending != null) {
        CloseEvent ev = closePending;
        closePending = null;
        events.post(() -> deliverClose(ev));
      }
    }
  }

  /**
   * Holds a received message for {@code onmessage}.
   *
   * @param readAnyway keep reading even when full (while closing, the close frame must come in)
   * @return whether the socket should read the next message now; false means paused until the
   *     handler catches up (then {@link #resumeWith resume} is called once)
   */
  public boolean hold(String message, boolean readAnyway) {
    boolean more;
    synchronized (lock) {
      held.add(message);
      more = held.size() < capacity || readAnyway;
      if (!more) {
        readingPaused = true;
      }
    }
    if (!more) {
      log.log(Level.DEBUG, () -> logId + " buffer full; reading pauses");
    }
    events.post(this::drainMessages);
    return more;
  }

  /** Ends a pause; returns whether reading was paused (the caller then asks for one message). */
  public boolean unpause() {
    synchronized (lock) {
      boolean was = readingPaused;
      readingPaused = false;
      return was;
    }
  }

  /** Queues the open event. */
  public void opened() {
    events.post(this::deliverOpen);
  }

  /** Queues an error event. */
  public void error(Throwable t) {
    events.post(() -> deliverError(t));
  }

  /** Queues the close event. */
  public void closed(CloseEvent ev) {
    events.post(() -> deliverClose(ev));
  }

  private void deliverOpen() {
    Runnable h;
    synchronized (lock) {
      h = onopen;
      if (h == null) {
        openPending = true;
        return;
      }
    }
    invoke("onopen", h);
  }

  private void drainMessages() {
    while (true) {
      Consumer<MessageEvent> h;
      String msg;
      boolean resumeNow = false;
      synchronized (lock) {
        h = onmessage;
        if (h == null || held.isEmpty()) {
          return;
        }
        msg = held.poll();
        if (readingPaused && held.size() < capacity) {
          readingPaused = false;
          resumeNow = true;
        }
      }
      if (resumeNow) {
        log.log(Level.DEBUG, () -> logId + " buffer below capacity; reading resumes");
        resume.run();
      }
      invoke("onmessage", () -> h.accept(new MessageEvent(msg)));
    }
  }

  private void deliverError(Throwable t) {
    Consumer<Throwable> h;
    synchronized (lock) {
      h = onerror;
      if (h == null) {
        errorsPending.add(t);
      }
    }
    if (h == null) {
      log.log(Level.WARNING, () -> logId + " error (no onerror handler yet): " + t.getMessage());
      return;
    }
    try {
      h.accept(t);
    } catch (RuntimeException | Error e) {
      log.log(Level.WARNING, logId + " onerror handler threw", e);
    }
  }

  private void deliverClose(CloseEvent ev) {
    Consumer<CloseEvent> h;
    synchronized (lock) {
      h = onclose;
      if (h == null) {
        closePending = ev;
        return;
      }
    }
    invoke("onclose", () -> h.accept(ev));
  }

  private void invoke(String name, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException | Error e) {
      log.log(Level.WARNING, logId + " " + name + " handler threw; the socket keeps working", e);
      deliverError(new HandlerException(name, e));
    }
  }
}

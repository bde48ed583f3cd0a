package io.cloudbus.core.impl;

import io.cloudbus.core.CloudbusTimeoutException;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests awaiting their correlated reply on one connection. Each entry fails after its timeout;
 * {@link #failAll} fails the rest when the connection goes away, so that no caller ever hangs.
 *
 * <p>Confined to the socket's event-loop context (not thread-safe).
 */
public final class PendingReplies {

  private record Entry(Promise<JsonObject> promise, long timer) {}

  private final TimerScheduler timers;
  private final Map<Long, Entry> pending = new HashMap<>();

  public PendingReplies(TimerScheduler timers) {
    this.timers = timers;
  }

  /** Registers request {@code id}; the future fails after {@code timeoutMs} without a reply. */
  public Future<JsonObject> register(long id, long timeoutMs, String logContext) {
    Promise<JsonObject> promise = Promise.promise();
    long timer =
        timers.schedule(
            TimerScheduler.TIMEOUT,
            timeoutMs,
            () -> {
              Entry e = pending.remove(id);
              if (e != null) {
                e.promise.tryFail(
                    new CloudbusTimeoutException(
                        "["
                            + logContext
                            + "] no reply to message id "
                            + id
                            + " within "
                            + timeoutMs
                            + " ms",
                        timeoutMs));
              }
            });
    pending.put(id, new Entry(promise, timer));
    return promise.future();
  }

  /**
   * Settles request {@code id} with {@code reply}, or fails it with {@code error} when non-null.
   *
   * @return false when no request with that id is pending (late or unknown reply)
   */
  public boolean complete(long id, JsonObject reply, Throwable error) {
    Entry e = pending.remove(id);
    if (e == null) {
      return false;
    }
    timers.cancel(e.timer);
    if (error != null) {
      e.promise.tryFail(error);
    } else {
      e.promise.tryComplete(reply);
    }
    return true;
  }

  /** Fails request {@code id} (e.g. its write failed). */
  public void fail(long id, Throwable cause) {
    Entry e = pending.remove(id);
    if (e != null) {
      timers.cancel(e.timer);
      e.promise.tryFail(cause);
    }
  }

  /** Fails every pending request with {@code cause}. */
  public void failAll(Throwable cause) {
    List<Entry> all = new ArrayList<>(pending.values());
    pending.clear();
    for (Entry e : all) {
      timers.cancel(e.timer);
      e.promise.tryFail(cause);
    }
  }

  public int size() {
    return pending.size();
  }
}

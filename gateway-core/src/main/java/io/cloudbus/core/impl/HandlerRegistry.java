package io.cloudbus.core.impl;

import io.cloudbus.core.Registration;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Handlers of one kind (connect, disconnect, event), each with an idempotent {@link Registration}.
 * {@link #fire} runs every handler; a handler that throws or whose future fails is logged and never
 * stops the others. Thread-safe (copy-on-write: registration is rare, firing frequent). An empty
 * registry holds one shared empty array (each socket has three registries; a {@code
 * CopyOnWriteArrayList} held about 60 B more each).
 *
 * @param <T> what the handlers receive
 */
public final class HandlerRegistry<T> {

  private static final Function<?, ?>[] NONE = new Function<?, ?>[0];

  /** The handlers; replaced (never changed in place) under {@code this}'s lock. */
  private volatile Function<?, ?>[] handlers = NONE;

  private final String kind;

  /**
   * @param kind a label for logs, e.g. {@code connect}
   */
  public HandlerRegistry(String kind) {
    this.kind = kind;
  }

  /** Adds an asynchronous handler; it may return null for "done". */
  public Registration add(Function<T, Future<?>> handler) {
    Objects.requireNonNull(handler, "handler");
    // A wrapper gives every registration its own identity, so adding one handler twice works.
    Function<T, Future<?>> entry = handler::apply;
    synchronized (this) {
      Function<?, ?>[] now = handlers;
      Function<?, ?>[] next = Arrays.copyOf(now, now.length + 1);
      next[now.length] = entry;
      handlers = next;
    }
    AtomicBoolean removed = new AtomicBoolean();
    return () -> {
      if (removed.compareAndSet(false, true)) {
        remove(entry);
      }
    };
  }

  private synchronized void remove(Function<T, Future<?>> entry) {
    Function<?, ?>[] now = handlers;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == entry) {
        Function<?, ?>[] next = now.length == 1 ? NONE : new Function<?, ?>[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        handlers = next;
        return;
      }
    }
  }

  /** Adds a synchronous handler (done when it returns). */
  public Registration addSync(Consumer<T> handler) {
    Objects.requireNonNull(handler, "handler");
    return add(
        t -> {
          handler.accept(t);
          return null;
        });
  }

  public int size() {
    return handlers.length;
  }

  /**
   * Runs every handler with {@code value}. The returned future completes (always successfully) when
   * every handler's future has settled.
   */
  public Future<Void> fire(T value, Logger log, String logContext) {
    Function<?, ?>[] all = handlers;
    if (all.length == 0) {
      return Future.succeededFuture();
    }
    List<Future<?>> results = new ArrayList<>(all.length);
    for (Function<?, ?> each : all) {
      @SuppressWarnings("unchecked")
      Function<T, Future<?>> h = (Function<T, Future<?>>) each;
      Future<?> f;
      try {
        f = h.apply(value);
      } catch (RuntimeException e) {
        log.warn("[{}] {} handler failed: {}", logContext, kind, e.toString());
        continue;
      }
      if (f != null) {
        results.add(
            f.onFailure(
                e -> log.warn("[{}] {} handler failed: {}", logContext, kind, e.toString())));
      }
    }
    return Future.join(results).transform(ar -> Future.succeededFuture());
  }
}

package io.cloudbus.core.impl;

import io.cloudbus.core.Registration;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Handlers of one kind (connect, disconnect, event), each with an idempotent {@link Registration}.
 * {@link #fire} runs every handler; a handler that throws or whose future fails is logged and never
 * stops the others. Thread-safe (copy-on-write: registration is rare, firing frequent).
 *
 * @param <T> what the handlers receive
 */
public final class HandlerRegistry<T> {

  private final CopyOnWriteArrayList<Function<T, Future<?>>> handlers =
      new CopyOnWriteArrayList<>();
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
    handlers.add(entry);
    AtomicBoolean removed = new AtomicBoolean();
    return () -> {
      if (removed.compareAndSet(false, true)) {
        handlers.remove(entry);
      }
    };
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
    return handlers.size();
  }

  /**
   * Runs every handler with {@code value}. The returned future completes (always successfully) when
   * every handler's future has settled.
   */
  public Future<Void> fire(T value, Logger log, String logContext) {
    if (handlers.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<?>> results = new ArrayList<>(handlers.size());
    for (Function<T, Future<?>> h : handlers) {
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

package io.cloudbus.core.util;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Small future helpers shared by the socket and the auth handler. Stateless. */
public final class Futures {

  private Futures() {}

  /**
   * Runs {@code action}; a thrown exception or a null future becomes a failed future, so a broken
   * hook never escapes as an exception on the event loop.
   */
  public static <T> Future<T> safe(Supplier<Future<T>> action) {
    try {
      Future<T> f = action.get();
      return f != null ? f : Future.failedFuture(new IllegalStateException("hook returned null"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Runs {@code action} on {@code context}: at once when already there, else scheduled. */
  public static <T> Future<T> onContext(Context context, Supplier<Future<T>> action) {
    if (Vertx.currentContext() == context) {
      return safe(action);
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> safe(action).onComplete(promise));
    return promise.future();
  }

  /**
   * The same outcome as {@code future}, with callbacks on {@code context}. A future may complete on
   * another context (an auth handler or client built elsewhere lives where it was built), and state
   * confined to {@code context} must only be touched there.
   */
  public static <T> Future<T> continueOn(Context context, Future<T> future) {
    if (future.isComplete()) {
      return future; // its callbacks run right away, on the caller
    }
    Promise<T> promise = Promise.promise();
    future.onComplete(
        ar -> {
          if (Vertx.currentContext() == context) {
            promise.handle(ar);
          } else {
            context.runOnContext(v -> promise.handle(ar));
          }
        });
    return promise.future();
  }
}

package io.cloudbus.core.impl;

import io.cloudbus.core.util.Futures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs actions on one context in the order of the calls, from any thread. A call from another
 * thread goes through the context's task queue; a call on the context itself runs at once only when
 * no earlier call is still in that queue, and queues behind it otherwise. (Running it at once
 * regardless let a publish made on the socket's context overtake one made a moment earlier from a
 * REST client's context: {@code AsyncPublishIT}.) Thread-safe.
 */
public final class CallOrder {

  private final AtomicInteger queued = new AtomicInteger();

  /**
   * Runs {@code action} on {@code context} after every earlier call; its outcome. Fails with an
   * {@link IllegalStateException} naming {@code label} when {@code context} is null (not deployed).
   */
  public <T> Future<T> run(Context context, String label, Supplier<Future<T>> action) {
    if (context == null) {
      return Future.failedFuture(
          new IllegalStateException("[" + label + "] the socket verticle is not deployed"));
    }
    if (Vertx.currentContext() == context && queued.get() == 0) {
      return Futures.safe(action);
    }
    queued.incrementAndGet();
    Promise<T> promise = Promise.promise();
    context.runOnContext(
        v -> {
          queued.decrementAndGet();
          Futures.safe(action).onComplete(promise);
        });
    return promise.future();
  }
}

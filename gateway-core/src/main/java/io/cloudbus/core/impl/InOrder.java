package io.cloudbus.core.impl;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles answers (futures) strictly in the order they were added, each once it is complete, in a
 * loop: however many answers wait and in whatever order they complete, handling them never nests
 * one call in another. (A chain {@code chain = chain.transform(v -> answer).transform(handle)} per
 * item nests one stack frame group per item that completed before its predecessor: with thousands
 * waiting, a {@link StackOverflowError} broke the chain and nothing was handled any more.)
 *
 * <p>Memory: one entry per answer not handled yet: the appends waiting in the journal (bounded by
 * its write queue) and those behind them that were answered at once (a full queue fails them).
 *
 * <p>Confined to one context: add from it, and complete the answers on it (as the journals do).
 */
public final class InOrder<T> {

  private static final Logger LOG = LoggerFactory.getLogger(InOrder.class);

  private record Waiting<T>(Future<T> answer, Handler<AsyncResult<T>> then) {}

  // starts with one slot (an idle socket holds one per socket; it grows with the first burst)
  private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>(0);
  private List<Promise<Void>> drainWaiters;
  private boolean running;
  private Future<T> awaited;

  /**
   * Runs {@code then} with {@code answer} once it is complete and every answer added before was
   * handled (their handlers returned); at once when that is so already.
   */
  public void add(Future<T> answer, Handler<AsyncResult<T>> then) {
    waiting.add(new Waiting<>(answer, then));
    run();
  }

  /** Answers added and not handled yet. */
  public int waiting() {
    return waiting.size();
  }

  /** Completes when every answer added so far was handled. */
  public Future<Void> drained() {
    if (waiting.isEmpty()) {
      return Future.succeededFuture();
    }
    if (drainWaiters == null) {
      drainWaiters = new ArrayList<>();
    }
    Promise<Void> p = Promise.promise();
    drainWaiters.add(p);
    return p.future();
  }

  private void run() {
    if (running) {
      return; // the loop below goes on with what was added
    }
    running = true;
    try {
      while (!waiting.isEmpty()) {
        Waiting<T> head = waiting.peek();
        if (!head.answer().isComplete()) {
          if (awaited != head.answer()) {
            awaited = head.answer();
            awaited.onComplete(ar -> run());
          }
          return;
        }
        waiting.poll();
        try {
          head.then().handle(head.answer());
        } catch (RuntimeException e) {
          // one handler's failure must not stop the others (a chain of futures swallowed it too)
          LOG.warn("answer handler failed", e);
        }
      }
    } finally {
      running = false;
    }
    List<Promise<Void>> done = drainWaiters;
    drainWaiters = null;
    if (done != null) {
      done.forEach(Promise::tryComplete);
    }
  }
}

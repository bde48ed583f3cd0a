package io.cloudbus.client.impl;

import io.cloudbus.client.CloudbusClientException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Requests waiting for the service's answer. The {@code /ws} protocol has no request ids, so
 * answers are matched in order: an answer of a kind completes the oldest request of that kind, an
 * error frame fails the oldest request of any kind. Thread-safe.
 */
public final class PendingRequests {

  /** What a request waits for. */
  public enum Kind {
    WELCOME,
    SUBSCRIBE,
    PING
  }

  /** One waiting request; {@code reply} completes with the answer or fails. */
  public record Request(Kind kind, CompletableFuture<Object> reply) {}

  private final ArrayDeque<Request> requests = new ArrayDeque<>();

  /** Registers a request (before its frame is sent, so that order is kept). */
  public synchronized Request add(Kind kind) {
    Request r = new Request(kind, new CompletableFuture<>());
    requests.add(r);
    return r;
  }

  /** Completes the oldest request of {@code kind}; false if none waits (an unsolicited answer). */
  public boolean answer(Kind kind, Object value) {
    Request match = null;
    synchronized (this) {
      for (Request r : requests) {
        if (r.kind() == kind) {
          match = r;
          break;
        }
      }
      if (match != null) {
        requests.remove(match);
      }
    }
    return match != null && match.reply().complete(value);
  }

  /** Fails the oldest request of any kind; false if none waits. */
  public boolean failOldest(Throwable error) {
    Request r;
    synchronized (this) {
      r = requests.poll();
    }
    return r != null && r.reply().completeExceptionally(error);
  }

  /** Forgets a request (it timed out). */
  public synchronized void remove(Request r) {
    requests.remove(r);
  }

  /** Fails every waiting request, each with a fresh error. */
  public void failAll(Supplier<? extends Throwable> error) {
    while (true) {
      Request r;
      synchronized (this) {
        r = requests.poll();
      }
      if (r == null) {
        return;
      }
      r.reply().completeExceptionally(error.get());
    }
  }

  /**
   * Blocks until {@code r} is answered, at most {@code timeoutMs}; a request that timed out is
   * forgotten, so a late answer finds no request.
   *
   * @return the answer
   * @throws CloudbusClientException on timeout (naming {@code what}), an error frame (with its
   *     {@link CloudbusClientException#serverError()}), a lost connection or an interrupt (flag
   *     kept)
   */
  public Object await(Request r, long timeoutMs, String what) {
    try {
      return r.reply().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      remove(r);
      throw new CloudbusClientException("no answer to " + what + " within " + timeoutMs + " ms", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CloudbusClientException c) {
        throw new CloudbusClientException(c.getMessage(), c.serverError(), -1, c);
      }
      throw new CloudbusClientException(what + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudbusClientException("interrupted while waiting for " + what, e);
    }
  }
}

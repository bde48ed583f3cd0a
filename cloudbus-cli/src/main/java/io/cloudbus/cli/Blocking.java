package io.cloudbus.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for Vert.x futures from the command's own (non-Vert.x) thread. */
final class Blocking {

  static final long START_TIMEOUT_S = 60;
  static final long CLOSE_TIMEOUT_S = 10;

  private Blocking() {}

  /**
   * The result of {@code future}, waiting at most {@code seconds}.
   *
   * @throws CliFailure prefixed with {@code what} on failure or timeout
   */
  static <T> T await(Future<T> future, long seconds, String what) throws InterruptedException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof CliFailure f) {
        throw f;
      }
      String m = io.cloudbus.core.util.FailureText.of(cause);
      throw new CliFailure(what + ": " + m, cause);
    } catch (TimeoutException e) {
      throw new CliFailure(what + ": timed out after " + seconds + " s");
    }
  }

  /** Closes {@code vertx}, waiting a bounded time; never throws. */
  static void close(Vertx vertx) {
    try {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(CLOSE_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Closing on the way out: nothing left to do about it.
    }
  }
}

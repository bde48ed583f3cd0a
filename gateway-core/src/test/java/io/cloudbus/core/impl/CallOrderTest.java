package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.Patience;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Calls onto one context from any thread run in call order. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CallOrderTest {

  @Test
  void aCallOnTheContextWaitsForAnEarlierCallFromAnotherThread(Vertx vertx) {
    // GIVEN a call from another thread queued on the context while a task of the context runs
    CallOrder order = new CallOrder();
    Context context = vertx.getOrCreateContext();
    List<String> ran = new CopyOnWriteArrayList<>();
    context.runOnContext(
        v -> {
          Thread other =
              new Thread(() -> order.run(context, "v/a", () -> record(ran, "from elsewhere")));
          other.start();
          join(other);
          // WHEN the context's own task calls next
          order.run(context, "v/a", () -> record(ran, "on the context"));
          ran.add("task ended");
        });

    // THEN the later call runs after the earlier one, not at once
    Awaitility.await().atMost(Patience.PATIENT).until(() -> ran.size() == 3);
    assertThat(ran).containsExactly("task ended", "from elsewhere", "on the context");
  }

  @Test
  void aCallOnTheContextWithNothingQueuedRunsAtOnce(Vertx vertx) {
    CallOrder order = new CallOrder();
    Context context = vertx.getOrCreateContext();
    List<String> ran = new CopyOnWriteArrayList<>();
    context.runOnContext(
        v -> {
          order.run(context, "v/a", () -> record(ran, "on the context"));
          ran.add("task ended");
        });
    Awaitility.await().atMost(Patience.PATIENT).until(() -> ran.size() == 2);
    assertThat(ran).containsExactly("on the context", "task ended");
  }

  @Test
  void noContextIsRefusedByName() {
    Future<Void> f = new CallOrder().run(null, "v/a", Future::succeededFuture);
    assertThat(f.cause())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("[v/a] the socket verticle is not deployed");
  }

  private static Future<Void> record(List<String> ran, String what) {
    ran.add(what);
    return Future.succeededFuture();
  }

  private static void join(Thread t) {
    try {
      t.join(TimeUnit.SECONDS.toMillis(Patience.PATIENT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Answers handled in order, in a loop: many waiting at once, completed in any order. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InOrderTest {

  static final int MANY = 200_000;

  @Test
  void manyAnswersCompletedBeforeTheFirstAreHandledInOrderWithoutRecursion() {
    // GIVEN a first answer that waits, then 200,000 that are complete already (a full queue fails
    // appends at once; answers completed out of order)
    InOrder<Integer> inOrder = new InOrder<>();
    List<Integer> handled = new ArrayList<>();
    Promise<Integer> first = Promise.promise();
    inOrder.add(first.future(), ar -> handled.add(ar.result()));
    for (int i = 1; i <= MANY; i++) {
      Future<Integer> answer =
          i % 2 == 0
              ? Future.succeededFuture(i)
              : Future.failedFuture(new RuntimeException("" + i));
      int n = i;
      inOrder.add(answer, ar -> handled.add(ar.succeeded() ? ar.result() : -n));
    }
    Future<Void> drained = inOrder.drained();
    assertThat(handled).isEmpty();
    assertThat(inOrder.waiting()).isEqualTo(MANY + 1);

    // WHEN the first completes
    first.complete(0);

    // THEN all are handled, in order, and no stack overflowed on the way
    assertThat(handled).hasSize(MANY + 1);
    for (int i = 0; i <= MANY; i++) {
      assertThat(Math.abs(handled.get(i))).isEqualTo(i);
    }
    assertThat(drained.succeeded()).isTrue();
    assertThat(inOrder.waiting()).isZero();
  }

  @Test
  void answersCompletedInReverseOrderAreHandledInAddOrder() {
    InOrder<Integer> inOrder = new InOrder<>();
    List<Integer> handled = new ArrayList<>();
    List<Promise<Integer>> promises = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      Promise<Integer> p = Promise.promise();
      promises.add(p);
      inOrder.add(p.future(), ar -> handled.add(ar.result()));
    }
    for (int i = MANY - 1; i >= 0; i--) {
      promises.get(i).complete(i);
      assertThat(handled).hasSize(i == 0 ? MANY : 0);
    }
    assertThat(handled).isSorted().hasSize(MANY);
  }

  @Test
  void aCompleteAnswerWithNothingWaitingIsHandledAtOnceAndAHandlerMayAddMore() {
    InOrder<String> inOrder = new InOrder<>();
    List<String> handled = new ArrayList<>();
    inOrder.add(
        Future.succeededFuture("a"),
        ar -> {
          handled.add(ar.result());
          inOrder.add(Future.succeededFuture("c"), r -> handled.add(r.result()));
          handled.add("b");
        });
    assertThat(handled).containsExactly("a", "b", "c");
    Promise<String> p = Promise.promise();
    inOrder.add(p.future(), ar -> handled.add(ar.result()));
    inOrder.add(Future.succeededFuture("e"), ar -> handled.add(ar.result()));
    assertThat(handled).hasSize(3);
    p.complete("d");
    assertThat(handled).containsExactly("a", "b", "c", "d", "e");
  }
}

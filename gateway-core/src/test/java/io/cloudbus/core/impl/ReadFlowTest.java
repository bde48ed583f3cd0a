package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.Registration;
import io.cloudbus.core.testing.ManualScheduler;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Flow control of the vendor's reading, and the keepalive while reading is held. */
class ReadFlowTest {

  private final ManualScheduler timers = new ManualScheduler();
  private final SocketStats stats = new SocketStats();
  private final List<Boolean> reading = new ArrayList<>();
  private final AtomicInteger backlog = new AtomicInteger();

  private ReadFlow flow() {
    ReadFlow flow = new ReadFlow("v/a", timers, stats, 3, 1, 5_000, backlog::get, null, null);
    flow.attach(reading::add);
    return flow;
  }

  @Test
  void holdsAtTheHighMarkAndResumesAtTheLowMark() {
    ReadFlow flow = flow();
    flow.started();
    flow.started();
    assertThat(reading).isEmpty();
    flow.started();
    flow.started();
    assertThat(reading).containsExactly(true);
    flow.finished();
    flow.finished();
    assertThat(reading).containsExactly(true);
    flow.finished();
    assertThat(reading).containsExactly(true, false);
    assertThat(timers.pending(TimerScheduler.TIMEOUT)).isEmpty();
    assertThat(stats.readHolds.get()).isEqualTo(1);
  }

  @Test
  void aNewConnectionStartsHeldWhileTooManyAreInFlight() {
    ReadFlow flow = flow();
    for (int i = 0; i < 3; i++) {
      flow.started();
    }
    List<Boolean> next = new ArrayList<>();
    flow.attach(next::add);
    assertThat(next).containsExactly(true);
  }

  @Test
  void aJournalThatNeverAnswersDoesNotStopTheReadingForGood() {
    ReadFlow flow = flow();
    for (int i = 0; i < 10; i++) {
      flow.started();
    }
    assertThat(reading).containsExactly(true);

    // the hold lasted too long: reading resumes, and more events do not hold it again
    assertThat(timers.fire(TimerScheduler.TIMEOUT)).isEqualTo(1);
    assertThat(reading).containsExactly(true, false);
    flow.started();
    assertThat(reading).containsExactly(true, false);
    assertThat(flow.holding()).isFalse();

    // once the journal caught up, the next burst holds again
    for (int i = 0; i < 11; i++) {
      flow.finished();
    }
    for (int i = 0; i < 3; i++) {
      flow.started();
    }
    assertThat(reading).containsExactly(true, false, true);
  }

  @Test
  void aJournalBackloggedByOtherSocketsHoldsTheReadingAtTheNextEvent() {
    ReadFlow flow = flow();
    backlog.set(ReadFlow.DEFAULT_SHARED_HIGH - 1);
    flow.started();
    assertThat(reading).isEmpty();

    // the other sockets' appends fill the journal: this socket holds with one event in flight
    backlog.set(ReadFlow.DEFAULT_SHARED_HIGH);
    flow.started();
    assertThat(reading).containsExactly(true);

    // its own are at the low mark, but the journal is still behind: held
    flow.finished();
    assertThat(flow.inFlight()).isEqualTo(1);
    assertThat(reading).containsExactly(true);

    // the journal caught up below the shared low mark: resumed
    backlog.set(ReadFlow.DEFAULT_SHARED_LOW - 1);
    flow.started();
    flow.finished();
    assertThat(reading).containsExactly(true, false);
    assertThat(stats.readHolds.get()).isEqualTo(1);
  }

  @Test
  void aSocketWithNothingInFlightResumesWhateverTheBacklog() {
    ReadFlow flow = flow();
    backlog.set(10 * ReadFlow.DEFAULT_SHARED_HIGH);
    flow.started();
    assertThat(reading).containsExactly(true);

    // nothing of this socket is left to answer: it reads again (at most one event at a time)
    flow.finished();
    assertThat(reading).containsExactly(true, false);
    flow.started();
    assertThat(reading).containsExactly(true, false, true);
    assertThat(timers.pending(TimerScheduler.TIMEOUT)).hasSize(1);
  }

  /** A flow that also holds for the service's backlog; resumptions queue in {@code context}. */
  private ReadFlow flowWithDelivery(DeliveryBacklog delivery, List<Runnable> context) {
    ReadFlow flow =
        new ReadFlow("v/a", timers, stats, 3, 1, 5_000, backlog::get, delivery, context::add);
    flow.attach(reading::add);
    return flow;
  }

  /** Publishes {@code n} counted events; returns their headers, to hand them to the consumer. */
  private static List<MultiMap> publish(DeliveryBacklog delivery, int n) {
    List<MultiMap> published = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DeliveryOptions options = new DeliveryOptions();
      delivery.published(options);
      published.add(options.getHeaders());
    }
    return published;
  }

  @Test
  void aServiceBehindHoldsTheReadingUntilItCaughtUpEvenWithNothingInFlight() {
    DeliveryBacklog delivery = new DeliveryBacklog();
    Registration service = delivery.track();
    List<Runnable> context = new ArrayList<>();
    ReadFlow flow = flowWithDelivery(delivery, context);
    List<MultiMap> waiting = publish(delivery, DeliveryBacklog.HIGH);

    flow.started();
    assertThat(reading).containsExactly(true);

    // the socket's own event was published: nothing of it in flight, but the service is behind
    flow.finished();
    assertThat(flow.inFlight()).isZero();
    assertThat(reading).containsExactly(true);

    // the service handles events down to the low mark: still held
    int toLow = DeliveryBacklog.HIGH - DeliveryBacklog.LOW;
    waiting.subList(0, toLow).forEach(delivery::handled);
    assertThat(delivery.pending()).isEqualTo(DeliveryBacklog.LOW);
    assertThat(context).isEmpty();

    // one more: below the low mark, the resumption runs on the socket's context
    delivery.handled(waiting.get(toLow));
    assertThat(context).hasSize(1);
    assertThat(reading).containsExactly(true);
    context.remove(0).run();
    assertThat(reading).containsExactly(true, false);
    assertThat(timers.pending(TimerScheduler.TIMEOUT)).isEmpty();
    service.remove();
  }

  @Test
  void aServiceThatNeverCatchesUpDoesNotStopTheReadingForGood() {
    DeliveryBacklog delivery = new DeliveryBacklog();
    delivery.track();
    List<Runnable> context = new ArrayList<>();
    ReadFlow flow = flowWithDelivery(delivery, context);
    publish(delivery, DeliveryBacklog.HIGH);
    flow.started();
    flow.finished();
    assertThat(reading).containsExactly(true);

    assertThat(timers.fire(TimerScheduler.TIMEOUT)).isEqualTo(1);
    assertThat(reading).containsExactly(true, false);
    flow.started();
    assertThat(reading).containsExactly(true, false);
  }

  @Test
  void withoutATrackedServiceNothingIsCountedAndNothingHolds() {
    DeliveryBacklog delivery = new DeliveryBacklog();
    ReadFlow flow = flowWithDelivery(delivery, new ArrayList<>());
    List<MultiMap> published = publish(delivery, 2 * DeliveryBacklog.HIGH);

    assertThat(published).allSatisfy(h -> assertThat(h).isNull()); // not marked: no headers
    assertThat(delivery.pending()).isZero();
    flow.started();
    assertThat(reading).isEmpty();
  }

  @Test
  void refusesMarksThatCannotWork() {
    assertThatThrownBy(() -> new ReadFlow("v/a", timers, stats, 2, 2, 1, () -> 0, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("low < high");
  }

  @Test
  void theKeepaliveDoesNotCallAHeldLinkDead() {
    AtomicBoolean held = new AtomicBoolean(true);
    AtomicLong now = new AtomicLong(0);
    List<String> dead = new ArrayList<>();
    Keepalive.Link link =
        new Keepalive.Link() {
          @Override
          public Future<Void> ping() {
            return Future.succeededFuture();
          }

          @Override
          public Future<Void> appPing() {
            return Future.failedFuture("no reply");
          }

          @Override
          public void dead(String reason) {
            dead.add(reason);
          }

          @Override
          public boolean held() {
            return held.get();
          }
        };
    KeepalivePolicy policy = KeepalivePolicy.silenceOnly(1_000);
    Keepalive keepalive = new Keepalive(policy, timers, link, now::get);
    keepalive.start();

    // silent for far longer than the timeout while held: alive
    now.set(60_000);
    timers.fire(TimerScheduler.KEEPALIVE);
    assertThat(dead).isEmpty();

    // released: the silence counts again from the last check while held
    held.set(false);
    now.set(61_000);
    timers.fire(TimerScheduler.KEEPALIVE);
    assertThat(dead).containsExactly("nothing received for 1000 ms");
  }
}

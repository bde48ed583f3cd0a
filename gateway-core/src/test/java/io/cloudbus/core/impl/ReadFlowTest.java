package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.testing.ManualScheduler;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Flow control of the vendor's reading, and the keepalive while reading is held. */
class ReadFlowTest {

  private final ManualScheduler timers = new ManualScheduler();
  private final SocketStats stats = new SocketStats();
  private final List<Boolean> reading = new ArrayList<>();

  private ReadFlow flow() {
    ReadFlow flow = new ReadFlow("v/a", timers, stats, 3, 1, 5_000);
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
  void refusesMarksThatCannotWork() {
    assertThatThrownBy(() -> new ReadFlow("v/a", timers, stats, 2, 2, 1))
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

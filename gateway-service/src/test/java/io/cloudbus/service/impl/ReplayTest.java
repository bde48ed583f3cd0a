package io.cloudbus.service.impl;

import static io.cloudbus.service.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.impl.InMemoryEventJournal;
import io.cloudbus.core.journal.EventJournal;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link Replay}: flow control, the live buffer and its overflow, the switch, cancel. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReplayTest {

  /** A transport whose queue is full until drained by hand. */
  private static final class Target implements Replay.Target {
    final List<Long> written = new ArrayList<>();
    boolean full;
    Runnable drain;
    int liveCount = -1;
    long liveAfter = -1;

    @Override
    public boolean write(JsonObject event, long position) {
      written.add(position);
      return true;
    }

    @Override
    public boolean full() {
      return full;
    }

    @Override
    public void whenDrained(Runnable next) {
      drain = next;
    }

    @Override
    public boolean gone() {
      return false;
    }

    @Override
    public void live(int count, long lastPosition) {
      liveCount = count;
      liveAfter = lastPosition;
    }
  }

  private static JsonObject event(int n) {
    return new JsonObject()
        .put("id", "e" + n)
        .put("source", "/cloudbus/pylight/items")
        .put("type", "io.cloudbus.resource.created")
        .put("vendor", "pylight")
        .put("account", "items");
  }

  private static <T> T onContext(Context ctx, Supplier<Future<T>> action) throws Exception {
    Promise<T> p = Promise.promise();
    ctx.runOnContext(v -> action.get().onComplete(p));
    return p.future().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void aFullQueuePausesTheReplayAndOverflowingLiveEventsAreReadFromTheJournal(Vertx vertx)
      throws Exception {
    Context ctx = vertx.getOrCreateContext();
    EventJournal journal = new InMemoryEventJournal(10_000, Clock.systemUTC(), 0);
    for (int i = 1; i <= 10; i++) {
      journal.append(event(i));
    }
    Target target = new Target();
    target.full = true;
    Replay replay = new Replay(ctx, journal, WsFilter.ALL, target);
    // GIVEN a replay from position 3 to a consumer whose queue is full: nothing is written
    Future<Integer> done =
        onContext(
            ctx, () -> Future.succeededFuture(replay.start(new SinceParser.ResumePoint(3, null))));
    assertThat(target.written).isEmpty();
    assertThat(target.drain).isNotNull();
    // WHEN 1500 live events arrive meanwhile (more than the buffer holds), then the queue drains
    onContext(
        ctx,
        () -> {
          for (int i = 11; i <= 1510; i++) {
            long p = journal.append(event(i)).result().position();
            replay.offerLive(event(i), p);
          }
          target.full = false;
          target.drain.run();
          return Future.succeededFuture();
        });
    // THEN everything after 3 is written once, in order, and the replay switched to live
    assertThat(done.await(PATIENT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1507);
    List<Long> expected = LongStream.rangeClosed(4, 1510).boxed().toList();
    assertThat(onContext(ctx, () -> Future.succeededFuture(List.copyOf(target.written))))
        .containsExactlyElementsOf(expected);
    assertThat(target.liveCount).isEqualTo(1507);
    assertThat(target.liveAfter).isEqualTo(1510);
  }

  @Test
  void bufferedLiveEventsAtOrBelowTheLastReplayedAreSkippedAndNewOnesWritten(Vertx vertx)
      throws Exception {
    Context ctx = vertx.getOrCreateContext();
    EventJournal journal = new InMemoryEventJournal(100, Clock.systemUTC(), 0);
    for (int i = 1; i <= 5; i++) {
      journal.append(event(i));
    }
    Target target = new Target();
    Replay replay = new Replay(ctx, journal, WsFilter.ALL, target);
    // GIVEN live events 4, 5 (already journaled) and one without a position wait in the buffer
    int count =
        onContext(
            ctx,
            () -> {
              replay.offerLive(event(4), 4);
              replay.offerLive(event(5), 5);
              replay.offerLive(event(99), -1);
              return replay.start(new SinceParser.ResumePoint(2, null));
            });
    // THEN 3, 4, 5 come from the journal, the positionless one from the buffer, nothing twice
    assertThat(target.written).containsExactly(3L, 4L, 5L, -1L);
    assertThat(count).isEqualTo(4);
    assertThat(target.liveAfter).isEqualTo(5);
  }

  @Test
  void aCancelledReplayWritesNothingMoreAndFails(Vertx vertx) throws Exception {
    Context ctx = vertx.getOrCreateContext();
    EventJournal journal = new InMemoryEventJournal(100, Clock.systemUTC(), 0);
    journal.append(event(1));
    Target target = new Target();
    target.full = true;
    Replay replay = new Replay(ctx, journal, WsFilter.ALL, target);
    Future<Integer> done =
        onContext(
            ctx,
            () -> {
              Future<Integer> f = replay.start(new SinceParser.ResumePoint(0, null));
              replay.cancel();
              target.full = false;
              target.drain.run();
              return Future.succeededFuture(f);
            });
    assertThat(done.failed()).isTrue();
    assertThat(target.written).isEmpty();
    assertThat(target.liveCount).isEqualTo(-1);
  }
}

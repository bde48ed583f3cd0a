package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.Registration;
import io.cloudbus.core.StatusCode;
import io.cloudbus.core.testing.ManualScheduler;
import io.cloudbus.core.testing.MutableClock;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The parts an idle socket now holds small or creates on first use (docs/benchmarks.md, "Heap per
 * idle socket, third round") still work from their first use on.
 */
@Timeout(60)
class IdleFootprintTest {

  @Test
  void dedupCacheIsBuiltOnTheFirstIdAndThenRemembers() {
    CaffeineEventDeduplicator d = new CaffeineEventDeduplicator(100, Duration.ofHours(1));
    assertThat(d.allocated()).isFalse();
    assertThat(d.size()).isZero();
    assertThat(d.firstSeen(null).result()).isTrue();
    assertThat(d.allocated()).as("an event without an id needs no cache").isFalse();
    assertThat(d.firstSeen("a").result()).isTrue();
    assertThat(d.allocated()).isTrue();
    assertThat(d.firstSeen("a").result()).isFalse();
    assertThat(d.firstSeen("b").result()).isTrue();
    assertThat(d.size()).isEqualTo(2);
  }

  @Test
  void dedupCacheBuiltByRacingThreadsIsOneCache() throws Exception {
    int ids = 2_000;
    for (int round = 0; round < 20; round++) {
      CaffeineEventDeduplicator d = new CaffeineEventDeduplicator(10_000, Duration.ofHours(1));
      AtomicInteger firsts = new AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int t = 0; t < 4; t++) {
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < ids; i++) {
                  if (d.firstSeen("id-" + i).result()) {
                    firsts.incrementAndGet();
                  }
                }
                return null;
              });
        }
        go.countDown();
      } finally {
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(firsts.get()).as("each id first exactly once, round " + round).isEqualTo(ids);
    }
  }

  @Test
  void dedupStillBoundedByMaxIds() {
    CaffeineEventDeduplicator d = new CaffeineEventDeduplicator(10, Duration.ofHours(1));
    for (int i = 0; i < 1_000; i++) {
      d.firstSeen("id-" + i);
    }
    // off an event loop Caffeine's maintenance runs at once (the executor above)
    assertThat(d.size()).isLessThanOrEqualTo(10);
  }

  @Test
  void handlerRegistryAddsRemovesAndFiresInOrder() {
    HandlerRegistry<String> r = new HandlerRegistry<>("test");
    assertThat(r.size()).isZero();
    assertThat(r.fire("x", LoggerFactory.getLogger(getClass()), "ctx").succeeded()).isTrue();
    List<String> seen = new ArrayList<>();
    Registration a = r.addSync(v -> seen.add("a" + v));
    Registration b = r.addSync(v -> seen.add("b" + v));
    Registration c = r.addSync(v -> seen.add("c" + v));
    r.fire("1", LoggerFactory.getLogger(getClass()), "ctx");
    b.remove();
    r.fire("2", LoggerFactory.getLogger(getClass()), "ctx");
    a.remove();
    c.remove();
    c.remove();
    assertThat(r.size()).isZero();
    r.fire("3", LoggerFactory.getLogger(getClass()), "ctx");
    Registration again = r.add(v -> Future.succeededFuture(seen.add("d" + v)));
    r.fire("4", LoggerFactory.getLogger(getClass()), "ctx");
    assertThat(seen).containsExactly("a1", "b1", "c1", "a2", "c2", "d4");
    again.remove();
    assertThat(r.size()).isZero();
  }

  @Test
  void statusBodyIsBuiltFromItsFields() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    StatusTracker t = new StatusTracker("v", "a");
    t.attach(null, clock);
    JsonObject offline = t.status();
    assertThat(offline.fieldNames()).containsExactly("vendor", "account", "state", "since");
    assertThat(offline.getString("state")).isEqualTo("offline");

    t.set(ConnectionState.CONNECTING, null, 1, null);
    assertThat(t.status())
        .isEqualTo(
            new JsonObject()
                .put("vendor", "v")
                .put("account", "a")
                .put("state", "connecting")
                .put("since", "2026-01-01T00:00:00Z")
                .put("attempt", 1));

    // the same state with other details keeps its since
    clock.advance(Duration.ofSeconds(5));
    t.set(
        ConnectionState.CONNECTING,
        FailureClass.TRANSIENT,
        StatusCode.CONNECT_REFUSED,
        "refused",
        2,
        1_500L);
    JsonObject failing = t.status();
    assertThat(failing.getString("since")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(failing.getString("reason")).isEqualTo("refused");
    assertThat(failing.getString("failureClass")).isEqualTo(FailureClass.TRANSIENT.wireName());
    assertThat(failing.getString("code")).isEqualTo(StatusCode.CONNECT_REFUSED.wireName());
    assertThat(failing.getInteger("attempt")).isEqualTo(2);
    assertThat(failing.getLong("nextRetryMs")).isEqualTo(1_500L);

    // a read is a copy
    failing.put("state", "changed").put("extra", 1);
    assertThat(t.status().getString("state")).isEqualTo("connecting");

    // a gap stays while connected, is a copy, and goes with the next state
    JsonObject gap = new JsonObject().put("from", 1).put("to", 3).put("reason", "r");
    t.set(ConnectionState.CONNECTED, gap);
    gap.put("from", 99);
    JsonObject connected = t.status();
    assertThat(connected.getString("since")).isEqualTo("2026-01-01T00:00:05Z");
    assertThat(connected.getJsonObject("gap").getInteger("from")).isEqualTo(1);
    assertThat(connected.containsKey("reason")).isFalse();
    t.gap(new JsonObject().put("from", 4).put("to", 5));
    assertThat(t.status().getJsonObject("gap").getInteger("from")).isEqualTo(4);
    t.set(ConnectionState.OFFLINE, "stopped", null, null);
    assertThat(t.status().containsKey("gap")).isFalse();
    t.gap(new JsonObject().put("from", 6));
    assertThat(t.status().containsKey("gap")).as("no gap while offline").isFalse();
    assertThat(t.state()).isEqualTo(ConnectionState.OFFLINE);
  }

  @Test
  void defaultBackoffRandomStaysWithinBoundsOnEveryThread() throws Exception {
    ExponentialBackoff b = new ExponentialBackoff(100, 1_000, 8_000, null);
    List<Long> delays = new ArrayList<>();
    Thread other =
        new Thread(
            () -> {
              synchronized (delays) {
                for (int i = 0; i < 500; i++) {
                  delays.add(b.delayMs(3));
                }
              }
            });
    other.start();
    other.join();
    synchronized (delays) {
      for (int i = 0; i < 500; i++) {
        delays.add(b.delayMs(3));
      }
      assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(100L, 4_000L));
      assertThat(delays.stream().distinct().count()).as("random, not constant").isGreaterThan(50);
    }
  }

  @Test
  void smallStartingQueuesGrowWithUse() {
    PauseBuffer<Integer> buffer = new PauseBuffer<>(1_000);
    for (int i = 0; i < 1_500; i++) {
      buffer.add(i);
    }
    List<Integer> held = buffer.drain();
    assertThat(held).hasSize(1_000);
    assertThat(held.get(0)).isEqualTo(500);
    assertThat(held.get(999)).isEqualTo(1_499);
    assertThat(buffer.dropped()).isEqualTo(500);

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    TrafficGuard guard = new TrafficGuard(1_000, 500, 1_000, clock);
    for (int i = 0; i < 500; i++) {
      assertThat(guard.record()).isEqualTo(TrafficGuard.Verdict.OK);
    }
    assertThat(guard.record()).isEqualTo(TrafficGuard.Verdict.WARN);

    InOrder<Integer> order = new InOrder<>();
    List<Integer> handled = new ArrayList<>();
    List<io.vertx.core.Promise<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      io.vertx.core.Promise<Integer> p = io.vertx.core.Promise.promise();
      answers.add(p);
      order.add(p.future(), ar -> handled.add(ar.result()));
    }
    for (int i = 99; i >= 0; i--) {
      answers.get(i).complete(i);
    }
    assertThat(handled).hasSize(100).isSorted();
    assertThat(order.waiting()).isZero();
  }

  /** A link that records what the keepalive did. */
  private static final class RecordingLink implements Keepalive.Link {
    final List<String> did = new ArrayList<>();

    @Override
    public Future<Void> ping() {
      did.add("ping");
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> appPing() {
      did.add("appPing");
      return Future.succeededFuture();
    }

    @Override
    public void dead(String reason) {
      did.add("dead: " + reason);
    }
  }

  /** Runs the one pending keepalive timer after moving the clock to its due time. */
  private static void fireKeepalive(ManualScheduler timers, AtomicLong now) {
    List<ManualScheduler.Task> pending = timers.pending(TimerScheduler.KEEPALIVE);
    assertThat(pending).as("pings and watchdog share one timer").hasSize(1);
    now.addAndGet(pending.get(0).delayMs());
    timers.fire(TimerScheduler.KEEPALIVE);
  }

  @Test
  void pingsAndWatchdogShareOneTimerAndKeepTheirTimes() {
    ManualScheduler timers = new ManualScheduler();
    AtomicLong now = new AtomicLong(1_000);
    RecordingLink link = new RecordingLink();
    Keepalive k = new Keepalive(KeepalivePolicy.pingFrames(20_000, 60_000), timers, link, now::get);
    k.start();
    // pings at 21 s and 41 s; a frame arrives at 41 s
    fireKeepalive(timers, now);
    assertThat(now.get()).isEqualTo(21_000);
    fireKeepalive(timers, now);
    assertThat(now.get()).isEqualTo(41_000);
    k.inbound();
    // at 61 s the third ping and the watchdog's first check (20 s of silence: alive)
    fireKeepalive(timers, now);
    assertThat(now.get()).isEqualTo(61_000);
    assertThat(link.did).containsExactly("ping", "ping", "ping");
    // the fourth ping at 81 s, then at 101 s 60 s of silence: dead, and no fifth ping
    fireKeepalive(timers, now);
    assertThat(now.get()).isEqualTo(81_000);
    fireKeepalive(timers, now);
    assertThat(now.get()).isEqualTo(101_000);
    assertThat(link.did)
        .containsExactly("ping", "ping", "ping", "ping", "dead: nothing received for 60000 ms");
    assertThat(timers.pending(TimerScheduler.KEEPALIVE)).isEmpty();
  }

  @Test
  void keepaliveWithOnlyOneOfTheTwoAndStop() {
    ManualScheduler timers = new ManualScheduler();
    AtomicLong now = new AtomicLong(0);
    RecordingLink link = new RecordingLink();
    Keepalive silence = new Keepalive(KeepalivePolicy.silenceOnly(400), timers, link, now::get);
    silence.start();
    fireKeepalive(timers, now);
    assertThat(link.did).containsExactly("dead: nothing received for 400 ms");

    ManualScheduler t2 = new ManualScheduler();
    RecordingLink pings = new RecordingLink();
    Keepalive k = new Keepalive(KeepalivePolicy.pingFrames(100, 0), t2, pings, now::get);
    k.start();
    fireKeepalive(t2, now);
    fireKeepalive(t2, now);
    assertThat(pings.did).containsExactly("ping", "ping");
    k.stop();
    assertThat(t2.pending(TimerScheduler.KEEPALIVE)).isEmpty();

    ManualScheduler t3 = new ManualScheduler();
    new Keepalive(KeepalivePolicy.none(), t3, new RecordingLink(), now::get).start();
    assertThat(t3.pending(TimerScheduler.KEEPALIVE)).isEmpty();
  }
}

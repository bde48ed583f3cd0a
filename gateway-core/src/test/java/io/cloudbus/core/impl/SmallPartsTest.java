package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.Registration;
import io.cloudbus.core.auth.Pkce;
import io.cloudbus.core.http.RestClient;
import io.cloudbus.core.testing.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Unit tests of the small CloudSocket helpers. */
class SmallPartsTest {

  @Test
  void trafficGuardWarnsThenTripsOnTheWindowAverage() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    TrafficGuard g = new TrafficGuard(1_000, 5, 10, clock);
    for (int i = 0; i < 5; i++) {
      assertThat(g.record()).isEqualTo(TrafficGuard.Verdict.OK);
    }
    assertThat(g.record()).isEqualTo(TrafficGuard.Verdict.WARN);
    assertThat(g.warnDue()).isTrue();
    assertThat(g.warnDue()).isFalse();
    for (int i = 0; i < 4; i++) {
      g.record();
    }
    assertThat(g.record()).isEqualTo(TrafficGuard.Verdict.TRIP);
    // a second later the window is empty again
    clock.advance(Duration.ofMillis(1_001));
    assertThat(g.record()).isEqualTo(TrafficGuard.Verdict.OK);
    assertThat(g.ratePerSec()).isEqualTo(1.0);
  }

  @Test
  void pauseBufferDropsOldestAndCounts() {
    PauseBuffer<Integer> b = new PauseBuffer<>(3);
    for (int i = 1; i <= 5; i++) {
      b.add(i);
    }
    assertThat(b.dropped()).isEqualTo(2);
    assertThat(b.drain()).containsExactly(3, 4, 5);
    assertThat(b.size()).isZero();
  }

  @Test
  void handlerRegistryIsolatesFailuresAndRemovesIdempotently() throws Exception {
    HandlerRegistry<String> r = new HandlerRegistry<>("test");
    List<String> seen = new ArrayList<>();
    r.add(
        v -> {
          throw new IllegalStateException("bug");
        });
    r.add(v -> Future.failedFuture("async bug"));
    Registration reg = r.add(v -> Future.succeededFuture(seen.add("a:" + v)));
    r.add(v -> Future.succeededFuture(seen.add("b:" + v)));
    assertThat(r.fire("x", LoggerFactory.getLogger(getClass()), "ctx").succeeded()).isTrue();
    assertThat(seen).containsExactly("a:x", "b:x");
    reg.remove();
    reg.remove();
    assertThat(r.size()).isEqualTo(3);
    r.fire("y", LoggerFactory.getLogger(getClass()), "ctx");
    assertThat(seen).containsExactly("a:x", "b:x", "b:y");
  }

  @Test
  void caffeineDedupRemembersIds() {
    CaffeineEventDeduplicator d = new CaffeineEventDeduplicator(100, Duration.ofHours(1));
    assertThat(d.firstSeen("a").result()).isTrue();
    assertThat(d.firstSeen("a").result()).isFalse();
    assertThat(d.firstSeen("b").result()).isTrue();
  }

  @Test
  void pkceChallengeIsTheS256OfTheVerifier() {
    // RFC 7636 appendix B
    assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    Pkce p = Pkce.generate();
    assertThat(p.verifier()).matches("[A-Za-z0-9]{40,}");
    assertThat(p.challenge()).isEqualTo(Pkce.challengeOf(p.verifier()));
    assertThat(p.toString()).doesNotContain(p.verifier());
  }

  @Test
  void retryAfterParsesSecondsAndDates() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(RestClient.retryAfter("120", clock)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RestClient.retryAfter("Thu, 01 Jan 2026 00:01:00 GMT", clock))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(RestClient.retryAfter("soon", clock)).isNull();
    assertThat(RestClient.redact("https://h/p?token=x#f")).isEqualTo("https://h/p");
  }
}

package io.cloudbus.service.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.service.ServiceLimits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets per client and per account, on a clock the test moves. */
class CommandLimiterTest {

  private static final String ACCOUNT = "cloudbus.command.generic.home";
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final CommandLimiter limiter = new CommandLimiter(30, 60, 1_000, now::get);

  @Test
  void aClientGetsItsMinuteAtOnceThenOneCommandPerRefill() {
    // WHEN one client sends 31 commands at once
    for (int i = 0; i < 30; i++) {
      assertThat(limiter.admit("tcp#1", ACCOUNT)).isEqualTo(CommandLimiter.Verdict.ALLOWED);
    }
    // THEN the 31st is refused by its own limit
    assertThat(limiter.admit("tcp#1", ACCOUNT)).isEqualTo(CommandLimiter.Verdict.CLIENT_LIMIT);

    // WHEN 2 s pass (30 per minute: one token) THEN exactly one more goes through
    now.addAndGet(2_000);
    assertThat(limiter.admit("tcp#1", ACCOUNT)).isEqualTo(CommandLimiter.Verdict.ALLOWED);
    assertThat(limiter.admit("tcp#1", ACCOUNT)).isEqualTo(CommandLimiter.Verdict.CLIENT_LIMIT);
  }

  @Test
  void clientsTogetherAreCappedByTheAccountAndARefusalCostsNothing() {
    // WHEN three clients send 30 each at once
    int allowed = 0;
    for (String client : new String[] {"a", "b", "c"}) {
      for (int i = 0; i < 30; i++) {
        if (limiter.admit(client, ACCOUNT) == CommandLimiter.Verdict.ALLOWED) {
          allowed++;
        }
      }
    }
    // THEN the account's 60 went through; the third client was refused by the account limit
    assertThat(allowed).isEqualTo(60);
    assertThat(limiter.admit("c", ACCOUNT)).isEqualTo(CommandLimiter.Verdict.ACCOUNT_LIMIT);
    // and another account is not affected
    assertThat(limiter.admit("c", "cloudbus.command.generic.other"))
        .isEqualTo(CommandLimiter.Verdict.ALLOWED);
    // client c's 30 refusals took none of its tokens: it still has 29 for a third account
    int more = 0;
    while (limiter.admit("c", "cloudbus.command.generic.third") == CommandLimiter.Verdict.ALLOWED) {
      more++;
    }
    assertThat(more).isEqualTo(29);
  }

  @Test
  void idleBucketsAreDroppedAndTheTableIsBounded() {
    // GIVEN a table of at most 10 buckets per kind
    CommandLimiter small = new CommandLimiter(30, 60, 10, now::get);
    for (int i = 0; i < 10; i++) {
      small.admit("client-" + i, ACCOUNT);
    }
    // WHEN an eleventh client comes while the others' buckets are not full yet THEN refused
    assertThat(small.admit("client-10", ACCOUNT)).isEqualTo(CommandLimiter.Verdict.CLIENT_LIMIT);
    assertThat(small.trackedKeys()).isEqualTo(11);

    // WHEN a minute passes (every bucket refilled) THEN the sweep drops them all but the new one
    now.addAndGet(60_000);
    assertThat(small.admit("client-10", ACCOUNT)).isEqualTo(CommandLimiter.Verdict.ALLOWED);
    assertThat(small.trackedKeys()).isEqualTo(2);

    // AND a flood of distinct clients never holds more than the bound
    for (int i = 0; i < 5_000; i++) {
      small.admit("flood-" + i, ACCOUNT);
    }
    assertThat(small.trackedKeys()).isLessThanOrEqualTo(20);
  }

  @Test
  void theHighestAccountLimitStaysBelowTheDefaultTrafficGuard() {
    // a full bucket plus the refill of one guard window, as messages per second over the window
    long window = CloudSocketOptions.DEFAULT_TRAFFIC_WINDOW_MS;
    double max = ServiceLimits.MAX_COMMANDS_PER_MINUTE_PER_ACCOUNT;
    double worstPerSec = (max + max * window / 60_000.0) * 1000.0 / window;
    assertThat(worstPerSec).isLessThan(CloudSocketOptions.DEFAULT_TRAFFIC_WARN_PER_SEC);
  }

  @Test
  void refusalsAreCountedAndTcpAnswersAtTheReplyAddressForARequest() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry);
    CommandLimiter one = new CommandLimiter(1, 60, 10, now::get);
    assertThat(one.admit("tcp#1", ACCOUNT, metrics, GatewayMetrics.TCP)).isTrue();
    assertThat(one.admit("tcp#1", ACCOUNT, metrics, GatewayMetrics.TCP)).isFalse();
    assertThat(registry.scrape())
        .contains("cloudbus_commands_rate_limited_total{scope=\"client\",transport=\"tcp\"} 1.0");

    assertThat(CommandLimiter.tcpRefusal(ACCOUNT, null))
        .isEqualTo(
            new JsonObject()
                .put("type", "err")
                .put("message", "rate_limited")
                .put("address", ACCOUNT));
    JsonObject reply = CommandLimiter.tcpRefusal(ACCOUNT, "reply-1");
    assertThat(reply.getString("address")).isEqualTo("reply-1");
    assertThat(reply.getString("message")).isEqualTo("rate_limited");
    assertThat(reply.getInteger("failureCode")).isEqualTo(429);
  }
}

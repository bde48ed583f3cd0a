package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.FailureClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final CloudSocketOptions options =
      CloudSocketOptions.builder("v", "a")
          .reconnectInitialDelayMs(1_000)
          .reconnectMaxDelayMs(10_000)
          .rateLimitedMinDelayMs(60_000)
          .rateLimitedMaxDelayMs(600_000)
          .authFailedRetryMs(900_000)
          .build();

  @Test
  void transientFailuresCountAttemptsUntilTheConnectionIsStable() {
    // GIVEN a policy
    RetryPolicy p = new RetryPolicy(options);
    Throwable io = CloudbusException.transientFailure("io", null);

    // WHEN transient failures repeat THEN attempts grow, delays stay within the jittered bound
    for (int n = 1; n <= 6; n++) {
      RetryPolicy.Decision d = p.onFailure(io);
      assertThat(d.state()).isEqualTo(ConnectionState.BACKOFF);
      assertThat(d.attempt()).isEqualTo(n);
      assertThat(d.delayMs()).isBetween(0L, Math.min(10_000L, 1_000L << (n - 1)));
    }
    // a successful handshake alone does not reset the counter
    p.connected();
    assertThat(p.onFailure(io).attempt()).isEqualTo(7);
    // a stable connection does
    p.connectionStable();
    assertThat(p.onFailure(io).attempt()).isEqualTo(1);
    // a plain exception counts as transient
    assertThat(p.onFailure(new RuntimeException("x")).failureClass())
        .isEqualTo(FailureClass.TRANSIENT);
  }

  @Test
  void rateLimitedAuthAndConfigurationHaveTheirOwnPolicies() {
    RetryPolicy p = new RetryPolicy(options);
    RetryPolicy.Decision withHeader =
        p.onFailure(CloudbusException.rateLimited("429", Duration.ofSeconds(42)));
    assertThat(withHeader.delayMs()).isEqualTo(42_000);
    assertThat(p.onFailure(CloudbusException.rateLimited("429", Duration.ofDays(1))).delayMs())
        .isEqualTo(600_000);
    RetryPolicy.Decision noHeader = p.onFailure(CloudbusException.rateLimited("403", null));
    assertThat(noHeader.delayMs()).isBetween(60_000L, 240_000L);
    assertThat(noHeader.attempt()).isEqualTo(3);

    RetryPolicy.Decision auth = p.onFailure(CloudbusException.auth("no"));
    assertThat(auth.state()).isEqualTo(ConnectionState.AUTH_FAILED);
    assertThat(auth.delayMs()).isEqualTo(30_000);
    assertThat(auth.attempt()).isEqualTo(1);
    assertThat(p.onFailure(CloudbusException.auth("no")).delayMs()).isEqualTo(60_000);

    RetryPolicy.Decision config = p.onFailure(CloudbusException.configuration("bad url"));
    assertThat(config.state()).isEqualTo(ConnectionState.STOPPED);
    assertThat(config.retries()).isFalse();
  }
}

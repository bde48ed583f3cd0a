package io.cloudbus.client.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

  private static ReconnectPolicy enabled() {
    return new ReconnectPolicy(true, new Backoff(100, 1_000, bound -> bound - 1));
  }

  @Test
  void attemptsCountUpAndStartOverOnceConnected() {
    ReconnectPolicy p = enabled();
    assertThat(p.nextAttempt(false)).isEqualTo(1);
    assertThat(p.nextAttempt(false)).isEqualTo(2);
    assertThat(p.delayMs(2)).isEqualTo(200);
    p.connected();
    assertThat(p.nextAttempt(false)).isEqualTo(1);
  }

  @Test
  void noAttemptWhenDisabledOrAfterAFailedFirstConnect() {
    assertThat(new ReconnectPolicy(false, new Backoff(100, 1_000)).nextAttempt(false)).isZero();
    assertThat(enabled().nextAttempt(true)).isZero();
  }

  @Test
  void aHandshakeRejectedWith401Or403IsNotRetriedButOtherStatusesAre() {
    for (int status : new int[] {401, 403}) {
      ReconnectPolicy p = enabled();
      p.rejected(status);
      assertThat(p.nextAttempt(false)).as("after HTTP %d", status).isZero();
    }
    ReconnectPolicy busy = enabled();
    busy.rejected(503);
    assertThat(busy.nextAttempt(false)).isEqualTo(1);
  }

  @Test
  void aRejectionCountsForTheNextLossOnly() {
    ReconnectPolicy p = enabled();
    p.rejected(401);
    assertThat(p.nextAttempt(false)).isZero();
    assertThat(p.nextAttempt(false)).isEqualTo(2);
  }

  @Test
  void anUnknownResourceIsNeverRetried() {
    ReconnectPolicy p = enabled();
    p.resourceRejected();
    assertThat(p.nextAttempt(false)).isZero();
    p.connected();
    assertThat(p.nextAttempt(false)).isZero();
  }
}

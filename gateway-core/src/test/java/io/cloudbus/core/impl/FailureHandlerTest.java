package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.StatusCode;
import io.cloudbus.core.testing.ManualScheduler;
import io.cloudbus.core.util.TimerScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decisions after a failure, with manual timers and no auth handler (no Vert.x needed). */
class FailureHandlerTest {

  private final ManualScheduler timers = new ManualScheduler();
  private final StatusTracker status = new StatusTracker("v", "a");
  private final FakeHost host = new FakeHost();
  private final FailureHandler handler =
      new FailureHandler(
          CloudSocketOptions.builder("v", "a")
              .reconnectInitialDelayMs(1_000)
              .reconnectMaxDelayMs(10_000)
              .build(),
          null,
          status,
          timers,
          null,
          host);

  @Test
  void aTransientFailureSchedulesOneAttemptAndPublishesTheDelay() {
    // WHEN two transient failures follow each other
    handler.onFailure(CloudbusException.transientFailure("reset", null), null);
    handler.onFailure(CloudbusException.transientFailure("reset again", null), null);

    // THEN one attempt is pending (the second replaced the first), and the status says when
    assertThat(timers.pending(TimerScheduler.RECONNECT)).hasSize(1);
    assertThat(status.state()).isEqualTo(ConnectionState.BACKOFF);
    assertThat(status.status().getInteger("attempt")).isEqualTo(2);
    assertThat(status.status().getLong("nextRetryMs"))
        .isEqualTo(timers.pending(TimerScheduler.RECONNECT).get(0).delayMs());
    assertThat(timers.fire(TimerScheduler.RECONNECT)).isEqualTo(1);
    assertThat(host.connects).isEqualTo(1);
  }

  @Test
  void aConfigurationErrorStopsTheSocketWithoutRetrying() {
    handler.onFailure(CloudbusException.configuration("no such account"), null);

    assertThat(host.stops).containsExactly("no such account");
    assertThat(timers.pending(TimerScheduler.RECONNECT)).isEmpty();
  }

  @Test
  void withoutSupervisionAFailureOnlySetsTheState() {
    host.supervising = false;

    handler.onFailure(CloudbusException.auth("token refused"), null);

    assertThat(status.state()).isEqualTo(ConnectionState.AUTH_FAILED);
    assertThat(status.status().getString("reason")).isEqualTo("token refused");
    assertThat(timers.pending(TimerScheduler.RECONNECT)).isEmpty();
  }

  @Test
  void theStatusReasonDropsTheLogContextAndKeepsTheWords() {
    // WHEN an attempt fails with a message that starts with the connection's log context
    handler.onFailure(
        CloudbusException.transientFailure(
            "[simplisafe/demo#11] cannot open the WebSocket: connection refused (127.0.0.1:9000)",
            null),
        null);

    // THEN the status says why in words only: it already names the account
    assertThat(status.status().getString("reason"))
        .isEqualTo("cannot open the WebSocket: connection refused (127.0.0.1:9000)");
    assertThat(FailureHandler.statusReason("[a b] kept as is")).isEqualTo("[a b] kept as is");
  }

  @Test
  void anAttemptDueAfterStopOrCancelDoesNotConnect() {
    handler.onFailure(CloudbusException.transientFailure("reset", null), null);
    host.stopped = true;
    timers.fire(TimerScheduler.RECONNECT);
    assertThat(host.connects).isZero();

    host.stopped = false;
    handler.onFailure(CloudbusException.transientFailure("reset", null), null);
    handler.cancel();
    assertThat(timers.pending(TimerScheduler.RECONNECT)).isEmpty();
  }

  @Test
  void aFailureAfterStopChangesNothing() {
    host.stopped = true;

    handler.onFailure(CloudbusException.transientFailure("late", null), null);

    assertThat(status.state()).isEqualTo(ConnectionState.OFFLINE);
    assertThat(timers.pending(TimerScheduler.RECONNECT)).isEmpty();
  }

  @Test
  void aTrippedTrafficGuardWaitsOutItsCoolDownThenConnects() {
    // WHEN the guard trips
    handler.onFailure(CloudbusException.transientFailure("reset", null), null);
    handler.coolDown("traffic guard tripped: 700 messages/s", 60_000);

    // THEN the only pending attempt is the cool-down's, and the status says so
    assertThat(timers.pending(TimerScheduler.RECONNECT))
        .singleElement()
        .extracting(ManualScheduler.Task::delayMs)
        .isEqualTo(60_000L);
    assertThat(status.state()).isEqualTo(ConnectionState.BACKOFF);
    assertThat(status.status().getString("reason"))
        .isEqualTo(
            "traffic guard tripped: 700 messages/s; reconnecting after a 60000 ms cool-down");
    assertThat(status.status().getLong("nextRetryMs")).isEqualTo(60_000L);
    assertThat(host.stops).isEmpty();

    // WHEN the cool-down is over THEN one attempt starts
    timers.fire(TimerScheduler.RECONNECT);
    assertThat(host.connects).isEqualTo(1);
  }

  @Test
  void aCoolDownWithoutSupervisionOnlySetsTheState() {
    host.supervising = false;

    handler.coolDown("traffic guard tripped", 60_000);

    assertThat(status.state()).isEqualTo(ConnectionState.OFFLINE);
    assertThat(timers.pending(TimerScheduler.RECONNECT)).isEmpty();
  }

  @Test
  void authFailuresRetryOnADoublingScheduleCappedSoARecoveredVendorIsSeenSoon() {
    // GIVEN the default auth schedule (30 s doubling, capped at 5 min)
    FailureHandler h =
        new FailureHandler(
            CloudSocketOptions.builder("v", "a").build(), null, status, timers, null, host);
    List<Long> delays = new ArrayList<>();

    // WHEN the vendor keeps refusing the credentials
    for (int i = 0; i < 7; i++) {
      h.onFailure(CloudbusException.auth("401"), null);
      delays.add(timers.pending(TimerScheduler.RECONNECT).get(0).delayMs());
      assertThat(status.state()).isEqualTo(ConnectionState.AUTH_FAILED);
      assertThat(status.status().getLong("nextRetryMs")).isEqualTo(delays.get(i));
      timers.fire(TimerScheduler.RECONNECT);
    }

    // THEN the delays double up to the cap and stay there: back within 5 min of a recovery
    assertThat(delays)
        .containsExactly(30_000L, 60_000L, 120_000L, 240_000L, 300_000L, 300_000L, 300_000L);
    assertThat(host.connects).isEqualTo(7);

    // WHEN a connection succeeds THEN the next auth failure starts the schedule over
    h.connected();
    h.onFailure(CloudbusException.auth("401"), null);
    assertThat(timers.pending(TimerScheduler.RECONNECT).get(0).delayMs()).isEqualTo(30_000L);
  }

  private static final class FakeHost implements FailureHandler.Host {
    boolean stopped;
    boolean supervising = true;
    int connects;
    final List<String> stops = new ArrayList<>();

    @Override
    public boolean stopped() {
      return stopped;
    }

    @Override
    public boolean supervising() {
      return supervising;
    }

    @Override
    public void stop(FailureClass failureClass, StatusCode code, String reason) {
      stops.add(reason);
    }

    @Override
    public void connect() {
      connects++;
    }
  }
}

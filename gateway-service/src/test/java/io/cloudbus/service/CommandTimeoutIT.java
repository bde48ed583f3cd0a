package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static io.cloudbus.service.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.mock.simplisafe.SimpliSafeControlRoutes;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A vendor that does not answer, seen from the bus ({@code cloudbus.command.<vendor>.<account>}):
 * the reply is the {@code timeout} envelope within the adapter's bound (20 s), no bus failure, and
 * the command reached the mock exactly once (never retried, so nothing arms or unlocks twice).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommandTimeoutIT {

  /** Longer than the adapters' 20 s command bound: the mock answers too late. */
  private static final int HANG_MS = 45_000;

  private static ControlFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx =
        new ControlFixture(TestEvents.options().addToken("ops", Role.COMMAND).build())
            .withSimpliSafe()
            .withBticino()
            .connected();
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static long stat(String vendor, String counter) {
    return fx.mock.stats().getJsonObject(vendor).getLong(counter, 0L);
  }

  private static JsonObject request(String vendor, String account, String action) throws Exception {
    Message<Object> reply =
        fx.vertx
            .eventBus()
            .request(
                CloudbusAddresses.command(vendor, account),
                new JsonObject().put("action", action),
                new DeliveryOptions().setSendTimeout(PATIENT.toMillis()))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    return (JsonObject) reply.body();
  }

  private static void assertTimeoutSentOnce(
      String vendor, String account, String action, String counter) throws Exception {
    // GIVEN a vendor cloud that answers after the adapter's bound
    long before = stat(vendor, counter);
    fx.admin.faults(vendor, new JsonObject().put("latencyMs", HANG_MS));
    try {
      // WHEN the command is requested on the bus
      long t0 = System.nanoTime();
      JsonObject reply = request(vendor, account, action);
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      // THEN the reply is the timeout envelope, before the vendor's late answer
      assertThat(reply.getBoolean("ok")).as(reply.encode()).isFalse();
      assertThat(reply.getJsonObject("error").getString("code")).isEqualTo("timeout");
      assertThat(tookMs).isLessThan(HANG_MS);
      // AND the vendor saw the command once, and no retry follows
      assertThat(stat(vendor, counter)).isEqualTo(before + 1);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(PATIENT)
          .until(() -> stat(vendor, counter) == before + 1);
    } finally {
      fx.admin.clearFaults(vendor);
    }
  }

  @Test
  void aSimpliSafeArmThatHangsIsATimeoutSentOnce() throws Exception {
    assertTimeoutSentOnce("simplisafe", "demo", "arm_home", SimpliSafeControlRoutes.STATE_COMMANDS);
  }

  @Test
  void aBticinoUnlockThatHangsIsATimeoutSentOnce() throws Exception {
    assertTimeoutSentOnce("bticino", "home", "unlock_door", "setStateCommands");
  }
}

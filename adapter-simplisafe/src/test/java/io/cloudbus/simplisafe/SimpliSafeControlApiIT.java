package io.cloudbus.simplisafe;

import static io.cloudbus.simplisafe.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CommandException;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.simplisafe.SimpliSafeControlRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command bound and the retry rules of {@link SimpliSafeControlApi} against the mock. */
@Timeout(300)
class SimpliSafeControlApiIT {

  @RegisterExtension static MockCloudExtension mock = new MockCloudExtension();

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static SimpliSafeControlApi api(MockCloud cloud, long timeoutMs) {
    SimpliSafeAuthHandler auth =
        new SimpliSafeAuthHandler(
            vertx,
            AuthOptions.builder("simplisafe/home").tokenStore(TokenStore.inMemory()).build(),
            SimpliSafeEndpoints.fromJson(TestSupport.endpoints(cloud)),
            TestSupport.demoRefreshToken(cloud));
    return new SimpliSafeControlApi(
        vertx, auth, SimpliSafeEndpoints.fromJson(TestSupport.endpoints(cloud)), timeoutMs, 10);
  }

  private static long stateCommands(MockCloud cloud) {
    return cloud
        .stats()
        .getJsonObject("simplisafe")
        .getLong(SimpliSafeControlRoutes.STATE_COMMANDS, 0L);
  }

  @Test
  void aSlowVendorIsATimeoutAndTheCommandIsNotRepeated(
      MockCloud cloud, MockCloudAdminClient admin) {
    SimpliSafeControlApi api = api(cloud, 500);
    // GIVEN a cloud that answers after 3 s
    admin.faults("simplisafe", new JsonObject().put("latencyMs", 3000));
    // WHEN arming with a 500 ms bound
    Throwable t = TestSupport.awaitFailure(api.setState(98765, 3, "away"));
    // THEN the caller hears timeout, and the late request ran once, never again
    assertThat(t).isInstanceOf(CommandException.class);
    assertThat(((CommandException) t).code()).isEqualTo(CommandException.TIMEOUT);
    await().atMost(Patience.PATIENT).until(() -> stateCommands(cloud) == 1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Patience.PATIENT)
        .until(() -> stateCommands(cloud) == 1);
  }

  @Test
  void syncingIsTriedThreeTimesInAll(MockCloud cloud, MockCloudAdminClient admin) {
    SimpliSafeControlApi api = api(cloud, 20_000);
    admin.faults("simplisafe", new JsonObject().put("syncing", true));
    Throwable t = TestSupport.awaitFailure(api.setState(98765, 3, "off"));
    assertThat(((CommandException) t).code()).isEqualTo("base_station_syncing");
    assertThat(stateCommands(cloud)).isEqualTo(SimpliSafeControlApi.MAX_ATTEMPTS);
    // a V2 system takes the V2 route
    admin.clearFaults("simplisafe");
    JsonObject v2 = await(api.setState(98765, 2, "home"));
    assertThat(v2.getString("requestedState")).isEqualTo("home");
  }
}

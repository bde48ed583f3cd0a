package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code cloudbus demo} end to end, in-process, on free ports and without scripted traffic. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoCommandIT {

  @Test
  void printsUrlsFirstAndDeliversAPushOfEveryVendor() throws Exception {
    try (CliRun cli = new CliRun()) {
      // GIVEN the demo on free ports, no scripted traffic
      cli.start("demo", "--port", "0", "--tcp-port", "0", "--mock-port", "0", "--rate", "0");
      await()
          .atMost(PATIENT)
          .until(() -> cli.out().contains("events (Ctrl-C to stop):") || cli.exit().isDone());
      assertThat(cli.exit()).isNotDone();

      // THEN the first lines are the URLs
      List<String> lines = cli.out().lines().toList();
      assertThat(lines.get(0)).matches("dashboard +http://127\\.0\\.0\\.1:\\d+/");
      assertThat(lines.get(1)).matches("websocket +ws://127\\.0\\.0\\.1:\\d+/ws/events");
      assertThat(lines.get(2)).matches("sockjs +http://127\\.0\\.0\\.1:\\d+/eventbus");
      assertThat(lines.get(3)).matches("tcp bridge +tcp://127\\.0\\.0\\.1:\\d+");
      assertThat(lines.get(4)).matches("mock admin +http://127\\.0\\.0\\.1:\\d+/admin");
      String http = lines.get(0).replaceAll("^dashboard +", "").replaceAll("/$", "");
      String admin = lines.get(4).replaceAll("^mock admin +", "");

      // WHEN every account is connected and one push per vendor goes through the admin API
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () -> {
                JsonArray accounts = new JsonArray(Http.get(http + "/api/accounts").body());
                assertThat(accounts).hasSize(4);
                assertThat(accounts.stream().map(a -> ((JsonObject) a).getString("state")))
                    .containsOnly("connected");
              });
      // AND tail follows the running service, security events only
      CliRun tail = new CliRun().start("tail", "--url", http, "--type", "security.");
      await().atMost(PATIENT).until(() -> tail.err().contains("subscribed"));
      VendorPushes.pushAll(admin, "it");

      // THEN each arrives in /api/events and as a line of the live log
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () -> {
                JsonArray events =
                    new JsonObject(Http.get(http + "/api/events?limit=50").body())
                        .getJsonArray("events");
                Set<String> types =
                    events.stream()
                        .map(e -> ((JsonObject) e).getString("type"))
                        .collect(Collectors.toSet());
                assertThat(types).containsAll(VendorPushes.TYPES.values());
              });
      await()
          .atMost(PATIENT)
          .untilAsserted(
              () ->
                  assertThat(cli.out())
                      .containsPattern("security\\.disarmed +simplisafe/demo")
                      .containsPattern("doorbell\\.ring +bticino/demo +call-it")
                      .containsPattern("entity\\.state_changed +home-assistant/demo +light\\.it")
                      .containsPattern("resource\\.created +pylight/demo +products/7"));

      await()
          .atMost(PATIENT)
          .untilAsserted(
              () ->
                  assertThat(tail.out())
                      .containsPattern("security\\.disarmed +simplisafe/demo +f00d0")
                      .doesNotContain("doorbell"));
      assertThat(tail.stop()).isZero();

      // WHEN Ctrl-C
      assertThat(cli.stop()).isZero();
      // THEN everything closed cleanly
      assertThat(cli.err()).doesNotContain("Exception");
    }
  }

  @Test
  void aTakenPortFallsBackToAFreeOne() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0);
        CliRun cli = new CliRun()) {
      int port = taken.getLocalPort();
      cli.start("demo", "--port", "" + port, "--tcp-port", "0", "--mock-port", "0", "--rate", "0");
      await()
          .atMost(PATIENT)
          .until(() -> cli.out().contains("events (Ctrl-C to stop):") || cli.exit().isDone());
      assertThat(cli.err()).contains("--port " + port + " is taken; using a free port");
      assertThat(cli.out().lines().findFirst().orElseThrow())
          .matches("dashboard +http://127\\.0\\.0\\.1:\\d+/")
          .doesNotContain(":" + port + "/");
      assertThat(cli.stop()).isZero();
    }
  }
}

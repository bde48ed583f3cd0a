package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MockCloudCommandIT {

  @Test
  void printsOneJsonLineWithTheAdminUrlAndEveryVendor() throws Exception {
    try (CliRun cli = new CliRun()) {
      cli.start("mock-cloud", "--port", "0", "--rest-port", "0");
      await().atMost(PATIENT).until(() -> cli.out().contains("\n") || cli.exit().isDone());

      String first = cli.out().lines().findFirst().orElseThrow();
      JsonObject line = new JsonObject(first);
      String admin = line.getString("admin");
      assertThat(admin).matches("http://127\\.0\\.0\\.1:\\d+/admin");
      assertThat(line.getJsonObject("vendors").fieldNames())
          .contains("simplisafe", "bticino", "home-assistant", "pylight");
      assertThat(line.getJsonObject("vendors").getJsonObject("bticino").getString("socketUrl"))
          .startsWith("ws://127.0.0.1:");
      assertThat(Http.get(admin + "/stats").statusCode()).isEqualTo(200);

      assertThat(cli.stop()).isZero();
      assertThat(cli.err()).doesNotContain("Exception");
    }
  }
}

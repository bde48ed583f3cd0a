package io.cloudbus.mock;

import static io.cloudbus.mock.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MockCloudMainIT {
  @Test
  void printsOneJsonLineWithTheAdminUrlAndEveryVendor() throws Exception {
    Vertx vertx = Vertx.vertx();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      MockCloud cloud =
          MockCloudMain.run(
              vertx,
              MockCloudMain.parse(new String[] {"--port", "0"})
                  .emulations(List.of(new EchoEmulation())),
              new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String out = bytes.toString(StandardCharsets.UTF_8);
      assertThat(out.lines()).hasSize(1);
      JsonObject line = new JsonObject(out.trim());
      assertThat(line.getString("admin")).isEqualTo("http://127.0.0.1:" + cloud.port() + "/admin");
      assertThat(line.getJsonObject("vendors").getJsonObject("echo").getString("socketUrl"))
          .startsWith("ws://127.0.0.1:" + cloud.port() + "/echo/");
      assertThat(new MockCloudAdminClient(line.getString("admin")).stats().containsKey("echo"))
          .isTrue();
      cloud
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(PATIENT_SECONDS, TimeUnit.SECONDS);
    } finally {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }
}

package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {

  @Test
  void eachCallCarriesTheTimeItIsSent() {
    // GIVEN a cycle scripted now, sent (say) on 2026-01-01 at noon
    Instant sent = Instant.parse("2026-01-01T12:00:00Z");
    // WHEN each call is stamped as it is sent
    for (DemoTraffic.Step step : DemoTraffic.script(0)) {
      String body = Json.encode(step.stamped(sent).body());
      // THEN every vendor time in it is the send time, none from the scripting
      if (step.path().startsWith("/simplisafe")) {
        assertThat(body).contains("\"eventTimestamp\":" + sent.getEpochSecond());
      }
      if (body.contains("missed_call") || body.contains("accepted_call")) {
        assertThat(body).contains("\"timestamp\":" + sent.getEpochSecond());
      }
      if (step.path().startsWith("/generic/home-assistant")) {
        assertThat(body).contains("\"time_fired\":\"2026-01-01T12:00:00Z\"");
        assertThat(body).doesNotContainPattern("\"last_changed\":\"(?!2026-01-01T12:00:00Z)");
      }
    }
    // AND the script itself is not changed
    DemoTraffic.Step first = DemoTraffic.script(0).get(0);
    first.stamped(sent);
    assertThat(Json.encode(first.body()))
        .doesNotContain("\"eventTimestamp\":" + sent.getEpochSecond());
  }
}

package io.cloudbus.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.mock.MockCloudAdminClient.AdminException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MockCloudAdminIT {
  @RegisterExtension
  static MockCloudExtension mock = new MockCloudExtension(List.of(new EchoEmulation()));

  private static void assertStatus(Runnable call, int status, String errorPart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.status()).isEqualTo(status))
        .hasMessageContaining(errorPart);
  }

  @Test
  void statsListEveryVendorWithTheStandardCounters() {
    JsonObject echo = mock.admin().stats().getJsonObject("echo");
    assertThat(echo.fieldNames())
        .contains("connections", "handshakes", "logins", "refreshes", "pushed");
    assertThat(echo.getLong("pushed")).isZero();
  }

  @Test
  void faultsMergeAndReadBack() {
    mock.admin().faults("echo", new JsonObject().put("silent", true));
    JsonObject merged =
        mock.admin().faults("echo", new JsonObject().put("latencyMs", 5).put("dropJoins", true));
    assertThat(merged)
        .isEqualTo(new JsonObject().put("silent", true).put("latencyMs", 5).put("dropJoins", true));
    JsonObject cleared = mock.admin().faults("echo", new JsonObject().putNull("silent"));
    assertThat(cleared.containsKey("silent")).isFalse();
    assertThat(mock.admin().clearFaults("echo")).isEqualTo(new JsonObject());
    assertThat(mock.cloud().context("echo").faults()).isEqualTo(Faults.NONE);
  }

  @Test
  void badInputIs400WithAnErrorNamingTheProblem() {
    assertStatus(
        () -> mock.admin().send("PUT", "/echo/faults", "{not json"), 400, "not valid JSON");
    assertStatus(
        () -> mock.admin().faults("echo", new JsonObject().put("bogus", 1)),
        400,
        "unknown fault field: bogus");
    assertStatus(
        () -> mock.admin().faults("echo", new JsonObject().put("silent", "yes")),
        400,
        "silent must be a boolean");
    assertStatus(
        () -> mock.admin().faults("echo", new JsonObject().put("handshakeStatus", 42)),
        400,
        "handshakeStatus");
    assertStatus(() -> mock.admin().send("PUT", "/echo/faults", "[1]"), 400, "JSON object");
    assertStatus(
        () -> mock.admin().post("/echo/disconnect", new JsonObject().put("mode", "explode")),
        400,
        "mode");
    assertStatus(
        () -> mock.admin().post("/echo/disconnect", new JsonObject().put("code", 99)), 400, "code");
    assertStatus(
        () -> mock.admin().post("/echo/disconnect", new JsonObject().put("extra", 1)),
        400,
        "unknown field: extra");
    assertStatus(() -> mock.admin().post("/echo/events", new JsonArray().add(1)), 400, "element 0");
    assertStatus(() -> mock.admin().post("/echo/events", null), 400, "JSON body is required");
    assertStatus(
        () -> mock.admin().post("/echo/events", "[" + "{},".repeat(400_000) + "{}]"),
        413,
        "body larger than");
    // the faults were left untouched by every rejected call
    assertThat(mock.cloud().context("echo").faults()).isEqualTo(Faults.NONE);
  }

  @Test
  void unknownVendorsAndRoutesAre404() {
    assertStatus(() -> mock.admin().faults("nope", new JsonObject()), 404, "unknown vendor: nope");
    assertStatus(
        () -> mock.admin().disconnect("nope", DisconnectMode.CLOSE, null),
        404,
        "unknown vendor: nope");
    assertStatus(
        () -> mock.admin().post("/nope/events", new JsonObject()), 404, "unknown vendor: nope");
    assertStatus(
        () -> mock.admin().post("/echo/nothing-here", new JsonObject()), 404, "no admin route");
  }

  @Test
  void vendorRoutesAreAlsoMountedUnderTheirAliases() {
    JsonObject result = mock.admin().post("/group/echo/events", new JsonObject().put("n", 1));
    assertThat(result).isEqualTo(new JsonObject().put("pushed", 1).put("sockets", 0));
  }

  @Test
  void describeNamesTheAdminUrlAndEveryVendorsEndpoints() {
    JsonObject line = mock.cloud().describe();
    assertThat(line.getString("admin")).isEqualTo(mock.cloud().adminUrl());
    JsonObject echo = line.getJsonObject("vendors").getJsonObject("echo");
    assertThat(echo.getString("socketUrl")).isEqualTo(mock.cloud().wsBaseUrl() + "/echo/ws");
    assertThat(echo.getString("tokenUrl"))
        .isEqualTo(mock.cloud().restBaseUrl() + "/echo/oauth/token");
    assertThat(mock.admin().send("GET", "", null)).isEqualTo(line);
  }
}

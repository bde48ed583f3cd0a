package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" against the demo: {@code cloudbus demo}, then {@code cloudbus command
 * simplisafe/demo arm_away} with no token arms the mock system (the push socket reports the exit
 * delay, then armed away; {@code GET /api/devices} shows it; the audit event names the demo's
 * token), the same for the BTicino door lock and a Home Assistant service; the demo's state file is
 * owner-only and gone after Ctrl-C; a request that does not present the demo's token is refused.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoCommandsIT {

  @TempDir Path runtimeDir;

  @Test
  void commandsWithoutATokenReachTheDemoAndNobodyElsesRequests() throws Exception {
    try (CliRun demo = new CliRun();
        CliRun user = new CliRun()) {
      demo.env.put("XDG_RUNTIME_DIR", runtimeDir.toString());
      user.env.put("XDG_RUNTIME_DIR", runtimeDir.toString());
      // GIVEN the demo, no scripted traffic
      demo.start("demo", "--port", "0", "--tcp-port", "0", "--mock-port", "0", "--rate", "0");
      await()
          .atMost(PATIENT)
          .until(() -> demo.out().contains("events (Ctrl-C to stop):") || demo.exit().isDone());
      // THEN the banner says how to send commands, after the URLs
      assertThat(demo.out().lines().toList()).contains(DemoCommand.COMMANDS_LINE);
      assertThat(demo.out().lines().findFirst().orElse("")).startsWith("dashboard ");
      String base = line(demo.out(), "dashboard").replaceFirst("/$", "");
      String mockAdmin = line(demo.out(), "mock admin");
      // AND the state file holds the URL and token, readable by this user only
      Path file = runtimeDir.resolve("cloudbus").resolve(DemoStateFile.FILE_NAME);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      JsonObject state = new JsonObject(Files.readString(file));
      assertThat(state.getString("url")).isEqualTo(base);
      String token = state.getString("token");
      assertThat(token).hasSize(64);
      Http.send(
          "PUT",
          mockAdmin + "/simplisafe/system",
          new JsonObject().put("settings", new JsonObject().put("exitDelayAway", 1)).encode());

      // WHEN arm_away is sent with no token and no --url (once the account is connected)
      await()
          .atMost(PATIENT)
          .until(() -> user.execute("command", "simplisafe/demo", "arm_away") == 0);
      // THEN the mock system counts down its exit delay, then is armed away
      assertThat(user.out()).contains("\"ok\":true").contains("\"state\":\"AWAY\"");
      assertThat(alarmState(mockAdmin)).isIn("AWAY_COUNT", "AWAY");
      await().atMost(PATIENT).until(() -> "AWAY".equals(alarmState(mockAdmin)));
      // AND the push socket reports the exit delay, then armed away (the demo prints both)
      await()
          .atMost(PATIENT)
          .until(
              () ->
                  demo.out().contains("security.exit_delay")
                      && demo.out().contains("security.armed_away"));
      assertThat(demo.out().indexOf("security.exit_delay"))
          .isLessThan(demo.out().indexOf("security.armed_away"));
      // AND GET /api/devices shows it, with no token (reads are open in the demo)
      await()
          .atMost(PATIENT)
          .until(
              () ->
                  "AWAY"
                      .equals(
                          device(base, "simplisafe:demo:system-98765")
                              .getJsonObject("state")
                              .getString("alarmState")));
      // AND the audit event names the demo's token
      await().atMost(PATIENT).until(() -> audit(base, "arm_away") != null);
      assertThat(audit(base, "arm_away").getJsonObject("data").getString("sender"))
          .isEqualTo(DemoCommand.DEMO_TOKEN_NAME);

      // WHEN the BTicino door is unlocked and a Home Assistant service called, the same way
      assertThat(user.execute("command", "--url", base, "bticino/demo", "unlock_door")).isZero();
      assertThat(
              user.execute(
                  "command",
                  "home-assistant/demo",
                  "call_service",
                  "domain=light",
                  "service=turn_on",
                  "service_data={\"entity_id\":\"light.kitchen\"}"))
          .isZero();
      // THEN the lock is open and both are audited
      assertThat(
              devices(base, "?vendor=bticino&type=lock")
                  .getJsonObject(0)
                  .getJsonObject("state")
                  .getBoolean("locked"))
          .isFalse();
      await()
          .atMost(PATIENT)
          .until(() -> audit(base, "unlock_door") != null && audit(base, "call_service") != null);

      // AND a request that does not present the demo's token may read but not command
      HttpResponse<String> foreign = post(base, null);
      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(new JsonObject(foreign.body()).getJsonObject("error").getString("message"))
          .contains("no token was sent");
      assertThat(post(base, "not-the-demo-token").statusCode()).isEqualTo(401);
      // AND so does cloudbus command with --url of another service (the demo's token stays home)
      try (CliRun stranger = new CliRun()) {
        stranger.env.put("XDG_RUNTIME_DIR", runtimeDir.resolve("elsewhere").toString());
        assertThat(stranger.execute("command", "--url", base, "simplisafe/demo", "disarm"))
            .isEqualTo(1);
        assertThat(stranger.err()).contains("command: forbidden: no token was sent");
      }
      assertThat(alarmState(mockAdmin)).isEqualTo("AWAY");

      // WHEN the demo stops, THEN its state file is gone
      assertThat(demo.stop()).isZero();
      assertThat(file).doesNotExist();
    }
  }

  private static String alarmState(String mockAdmin) throws Exception {
    return new JsonObject(Http.get(mockAdmin + "/simplisafe/system").body())
        .getString("alarmState");
  }

  private static String line(String out, String label) {
    return out.lines()
        .filter(l -> l.startsWith(label + " "))
        .findFirst()
        .orElseThrow()
        .substring(label.length())
        .trim();
  }

  private static JsonObject device(String base, String id) throws Exception {
    return new JsonObject(Http.get(base + "/api/devices/" + id).body());
  }

  private static JsonArray devices(String base, String query) throws Exception {
    return new JsonObject(Http.get(base + "/api/devices" + query).body()).getJsonArray("devices");
  }

  /** The audit event of {@code action}, from {@code GET /api/events}, or null. */
  private static JsonObject audit(String base, String action) throws Exception {
    JsonObject page =
        new JsonObject(Http.get(base + "/api/events?type=command.succeeded&limit=100").body());
    for (Object o : page.getJsonArray("events")) {
      JsonObject e = (JsonObject) o;
      if ("io.cloudbus.command.succeeded".equals(e.getString("type"))
          && action.equals(e.getJsonObject("data").getString("action"))) {
        return e;
      }
    }
    return null;
  }

  private static HttpResponse<String> post(String base, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/api/accounts/simplisafe/demo/commands"))
            .timeout(PATIENT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"disarm\"}"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.generic.GenericAdapterProvider;
import io.cloudbus.mock.MockCloudAdminClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Commands and device state through the service against the mock cloud, one account per vendor:
 * REST and the TCP bridge with a command token, a read token refused on both, the device API, and
 * the audit events naming the token.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ControlIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PATIENT).build();
  private static ControlFixture fx;
  private static MockCloudAdminClient admin;
  private static GatewayService service;
  private static List<JsonObject> EVENTS;

  @BeforeAll
  static void start() throws Exception {
    fx =
        new ControlFixture(
            TestEvents.options()
                .tokens(
                    List.of(
                        ApiToken.ofPlain("ops", "ops-secret", Set.of(Role.READ, Role.COMMAND)),
                        ApiToken.ofPlain("viewer", "viewer-secret", Set.of(Role.READ))))
                .build());
    admin = fx.admin;
    service = fx.service;
    EVENTS = fx.events;
    admin.send(
        "PUT",
        "/simplisafe/system",
        new JsonObject().put("settings", new JsonObject().put("exitDelayAway", 1)).encode());
    JsonObject ha = fx.mock.endpoints("home-assistant");
    fx.withSimpliSafe()
        .withBticino()
        .deploy(
            new GenericAdapterProvider(),
            new JsonObject()
                .put("adapter", "generic")
                .put("profile", "home-assistant")
                .put("account", "home")
                .put("url", ha.getString("url"))
                .put("token", ha.getString("token")))
        .connected();
    await().atMost(PATIENT).until(() -> devices("").size() >= 8);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  static HttpResponse<String> post(String path, String bearer, JsonObject body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
            .timeout(PATIENT)
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonArray devices(String query) {
    return new JsonObject(
            Http.get(service.httpPort(), "/api/devices" + query, "viewer-secret").body())
        .getJsonArray("devices");
  }

  static JsonObject device(String id) {
    return new JsonObject(
        Http.get(
                service.httpPort(),
                "/api/devices/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                "viewer-secret")
            .body());
  }

  @Test
  void restCommandsArmUnlockAndCallServices() throws Exception {
    // WHEN arming away over REST with a command token
    HttpResponse<String> armed =
        post(
            "/api/accounts/simplisafe/demo/commands",
            "ops-secret",
            new JsonObject().put("action", "arm_away"));
    // THEN ok, and the device API shows the system arming, then armed
    assertThat(armed.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(armed.body()).getJsonObject("result").getString("state"))
        .isEqualTo("AWAY");
    await()
        .atMost(PATIENT)
        .until(
            () ->
                "AWAY"
                    .equals(
                        device("simplisafe:demo:system-98765")
                            .getJsonObject("state")
                            .getString("alarmState")));
    // AND the audit event names the token, never a secret
    await()
        .atMost(PATIENT)
        .until(
            () ->
                EVENTS.stream()
                    .anyMatch(
                        e ->
                            "io.cloudbus.command.succeeded".equals(e.getString("type"))
                                && "ops".equals(e.getJsonObject("data").getString("sender"))));
    assertThat(EVENTS.toString()).doesNotContain("ops-secret");
    // the BTicino door lock
    HttpResponse<String> unlocked =
        post(
            "/api/accounts/bticino/home/commands",
            "ops-secret",
            new JsonObject().put("action", "unlock_door"));
    assertThat(new JsonObject(unlocked.body()).getJsonObject("result").getBoolean("locked"))
        .isFalse();
    assertThat(
            devices("?vendor=bticino&type=lock")
                .getJsonObject(0)
                .getJsonObject("state")
                .getBoolean("locked"))
        .isFalse();
    // a Home Assistant service
    HttpResponse<String> called =
        post(
            "/api/accounts/home-assistant/home/commands",
            "ops-secret",
            new JsonObject()
                .put("action", "call_service")
                .put("domain", "light")
                .put("service", "turn_on")
                .put("service_data", new JsonObject().put("entity_id", "light.kitchen")));
    assertThat(called.statusCode()).isEqualTo(200);
    // a vendor failure is named with its HTTP status
    admin.faults("simplisafe", new JsonObject().put("noRemoteManagement", true));
    HttpResponse<String> refused =
        post(
            "/api/accounts/simplisafe/demo/commands",
            "ops-secret",
            new JsonObject().put("action", "disarm"));
    admin.clearFaults("simplisafe");
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("code"))
        .isEqualTo("no_remote_management");
    // an unknown account and a bad body
    assertThat(
            post(
                    "/api/accounts/simplisafe/nobody/commands",
                    "ops-secret",
                    new JsonObject().put("action", "disarm"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            post("/api/accounts/simplisafe/demo/commands", "ops-secret", new JsonObject())
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void aReadTokenIsRefusedOnRestAndTheTcpBridge() throws Exception {
    HttpResponse<String> rest =
        post(
            "/api/accounts/simplisafe/demo/commands",
            "viewer-secret",
            new JsonObject().put("action", "disarm"));
    assertThat(rest.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(rest.body()).getJsonObject("error").getString("code"))
        .isEqualTo("forbidden");
    try (TcpTestClient tcp = new TcpTestClient(service.tcpPort())) {
      tcp.send(
          new JsonObject()
              .put("type", "send")
              .put("address", CloudbusAddresses.command("bticino", "home"))
              .put("replyAddress", "r1")
              .put("headers", new JsonObject().put("token", "viewer-secret"))
              .put("body", new JsonObject().put("action", "unlock_door")));
      JsonObject err = tcp.awaitFrame(f -> "err".equals(f.getString("type")));
      assertThat(err.encode()).doesNotContain("\"ok\":true");
    }
    assertThat(admin.send("GET", "/bticino/modules", null).getJsonObject("aabbcc-0001-0000000001"))
        .isNotNull();
  }

  @Test
  void theTcpBridgeCarriesCommandsWithTheEnvelope() throws Exception {
    try (TcpTestClient tcp = new TcpTestClient(service.tcpPort())) {
      tcp.send(
          new JsonObject()
              .put("type", "send")
              .put("address", CloudbusAddresses.command("bticino", "home"))
              .put("replyAddress", "r2")
              .put(
                  "headers",
                  new JsonObject().put("token", "ops-secret").put("cloudbus-sender", "mallory"))
              .put("body", new JsonObject().put("action", "light_on")));
      JsonObject reply = tcp.awaitFrame(f -> "r2".equals(f.getString("address")));
      assertThat(reply.getJsonObject("body").getBoolean("ok")).isTrue();
      assertThat(reply.getJsonObject("body").getJsonObject("result").getBoolean("on")).isTrue();
    }
    assertThat(
            device("bticino:home:aabbcc-0003-0000000003").getJsonObject("state").getBoolean("on"))
        .isTrue();
    assertThat(devices("?vendor=simplisafe&type=lock")).hasSize(1);
    // the audit names the token's owner, not what the client claimed
    await()
        .atMost(PATIENT)
        .until(
            () ->
                EVENTS.stream()
                    .anyMatch(
                        e ->
                            "io.cloudbus.command.succeeded".equals(e.getString("type"))
                                && "light_on".equals(e.getJsonObject("data").getString("action"))
                                && "ops".equals(e.getJsonObject("data").getString("sender"))));
    assertThat(EVENTS.toString()).doesNotContain("mallory");
    assertThat(Http.get(service.httpPort(), "/api/devices/nope:x:y", "viewer-secret").statusCode())
        .isEqualTo(404);
  }

  @Test
  void theDashboardShowsEachAccountsDevices() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/chromium"))
            && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
        "chromium and chromium-driver are not installed");
    Path profile = Files.createTempDirectory("cloudbus-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--user-data-dir=" + profile);
    WebDriver driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build(),
            options);
    try {
      driver.get("http://127.0.0.1:" + service.httpPort() + "/?token=viewer-secret");
      String lock = "tr.device[data-device='bticino:home:aabbcc-0002-0000000002'] .state";
      await().atMost(PATIENT).until(() -> !driver.findElements(By.cssSelector(lock)).isEmpty());
      assertThat(driver.findElements(By.cssSelector("[data-account='simplisafe/demo'] tr.device")))
          .hasSizeGreaterThanOrEqualTo(5);
      // WHEN the lock changes THEN the page follows
      post(
          "/api/accounts/bticino/home/commands",
          "ops-secret",
          new JsonObject().put("action", "lock_door"));
      await()
          .atMost(PATIENT)
          // the table is drawn again on every device change: an element found may go stale
          .ignoreException(StaleElementReferenceException.class)
          .until(() -> driver.findElement(By.cssSelector(lock)).getText().startsWith("locked"));
      post(
          "/api/accounts/bticino/home/commands",
          "ops-secret",
          new JsonObject().put("action", "unlock_door"));
      await()
          .atMost(PATIENT)
          // the table is drawn again on every device change: an element found may go stale
          .ignoreException(StaleElementReferenceException.class)
          .until(() -> driver.findElement(By.cssSelector(lock)).getText().startsWith("unlocked"));
    } finally {
      driver.quit();
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}

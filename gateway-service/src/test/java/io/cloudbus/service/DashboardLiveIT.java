package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static io.cloudbus.service.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.bticino.BticinoAdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.DisconnectMode;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard in a real headless Chromium against a real adapter and the mock cloud: the token
 * expiry of a real account, then a real failure (the mock refuses the upgrade with 429 and drops
 * the socket) shown with its reason in words, the attempt and the retry countdown, and the recovery
 * when the fault ends, all without a reload.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DashboardLiveIT {

  private static final String CARD = "[data-account='bticino/flat']";

  private MockCloud mock;
  private GatewayService service;
  private Browser browser;

  @BeforeEach
  void startBrowser() throws Exception {
    browser = Browser.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (service != null) {
      service.close().await();
    }
    if (mock != null) {
      mock.close().await();
    }
  }

  private void until(Callable<Boolean> condition) {
    await().atMost(PATIENT).until(condition);
  }

  private CloudSocket deployBticino(Vertx vertx) throws Exception {
    JsonObject bt = mock.endpoints("bticino");
    JsonObject demo = bt.getJsonObject("demo");
    JsonObject config =
        new JsonObject()
            .put("adapter", "bticino")
            .put("account", "flat")
            .put("username", demo.getString("username"))
            .put("password", demo.getString("password"))
            .put("clientId", demo.getString("clientId"))
            .put("clientSecret", demo.getString("clientSecret"))
            .put(
                "endpoints",
                new JsonObject()
                    .put("tokenUrl", bt.getString("tokenUrl"))
                    .put("apiBaseUrl", bt.getString("apiBaseUrl"))
                    .put("socketUrl", bt.getString("socketUrl")))
            // a refused upgrade (429) waits 15-20 s: long enough to watch the countdown
            .put(
                "socket",
                new JsonObject()
                    .put("rateLimitedMinDelayMs", 15_000)
                    .put("rateLimitedMaxDelayMs", 20_000));
    CloudSocket socket = new BticinoAdapterProvider().create(vertx, config, TokenStore.inMemory());
    service.attach(socket);
    vertx.deployVerticle(socket).await(PATIENT_SECONDS, TimeUnit.SECONDS);
    return socket;
  }

  private int apiDevices() {
    return new JsonObject(Http.get(service.httpPort(), "/api/devices?vendor=bticino").body())
        .getJsonArray("devices")
        .size();
  }

  private JsonObject apiAccount() throws Exception {
    JsonArray list = new JsonArray(Http.get(service.httpPort(), "/api/accounts").body());
    return list.isEmpty() ? new JsonObject() : list.getJsonObject(0);
  }

  @Test
  void aRealAccountShowsItsTokenThenAFailureWithItsReasonAndRecoversWithoutAReload(Vertx vertx)
      throws Exception {
    // GIVEN the mock cloud, the service and a real BTicino account, connected
    mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    MockCloudAdminClient admin = MockCloudAdminClient.of(mock);
    service = GatewayService.start(vertx, TestEvents.options().build()).await();
    CloudSocket socket = deployBticino(vertx);
    await().atMost(PATIENT).until(() -> socket.state() == ConnectionState.CONNECTED);

    // THEN /api/accounts and /health say when its access token expires, and no token
    until(() -> apiAccount().getString("tokenExpiresAt") != null);
    JsonObject account = apiAccount();
    Instant expires = Instant.parse(account.getString("tokenExpiresAt"));
    assertThat(expires).isAfter(Instant.now());
    assertThat(Instant.parse(account.getString("tokenRefreshedAt"))).isBefore(expires);
    assertThat(socket.status().getString("tokenExpiresAt")).isEqualTo(expires.toString());
    JsonObject health =
        new JsonObject(Http.get(service.httpPort(), "/health").body())
            .getJsonArray("accounts")
            .getJsonObject(0);
    assertThat(health.getString("tokenExpiresAt")).isEqualTo(expires.toString());

    for (int width : new int[] {1400, 360}) {
      // WHEN the page is open and the account's detail shown
      browser.viewport(width, 900);
      browser.driver.get("http://127.0.0.1:" + service.httpPort() + "/");
      until(() -> "live".equals(browser.text("#link-text")));
      until(() -> "connected".equals(browser.text(CARD + " .state")));
      browser.js("window.__samePage = true;");
      browser.click(CARD);
      until(() -> browser.shown("#detail"));

      // THEN it shows until when the token is valid, in local time, and when it was refreshed
      String validUntil =
          (String) browser.js("return window.cloudbus.dateTime(arguments[0]);", expires.toString());
      until(() -> browser.text("#detail [data-token]") != null);
      assertThat(browser.text("#detail [data-token]"))
          .startsWith("valid until " + validUntil + " (in ")
          .endsWith("refreshed automatically before then");
      assertThat(browser.text("#detail")).contains("Last token refresh").contains(" ago)");
      // AND the account's devices, as /api/devices has them
      until(() -> apiDevices() > 0 && browser.count("#detail li.detail-device") == apiDevices());
      browser.screenshot("dashboard-live-token-" + width);

      // WHEN the cloud refuses the upgrade with 429 and drops the socket
      admin.faults("bticino", new JsonObject().put("handshakeStatus", 429));
      admin.disconnect("bticino", DisconnectMode.ABORT, null);

      // THEN the page shows backoff, the reason in words, the attempt and a live countdown
      until(() -> "backoff".equals(browser.text(CARD + " .state")));
      until(() -> String.valueOf(browser.text(CARD + " .reason")).contains("HTTP 429"));
      String reason = browser.text(CARD + " .reason");
      assertThat(reason)
          .isEqualTo("WebSocket upgrade refused with HTTP 429")
          .doesNotContainPattern("[A-Z][a-zA-Z]+(Exception|Error)|java\\.|io\\.");
      until(
          () ->
              String.valueOf(browser.text(CARD + " .retry"))
                  .matches("attempt \\d+ · next try in \\d+s"));
      int first = secondsLeft(browser.text(CARD + " .retry"));
      until(() -> secondsLeft(browser.text(CARD + " .retry")) < first);
      assertThat(browser.text("#detail")).contains("HTTP 429").contains("rate_limited");
      assertThat(browser.count("#detail tr.hist.st-backoff")).isGreaterThanOrEqualTo(1);
      assertThat((Long) browser.js("return document.documentElement.scrollWidth - innerWidth;"))
          .as("horizontal overflow at %d px", width)
          .isLessThanOrEqualTo(0);
      browser.screenshot("dashboard-live-backoff-" + width);

      // WHEN the fault ends THEN the next try connects and the same page says connected
      admin.clearFaults("bticino");
      until(() -> "connected".equals(browser.text(CARD + " .state")));
      assertThat(browser.text(CARD + " .reason")).isNull();
      assertThat(browser.text(CARD + " .retry")).isNull();
      assertThat(browser.js("return window.__samePage === true;")).isEqualTo(true);
      // AND the detail counts the reconnect and says what caused it
      until(
          () ->
              String.valueOf(browser.text("#detail"))
                  .contains("Reconnects seen\n1 · the last one after: connection"));
      browser.click("#detail-close");
    }
  }

  @Test
  void anExpiredTokenSaysSoAndWhatHappensNext(Vertx vertx) {
    // GIVEN an account whose token expired ten minutes ago and whose renewal was refused
    service = GatewayService.start(vertx, TestEvents.options().build()).await();
    Instant expired = Instant.now().minusSeconds(600);
    TestEvents.status(
        vertx,
        new JsonObject()
            .put("vendor", "simplisafe")
            .put("account", "home")
            .put("state", "auth_failed")
            .put("since", Instant.now().toString())
            .put("reason", "the refresh token was refused (invalid_grant)")
            .put("failureClass", "auth")
            .put("tokenExpiresAt", expired.toString())
            .put("tokenRefreshedAt", expired.minusSeconds(3600).toString()));
    // WHEN its detail is open
    browser.driver.get("http://127.0.0.1:" + service.httpPort() + "/");
    until(() -> browser.count("[data-account='simplisafe/home']") == 1);
    browser.click("[data-account='simplisafe/home']");
    until(() -> browser.text("#detail [data-token]") != null);
    // THEN it says since when the token is expired and why no new one came
    String at =
        (String) browser.js("return window.cloudbus.dateTime(arguments[0]);", expired.toString());
    assertThat(browser.text("#detail [data-token]"))
        .matches(
            "expired at "
                + java.util.regex.Pattern.quote(at)
                + " \\(10m \\d+s ago\\); the vendor refused to renew it \\(see Why\\)");
    assertThat(browser.text("#detail [data-refreshed]")).contains("1h 10m ago");
  }

  /** The seconds of "attempt 2 · next try in 17s"; 0 when "retrying now" or gone. */
  private static int secondsLeft(String retry) {
    if (retry == null || !retry.matches(".*next try in \\d+s")) {
      return 0;
    }
    return Integer.parseInt(retry.replaceAll(".*next try in (\\d+)s", "$1"));
  }
}

package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard in a real headless Chromium: live data, restarts, phone widths, sign-in. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DashboardIT {

  static final String REASON =
      "connection closed by the server (code 1006) after the connection was reset by the peer;"
          + " the next attempt refreshes the token first";

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
  }

  private boolean until(java.util.concurrent.Callable<Boolean> condition) {
    await().atMost(PATIENT).until(condition);
    return true;
  }

  @Test
  void showsAccountsAndLiveEvents(Vertx vertx) {
    // GIVEN a service with a token and two accounts that reported a status
    service =
        GatewayService.start(vertx, TestEvents.options().addToken("dash-secret", Role.READ).build())
            .await();
    TestEvents.status(vertx, "simplisafe", "home", "connected");
    TestEvents.status(vertx, "bticino", "flat", "backoff");
    JsonObject earlier = TestEvents.publish(vertx, "simplisafe", "home", "security.armed_away");
    await().atMost(PATIENT).until(() -> service.accounts().size() == 2);
    // WHEN the page is opened with the token
    browser.driver.get("http://127.0.0.1:" + service.httpPort() + "/?token=dash-secret");
    assertThat(browser.driver.getTitle()).startsWith("cloudbus");
    // THEN it shows the accounts with their state, the events of the last hour, and goes live
    until(() -> "connected".equals(browser.text("[data-account='simplisafe/home'] .state")));
    assertThat(browser.text("[data-account='bticino/flat'] .state")).isEqualTo("backoff");
    assertThat(browser.text("[data-account='bticino/flat'] .since")).startsWith("for ");
    until(() -> browser.text("tr.ev[data-id='" + earlier.getString("id") + "']") != null);
    // the counters count the events the page shows, not only those since it opened
    until(() -> "1".equals(browser.text("#kpi-total")) && "1".equals(browser.text("#kpi-rate")));
    until(
        () ->
            browser
                .driver
                .findElement(org.openqa.selenium.By.id("link"))
                .getAttribute("class")
                .contains("link-live"));
    // WHEN a status changes: the card follows, and the chart marks it
    TestEvents.status(vertx, "bticino", "flat", "connected");
    until(() -> "connected".equals(browser.text("[data-account='bticino/flat'] .state")));
    until(() -> browser.count("#chart g.mark[data-state='connected']") >= 1);
    // WHEN an event is published: it shows with its full date-time, type, account and subject
    JsonObject event = TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    String row = "tr.ev[data-id='" + event.getString("id") + "']";
    until(() -> browser.text(row) != null);
    assertThat(browser.text(row))
        .contains("doorbell.ring")
        .contains("bticino / flat")
        .contains("dev-1");
    assertThat(browser.text(row + " td.time")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    until(() -> Integer.parseInt(browser.text("#kpi-rate")) >= 2);
    assertThat(browser.text("#kpi-connected")).isEqualTo("2");
    until(() -> browser.count("#chart rect.bar") >= 1);
    // AND a click shows the event as a JSON tree
    browser.click(row);
    until(() -> browser.count("tr.raw li[data-path='data.raw.n']") == 1);
    assertThat(browser.text("tr.raw")).contains(event.getString("id"));
    browser.screenshot("dashboard");
  }

  @Test
  void aRestartUnderAnOpenPageShowsTheFreshStates(Vertx vertx) {
    for (int width : new int[] {1400, 360}) {
      restartUnderAnOpenPage(vertx, width);
    }
  }

  private void restartUnderAnOpenPage(Vertx vertx, int width) {
    // GIVEN an open page that saw an account stop while the service shut down
    service = GatewayService.start(vertx, TestEvents.options().build()).await();
    int port = service.httpPort();
    TestEvents.status(vertx, "simplisafe", "home", "connected");
    browser.viewport(width, 800);
    browser.driver.get("http://127.0.0.1:" + port + "/");
    until(() -> "connected".equals(browser.text("[data-account='simplisafe/home'] .state")));
    TestEvents.status(vertx, "simplisafe", "home", "stopped");
    until(() -> "stopped".equals(browser.text("[data-account='simplisafe/home'] .state")));
    service.close().await();
    service = null;
    until(() -> browser.text("#link-text").startsWith("reconnecting"));
    // WHEN the service comes back on the same port and the account is connected again
    service = GatewayService.start(vertx, TestEvents.options().httpPort(port).build()).await();
    TestEvents.status(vertx, "simplisafe", "home", "connected");
    // THEN the page, back live, shows the fresh state from /api/accounts
    until(() -> "connected".equals(browser.text("[data-account='simplisafe/home'] .state")));
    until(() -> browser.text("#link-text").equals("live"));
    assertThat(browser.text("[data-account='simplisafe/home'] .state")).isEqualTo("connected");
    service.close().await();
    service = null;
  }

  @Test
  void phoneWidthsDoNotOverflowAndTheReasonIsReadableInFull(Vertx vertx) {
    // GIVEN an account in backoff with a long reason, and events with long subjects
    service = GatewayService.start(vertx, TestEvents.options().build()).await();
    TestEvents.status(
        vertx,
        new JsonObject()
            .put("vendor", "home-assistant")
            .put("account", "living-room-and-garden")
            .put("state", "backoff")
            .put("since", Instant.now().toString())
            .put("reason", REASON)
            .put("failureClass", "TRANSIENT")
            .put("attempt", 3)
            .put("nextRetryMs", 3_600_000));
    TestEvents.status(vertx, "simplisafe", "home", "connected");
    JsonObject event =
        TestEvents.publish(
            vertx,
            TestEvents.event(
                "simplisafe", "home", "alarm.triggered", "sensor-front-door-and-hall-window-42"));
    await().atMost(PATIENT).until(() -> service.accounts().size() == 2);
    String card = "[data-account='home-assistant/living-room-and-garden']";
    for (int width : new int[] {1400, 414, 390, 360, 320}) {
      // WHEN the page is shown at that width
      browser.viewport(width, 800);
      browser.driver.get("http://127.0.0.1:" + service.httpPort() + "/");
      until(() -> browser.text(card + " .reason") != null);
      until(() -> browser.text("tr.ev[data-id='" + event.getString("id") + "']") != null);
      // THEN nothing is wider than the screen
      long overflow =
          (Long) browser.js("return document.documentElement.scrollWidth - window.innerWidth;");
      assertThat(overflow).as("horizontal overflow at %d px", width).isLessThanOrEqualTo(0);
      // AND the reason is shown in full, not cut, with the attempt and the next retry
      assertThat(browser.text(card + " .reason")).as("at %d px", width).isEqualTo(REASON);
      assertThat(
              (Boolean)
                  browser.js(
                      "var r = document.querySelector(arguments[0]);"
                          + " return r.scrollWidth <= r.clientWidth && r.scrollHeight <= r.clientHeight + 1;",
                      card + " .reason"))
          .as("reason cut at %d px", width)
          .isTrue();
      assertThat(browser.text(card + " .retry")).startsWith("attempt 3 · next try in ");
      // AND the subject column stays visible
      String subject = "tr.ev[data-id='" + event.getString("id") + "'] td.subject";
      assertThat(browser.shown(subject)).as("subject at %d px", width).isTrue();
      browser.screenshot("dashboard-" + width);
    }
  }

  @Test
  void signInPromptWhenTokensAreConfigured(Vertx vertx) {
    // GIVEN a service with a token and an account
    service =
        GatewayService.start(vertx, TestEvents.options().addToken("dash-secret", Role.READ).build())
            .await();
    TestEvents.status(vertx, "simplisafe", "home", "connected");
    await().atMost(PATIENT).until(() -> service.accounts().size() == 1);
    String base = "http://127.0.0.1:" + service.httpPort() + "/";
    for (int width : new int[] {1400, 320}) {
      signIn(base, width);
    }
  }

  private void signIn(String base, int width) {
    browser.viewport(width, 800);
    browser.driver.get(base + "?token=");
    browser.js("sessionStorage.clear();");
    // WHEN the page is opened without a token: a sign-in form, not a raw 401
    browser.driver.get(base);
    until(() -> browser.shown("#login"));
    assertThat(browser.driver.getPageSource()).doesNotContain("\"unauthorized\"");
    // WHEN a wrong token is entered: it says so
    browser.driver.findElement(org.openqa.selenium.By.id("login-token")).sendKeys("wrong");
    browser.click("#login-form button");
    until(() -> browser.text("#login-error").contains("refused"));
    assertThat(browser.driver.getCurrentUrl()).contains("token=wrong");
    // WHEN the right one is entered: the page opens with ?token= and shows the accounts
    browser.driver.findElement(org.openqa.selenium.By.id("login-token")).sendKeys("dash-secret");
    browser.click("#login-form button");
    until(() -> "connected".equals(browser.text("[data-account='simplisafe/home'] .state")));
    assertThat(browser.driver.getCurrentUrl()).contains("token=dash-secret");
    assertThat(browser.shown("#login")).isFalse();
    // AND the token is kept for this tab only (sessionStorage), never in localStorage or a cookie
    assertThat(browser.js("return sessionStorage.getItem('cloudbus.token');"))
        .isEqualTo("dash-secret");
    assertThat(browser.js("return localStorage.length + document.cookie.length;")).isEqualTo(0L);
    // AND the plain URL in the same tab works without asking again
    browser.driver.get(base);
    until(() -> "connected".equals(browser.text("[data-account='simplisafe/home'] .state")));
    assertThat(browser.shown("#login")).isFalse();
    assertThat((Long) browser.js("return document.documentElement.scrollWidth - innerWidth;"))
        .as("horizontal overflow at %d px", width)
        .isLessThanOrEqualTo(0);
  }
}

package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as an operator uses it, in a real headless Chromium at desktop and phone widths:
 * history, filters, pause and clear, the JSON tree with copy, account detail, keyboard, labels and
 * contrast.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DashboardOperatorIT {

  /** Every form control and button with an accessible name; the offenders' outerHTML. */
  private static final String UNLABELLED =
      "return Array.from(document.querySelectorAll('input,select,button,textarea'))"
          + ".filter(function(e){ if (e.closest('[hidden]')) return false;"
          + " var name = e.getAttribute('aria-label') || (e.labels && e.labels.length"
          + " && e.labels[0].textContent.trim()) || e.textContent.trim();"
          + " return !name; }).map(function(e){ return e.outerHTML.slice(0, 120); });";

  /** Text elements whose contrast against their background is below 4.5:1 (WCAG AA). */
  private static final String LOW_CONTRAST =
      "function rgb(s){ var m = s.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : m.concat([1]); }"
          + "function lum(c){ var a = c.slice(0,3).map(function(v){ v /= 255;"
          + " return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });"
          + " return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }"
          + "function bg(e){ for (; e; e = e.parentElement) { var c = rgb(getComputedStyle(e).backgroundColor);"
          + " if (c[3] > 0.5) return c; } return [255,255,255,1]; }"
          + "var bad = [];"
          + "document.querySelectorAll(arguments[0]).forEach(function(e){"
          + " if (!e.offsetParent || !e.textContent.trim()) return;"
          + " var f = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e));"
          + " var r = (Math.max(f, b) + 0.05) / (Math.min(f, b) + 0.05);"
          + " if (r < 4.5) bad.push(e.className + ' ' + e.textContent.trim().slice(0, 30) + ' ' + r.toFixed(2)); });"
          + "return bad;";

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

  private void until(Callable<Boolean> condition) {
    await().atMost(PATIENT).until(condition);
  }

  private String row(JsonObject event) {
    return "tr.ev[data-id='" + event.getString("id") + "']";
  }

  private void open(int width) {
    browser.viewport(width, 900);
    browser.driver.get("http://127.0.0.1:" + service.httpPort() + "/");
    until(() -> "live".equals(browser.text("#link-text")));
  }

  @Test
  void historyFiltersPauseClearAndTheJsonTree(Vertx vertx) {
    for (int width : new int[] {1400, 360}) {
      // GIVEN events of two vendors sent before the page opened, one 20 minutes old
      service = GatewayService.start(vertx, TestEvents.options().build()).await();
      JsonObject old =
          TestEvents.publish(
              vertx,
              TestEvents.event("bticino", "flat", "doorbell.ring", "door")
                  .put("time", Instant.now().minusSeconds(20 * 60).toString()));
      JsonObject alarm = TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
      JsonObject unmapped = TestEvents.publish(vertx, "bticino", "flat", "unmapped");
      await().atMost(PATIENT).until(() -> HttpEvents.count(service.httpPort()) == 3);
      // WHEN the page opens: the history is there (from /api/events), counted by event time
      open(width);
      until(() -> browser.count("tr.ev") == 3);
      until(() -> "3".equals(browser.text("#kpi-total")) && "2".equals(browser.text("#kpi-rate")));
      assertThat(
              browser.js(
                  "return document.querySelector(arguments[0]).title;",
                  row(unmapped) + " .ev-open"))
          .asString()
          .contains("no name for");
      // THEN the filters narrow the list: vendor, account, type prefix, text
      new Select(browser.driver.findElement(By.id("f-vendor"))).selectByValue("bticino");
      until(() -> browser.count("tr.ev") == 2);
      browser.driver.findElement(By.id("f-type")).sendKeys("doorbell.");
      until(() -> browser.count("tr.ev") == 1 && browser.text(row(old)) != null);
      browser.driver.findElement(By.id("f-type")).clear();
      new Select(browser.driver.findElement(By.id("f-vendor"))).selectByValue("");
      browser.driver.findElement(By.id("filter")).sendKeys(alarm.getString("id"));
      until(() -> browser.count("tr.ev") == 1 && browser.text(row(alarm)) != null);
      browser.driver.findElement(By.id("filter")).clear();
      new Select(browser.driver.findElement(By.id("f-account"))).selectByValue("home");
      until(() -> browser.count("tr.ev") == 1);
      new Select(browser.driver.findElement(By.id("f-account"))).selectByValue("");
      until(() -> browser.count("tr.ev") == 3);
      // WHEN paused: a new event waits, and shows on resume
      browser.click("#pause");
      JsonObject held = TestEvents.publish(vertx, "simplisafe", "home", "lock.locked");
      until(() -> "Resume (1 new)".equals(browser.text("#pause")));
      assertThat(browser.text(row(held))).isNull();
      browser.click("#pause");
      until(() -> browser.text(row(held)) != null);
      // WHEN an event is opened: an expandable tree, with copy of a path and of a value
      browser.click(row(alarm) + " .ev-open");
      String leaf = "tr.raw li[data-path='data.raw.n']";
      until(() -> browser.count(leaf) == 1);
      browser.click(leaf + " .copy-path");
      until(() -> "Copied path data.raw.n".equals(browser.text("#copy-status")));
      browser.click(leaf + " .copy-value");
      until(() -> "Copied value of data.raw.n".equals(browser.text("#copy-status")));
      browser.click("tr.raw li[data-path='data'] > .jt-line .jt-toggle");
      until(() -> !browser.shown(leaf));
      // WHEN cleared: the list is empty, new events still come
      browser.click("#clear");
      until(() -> browser.count("tr.ev") == 0);
      JsonObject after = TestEvents.publish(vertx, "bticino", "flat", "call.ended");
      until(() -> browser.text(row(after)) != null);
      browser.screenshot("dashboard-events-" + width);
      service.close().await();
      service = null;
    }
  }

  @Test
  void accountDetailKeyboardLabelsAndContrast(Vertx vertx) throws Exception {
    // GIVEN an account that connected, failed with a reason, and had an event
    service = GatewayService.start(vertx, TestEvents.options().build()).await();
    TestEvents.status(vertx, "simplisafe", "home", "connected");
    for (int width : new int[] {1400, 320}) {
      open(width);
      until(() -> browser.count("[data-account='simplisafe/home']") == 1);
      TestEvents.status(
          vertx,
          new JsonObject()
              .put("vendor", "simplisafe")
              .put("account", "home")
              .put("state", "backoff")
              .put("since", Instant.now().toString())
              .put("reason", "connection refused")
              .put("failureClass", "TRANSIENT")
              .put("attempt", 1)
              .put("nextRetryMs", 60_000));
      JsonObject event = TestEvents.publish(vertx, "simplisafe", "home", "security.disarmed");
      until(() -> browser.text(row(event)) != null);
      until(() -> "backoff".equals(browser.text("[data-account='simplisafe/home'] .state")));
      // WHEN the account card is reached with the keyboard and opened with Enter
      WebElement body = browser.driver.findElement(By.tagName("body"));
      body.click();
      boolean reached = false;
      for (int i = 0; i < 40 && !reached; i++) {
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        reached =
            "simplisafe/home"
                .equals(browser.driver.switchTo().activeElement().getAttribute("data-account"));
      }
      assertThat(reached).as("account card reachable with Tab").isTrue();
      browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
      // THEN the detail shows the state history with reasons, the last event, recent events
      until(() -> browser.shown("#detail"));
      String detail = browser.text("#detail");
      assertThat(detail)
          .contains("simplisafe/home")
          .contains("connection refused")
          .contains("TRANSIENT")
          .contains("attempt 1")
          .contains("security.disarmed");
      assertThat(browser.count("#detail tr.hist")).isGreaterThanOrEqualTo(2);
      assertThat(browser.text("#detail tr.hist.st-connected")).contains("connected");
      assertThat((Long) browser.js("return document.documentElement.scrollWidth - innerWidth;"))
          .as("horizontal overflow at %d px", width)
          .isLessThanOrEqualTo(0);
      // AND every control has a name, and the text has a contrast of at least 4.5:1
      assertThat((List<?>) browser.js(UNLABELLED)).isEmpty();
      assertThat(
              (List<?>)
                  browser.js(
                      LOW_CONTRAST,
                      ".kpi-label,.kpi-value,.badge,.since,.reason,.retry,.events th,.events td,"
                          + ".note,.btn,.facts dt,.facts dd,label,h2,.vendor,.name"))
          .isEmpty();
      assertThat(browser.js("return document.documentElement.lang;")).isEqualTo("en");
      browser.screenshot("dashboard-detail-" + width);
      browser.click("#detail-close");
      TestEvents.status(vertx, "simplisafe", "home", "connected");
    }
    // AND the favicon is served
    HttpResponse<String> icon =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.httpPort() + "/favicon.ico"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
  }

  /** Answers the page's /api/events calls with journal pages: j3, j2, then (cursor c1) j1. */
  private static final String JOURNAL =
      "window.__queries = []; var real = window.fetch;"
          + "function ev(id, minutes) { return {specversion: '1.0', id: id,"
          + " source: '/cloudbus/simplisafe/home', type: 'io.cloudbus.alarm.triggered',"
          + " subject: 's-' + id, time: new Date(Date.now() - minutes * 60000).toISOString(),"
          + " vendor: 'simplisafe', account: 'home', data: {raw: {}}}; }"
          + "window.fetch = function (url) {"
          + " if (String(url).indexOf('/api/events') !== 0) return real.apply(this, arguments);"
          + " window.__queries.push(String(url));"
          + " var body = String(url).indexOf('cursor=c1') >= 0 ? {events: [ev('j1', 30)], next: null}"
          + "   : {events: [ev('j3', 2), ev('j2', 10)], next: 'c1'};"
          + " return Promise.resolve(new Response(JSON.stringify(body),"
          + "   {status: 200, headers: {'Content-Type': 'application/json'}})); };";

  @Test
  void readsTheJournalPageAndFollowsItsCursor(Vertx vertx) {
    // GIVEN the page, with /api/events answering as the journal does
    service = GatewayService.start(vertx, TestEvents.options().build()).await();
    open(1400);
    browser.js(JOURNAL);
    // WHEN the history of the last hour is loaded for one vendor
    browser.click("#filters button[type='submit']");
    // THEN the page shows the page's events and offers the older ones
    until(() -> browser.text("tr.ev[data-id='j3']") != null);
    assertThat(browser.text("tr.ev[data-id='j2']")).isNotNull();
    until(() -> browser.shown("#older"));
    browser.click("#older");
    until(() -> browser.text("tr.ev[data-id='j1']") != null);
    until(() -> !browser.shown("#older"));
    List<?> queries = (List<?>) browser.js("return window.__queries;");
    assertThat(queries.get(0).toString()).contains("limit=200").contains("since=");
    assertThat(queries.get(1).toString()).contains("cursor=c1");
    assertThat(browser.text("#events-note")).contains("Loaded 1 event from the service");
  }

  /** Counts the recent events the service holds (plain array or journal page). */
  static final class HttpEvents {
    static int count(int port) throws Exception {
      String body =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Object parsed = io.vertx.core.json.Json.decodeValue(body);
      if (parsed instanceof io.vertx.core.json.JsonArray a) {
        return a.size();
      }
      return ((JsonObject) parsed).getJsonArray("events").size();
    }
  }
}

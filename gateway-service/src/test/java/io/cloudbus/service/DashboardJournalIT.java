package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.journal.JournalOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's history against the real SQLite journal, in a real headless Chromium: events
 * journaled before a restart of the service are listed by the page opened after it, with the time
 * range and "load older" paging through the real {@code /api/events} cursor.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DashboardJournalIT {

  /** More than the page's first page (limit=200), so that "load older" has work to do. */
  private static final int RECENT = 230;

  private static final int OLD = 4;

  private Path dir;
  private GatewayService service;
  private Browser browser;

  @BeforeEach
  void start() throws Exception {
    browser = Browser.start();
    dir = Files.createTempDirectory("cloudbus-dashboard-journal");
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (service != null) {
      service.close().await();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  /** Waits for {@code condition}; a timeout names what the page showed. */
  private void until(Callable<Boolean> condition) {
    try {
      await().atMost(PATIENT).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "page had "
              + browser.count("tr.ev")
              + " rows, note '"
              + browser.text("#events-note")
              + "', older shown "
              + browser.shown("#older"),
          e);
    }
  }

  private GatewayService startService(Vertx vertx) {
    return GatewayService.start(
            vertx,
            TestEvents.options()
                .journal(JournalOptions.defaults().withEnabled(true).withPath(dir.toString()))
                .build())
        .await();
  }

  private int journaled() throws Exception {
    return new JsonObject(Http.get(service.httpPort(), "/api/events?limit=1000").body())
        .getJsonArray("events")
        .size();
  }

  private String row(JsonObject event) {
    return "tr.ev[data-id='" + event.getString("id") + "']";
  }

  @Test
  void listsTheJournalsEventsFromBeforeARestartWithRangeAndPaging(Vertx vertx) throws Exception {
    // GIVEN a service with the SQLite journal that received events: a few whose vendor time is
    // three hours old, then more recent ones than one page holds
    service = startService(vertx);
    List<JsonObject> old = new ArrayList<>();
    for (int i = 0; i < OLD; i++) {
      old.add(
          TestEvents.publish(
              vertx,
              TestEvents.event("simplisafe", "home", "alarm.triggered", "old-" + i)
                  .put("time", Instant.now().minusSeconds(3 * 3600).toString())));
    }
    List<JsonObject> recent = new ArrayList<>();
    for (int i = 0; i < RECENT; i++) {
      String vendor = i % 2 == 0 ? "simplisafe" : "bticino";
      String account = i % 2 == 0 ? "home" : "flat";
      recent.add(
          TestEvents.publish(
              vertx, TestEvents.event(vendor, account, "doorbell.ring", "door-" + i)));
    }
    until(() -> journaled() == OLD + RECENT);

    // WHEN the service restarts on the same journal and the page opens
    service.close().await();
    service = startService(vertx);
    assertThat(journaled()).isEqualTo(OLD + RECENT);
    browser.driver.get("http://127.0.0.1:" + service.httpPort() + "/");
    until(() -> "live".equals(browser.text("#link-text")));

    // THEN the last hour's first page is listed, newest first, and older ones are offered
    until(() -> browser.count("tr.ev") == 200);
    assertThat(browser.text(row(recent.get(RECENT - 1)))).isNotNull();
    assertThat(browser.text(row(recent.get(0)))).isNull();
    assertThat(browser.text("#events-note")).isEqualTo("Loaded 200 events from the service.");
    until(() -> browser.shown("#older"));

    // WHEN older events are loaded THEN the rest of the last hour, not the 3 h old ones
    browser.click("#older");
    until(() -> browser.count("tr.ev") == RECENT);
    assertThat(browser.text(row(recent.get(0)))).isNotNull();
    assertThat(browser.text(row(old.get(0)))).isNull();
    until(() -> !browser.shown("#older"));
    assertThat(browser.text("#events-note"))
        .isEqualTo("Loaded " + (RECENT - 200) + " events from the service.");

    // WHEN the range is the last 24 hours and the history is loaded and paged again
    new Select(browser.driver.findElement(By.id("f-range"))).selectByValue("24h");
    browser.click("#filters button[type='submit']");
    until(() -> browser.text("#events-note").contains("already shown"));
    until(() -> browser.shown("#older"));
    browser.click("#older");

    // THEN the three hours old events are listed too, below the recent ones
    until(() -> browser.count("tr.ev") == RECENT + OLD);
    assertThat(browser.text(row(old.get(0)))).contains("old-0");
    Long oldIndex =
        (Long)
            browser.js(
                "var id = arguments[0];"
                    + " return Array.from(document.querySelectorAll('tr.ev')).findIndex("
                    + "function(r){ return r.getAttribute('data-id') === id; });",
                old.get(0).getString("id"));
    assertThat(oldIndex).isGreaterThanOrEqualTo(RECENT);

    // AND a filtered history asks the journal for one vendor only
    new Select(browser.driver.findElement(By.id("f-vendor"))).selectByValue("bticino");
    browser.click("#clear");
    browser.click("#filters button[type='submit']");
    until(() -> browser.count("tr.ev") == RECENT / 2);
    browser.screenshot("dashboard-journal-history");
  }
}

package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver}).
 * Skipped when the binaries are missing; {@code .ci/run} installs them. Nothing is downloaded.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DashboardIT {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private GatewayService service;
  private WebDriver driver;
  private Path profile;

  @BeforeEach
  void startBrowser() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
        "chromium and chromium-driver are not installed");
    profile = Files.createTempDirectory("cloudbus-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService driverService =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(driverService, options);
  }

  @AfterEach
  void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.close().await();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private String text(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0).getText();
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
    driver.get("http://127.0.0.1:" + service.httpPort() + "/?token=dash-secret");
    assertThat(driver.getTitle()).startsWith("cloudbus");
    // THEN it shows the accounts with their state, the snapshot of events, and goes live
    await()
        .atMost(PATIENT)
        .until(() -> "connected".equals(text("[data-account='simplisafe/home'] .state")));
    assertThat(text("[data-account='bticino/flat'] .state")).isEqualTo("backoff");
    assertThat(text("[data-account='bticino/flat'] .since")).startsWith("for ");
    await()
        .atMost(PATIENT)
        .until(() -> text("tr.ev[data-id='" + earlier.getString("id") + "']") != null);
    await()
        .atMost(PATIENT)
        .until(() -> driver.findElement(By.id("link")).getAttribute("class").contains("link-live"));
    // WHEN a status changes: the card follows (the bridge registrations are in place)
    TestEvents.status(vertx, "bticino", "flat", "connected");
    await()
        .atMost(PATIENT)
        .until(() -> "connected".equals(text("[data-account='bticino/flat'] .state")));
    // WHEN an event is published: it shows within seconds, with type, account and subject
    JsonObject event = TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    String row = "tr.ev[data-id='" + event.getString("id") + "']";
    await().atMost(PATIENT).until(() -> text(row) != null);
    assertThat(text(row)).contains("doorbell.ring").contains("bticino / flat").contains("dev-1");
    await().atMost(PATIENT).until(() -> Integer.parseInt(text("#kpi-rate")) >= 1);
    assertThat(text("#kpi-connected")).isEqualTo("2");
    // AND a click shows the raw payload
    driver.findElement(By.cssSelector(row)).click();
    await().atMost(PATIENT).until(() -> text("tr.raw pre") != null);
    assertThat(text("tr.raw pre")).contains(event.getString("id")).contains("\"raw\"");
    saveScreenshot();
  }

  /** Leaves target/dashboard.png for a human look at the page; never fails the test. */
  private void saveScreenshot() {
    try {
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(Path.of("target", "dashboard.png"), png);
    } catch (Exception e) {
      // a screenshot is a convenience only
    }
  }
}

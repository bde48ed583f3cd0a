package io.cloudbus.service;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian {@code chromium} + {@code chromium-driver}) for the dashboard
 * tests. The test is skipped when the binaries are missing; {@code .ci/run} installs them. Nothing
 * is downloaded.
 */
final class Browser implements AutoCloseable {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts Chromium, or skips the calling test when it is not installed. */
  static Browser start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
        "chromium and chromium-driver are not installed");
    Path profile = Files.createTempDirectory("cloudbus-chromium");
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
        "--window-size=1400,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options), profile);
  }

  /** Emulates a viewport of {@code width} CSS pixels (a phone when narrow), as DevTools does. */
  void viewport(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * The rendered text of the first match, or null when nothing matches. Read in one script call:
   * the page re-renders its cards and rows, so an element found first may be gone a moment later.
   */
  String text(String css) {
    return (String)
        js(
            "var e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;",
            css);
  }

  /** Whether the first match is shown (null-safe, in one script call like {@link #text}). */
  boolean shown(String css) {
    return Boolean.TRUE.equals(
        js(
            "var e = document.querySelector(arguments[0]);"
                + " return !!e && !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);",
            css));
  }

  int count(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  /** Clicks the first match; finds it again when the page re-rendered it in between. */
  void click(String css) {
    for (int attempt = 1; ; attempt++) {
      try {
        driver.findElement(By.cssSelector(css)).click();
        return;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** Leaves target/NAME.png for a human look at the page; never fails the test. */
  void screenshot(String name) {
    try {
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(Path.of("target", name + ".png"), png);
    } catch (Exception e) {
      // a screenshot is a convenience only
    }
  }

  @Override
  public void close() throws java.io.IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}

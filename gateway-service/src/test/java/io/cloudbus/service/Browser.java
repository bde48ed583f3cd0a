package io.cloudbus.service;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
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

  /** The text of the first match, or null when nothing matches. */
  String text(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0).getText();
  }

  int count(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  void click(String css) {
    driver.findElement(By.cssSelector(css)).click();
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

package cn.duban.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the browser suite: Debian's {@code chromium} driven through its {@code chromium-driver}
 * (never a downloaded browser), headless, with a fresh profile. Without chromium installed, every browser test is
 * skipped with one clear line saying how to install it ({@code .ci/run} installs it, so CI always runs them).
 * Phone widths are emulated (headless windows are at least 500 px wide).
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("DUBAN_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("DUBAN_CHROMEDRIVER", "/usr/bin/chromedriver"));
  /** Where screenshots go: each failure's, and those a test takes on purpose. */
  public static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();

  private final WebDriver driver;
  private final String base;

  private Browser(WebDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  /** Whether this machine can run the browser suite. */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Skips the calling test, with one line in the build log, when chromium is not installed. */
  public static void assumeAvailable() {
    if (!available() && SKIP_REPORTED.compareAndSet(false, true)) {
      System.out.println("[duban] 浏览器测试已跳过：未找到 " + CHROMIUM + " 和 " + CHROMEDRIVER
          + "。安装：apt-get install -y chromium chromium-driver fonts-wqy-zenhei");
    }
    Assumptions.assumeTrue(available(), "浏览器测试已跳过：未安装 chromium 与 chromium-driver");
  }

  /** A desktop browser window (1280 × 900). */
  public static Browser desktop(int port) {
    return start(port, null);
  }

  /** A phone: 390 × 844 CSS pixels, touch, a phone's user agent. */
  public static Browser phone(int port) {
    return start(port, Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "mobile", true,
        "touch", true), "userAgent", "Mozilla/5.0 (Linux; Android 14; duban-test) AppleWebKit/537.36 "
        + "(KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"));
  }

  private static Browser start(int port, Map<String, Object> mobileEmulation) {
    assumeAvailable();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=1280,900", "--lang=zh-CN", "--accept-lang=zh-CN,zh");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    if (mobileEmulation != null) {
      options.setExperimentalOption("mobileEmulation", mobileEmulation);
    }
    // a Chinese browser, as the bureau's people have: the language (form-js formats dates by it) comes from the
    // environment of the browser's process in headless mode. The character set must be one the machine has
    // (C.UTF-8 is on every Debian): with a locale that is not installed the driver falls back to ASCII and cannot
    // even name a file with a Chinese name to upload ("File not found : ").
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .withEnvironment(Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8", "LANGUAGE", "zh_CN:zh", "TZ", "Asia/Shanghai"))
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    // headless chromium keeps en-US whatever the flags say; the locale decides how form-js reads and shows dates
    driver.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", "zh-CN"));
    driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Shanghai"));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return new Browser(driver, "http://localhost:" + port);
  }

  public WebDriver driver() {
    return driver;
  }

  public Browser open(String path) {
    driver.get(base + path);
    return this;
  }

  /** Signs in on duban's login page, as a person types it. */
  public Browser signIn(String user, String password) {
    open("/login");
    driver.findElement(By.name("username")).sendKeys(user);
    driver.findElement(By.name("password")).sendKeys(password);
    driver.findElement(By.cssSelector("form [type=submit]")).click();
    waitUntil(d -> !d.getCurrentUrl().contains("/login"), Duration.ofSeconds(30));
    return this;
  }

  public WebElement waitFor(By locator) {
    return waitFor(locator, Duration.ofSeconds(30));
  }

  public WebElement waitFor(By locator, Duration timeout) {
    return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /**
   * Waits until the condition holds. An element the condition reads that the page drew anew meanwhile (form-js,
   * Tasklist) makes it not yet true, and it is asked again.
   */
  public void waitUntil(java.util.function.Function<WebDriver, Boolean> condition, Duration timeout) {
    new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition::apply);
  }

  public List<WebElement> all(By locator) {
    return driver.findElements(locator);
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * How much wider than the window the page is, in CSS pixels (0 when nothing scrolls sideways). Measured against
   * the layout viewport ({@code clientWidth}): on a phone a page that is too wide makes the browser zoom out, and
   * {@code window.innerWidth} grows with it, so comparing with that would hide the overflow.
   */
  public long horizontalOverflow() {
    Object overflow = script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        + " - document.documentElement.clientWidth;");
    return ((Number) overflow).longValue();
  }

  /** Saves a screenshot of the window as {@code target/browser-screenshots/<name>.png} and returns its path. */
  public Path screenshot(String name) {
    return save(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  /**
   * Saves the whole page, not only what the window shows (at most 8000 CSS pixels high), as
   * {@code target/browser-screenshots/<name>.png}, and returns its path.
   */
  public Path screenshotOfPage(String name) {
    Number width = (Number) script("return Math.max(document.documentElement.scrollWidth, window.innerWidth);");
    Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, window.innerHeight);");
    Number pixelRatio = (Number) script("return window.devicePixelRatio;");
    // in CSS pixels (a phone's 2× screen would make the files four times larger for nothing more to see)
    Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot", Map.of(
        "format", "png", "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width.intValue(),
            "height", Math.min(8000, height.intValue()), "scale", 1 / pixelRatio.doubleValue())));
    return save(name, Base64.getDecoder().decode((String) shot.get("data")));
  }

  private static Path save(String name, byte[] png) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name.replaceAll("[^\\w.-]+", "_") + ".png");
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}

package cn.duban.browser;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.notify.Notification;
import cn.duban.notify.NotificationDeliverer;
import cn.duban.notify.NotificationKind;
import cn.duban.notify.NotificationService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.system.BureauClock;

/**
 * duban's own pages on a phone (390 px, emulated) and on a desktop, as the office, a cadre and an admin see them:
 * no page scrolls sideways, the header's links sit behind a 菜单 button that opens, buttons and fields are at least
 * 44 px high, item codes never break. Every page is saved at both widths under {@code target/browser-screenshots/}
 * ({@code pages-<user>-<phone|desktop>-<page>.png}) to be looked at. One phone and one desktop browser serve the
 * whole class.
 */
@DubanSpringTest
@ExtendWith(ScreenshotOnFailure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhonePagesBrowserTest {

  /** What a finger must be able to hit: WCAG's 44 CSS pixels. */
  static final int TOUCH = 44;
  /** The controls and stand-alone links a person taps; links inside running text are exempt. */
  static final String TAPPED = "button, select, textarea, summary, a.button, .topbar a, .menu-toggle, label.check, "
      + "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), .file-pick .file-button, "
      + "table.cards td.card-code a, .links a, "
      + ".pager a, ul.admin-pages a";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired BureauClock clock;
  @Autowired NotificationService notifications;
  @Autowired NotificationDeliverer deliverer;

  Browser phone;
  Browser desktop;
  String code;
  String list;

  @BeforeAll
  void startBrowsers() {
    phone = Browser.phone(port);
    desktop = Browser.desktop(port);
  }

  /**
   * Once: an item of 甲科 with a report, a file and a 催办 in andy's inbox, in a list of its own. Not in
   * {@code @BeforeAll}: the engine work must happen inside a test (process test coverage records per test).
   */
  @BeforeEach
  void anItemWithItsHistory() {
    if (code != null) {
      return;
    }
    list = "PH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    jdbc.update("insert into duban.task_list (code, name, issued_on, created_by, created_at, item_count) "
        + "values (?, ?, ?, 'olivia', ?, 1)", list, "2026年第四季度重点工作任务清单（手机测试）", clock.today(),
        Timestamp.from(clock.now()));
    Map<String, Object> item = new HashMap<>();
    item.put("title", "健全“没办成、我来帮”兜底服务机制，在办税服务厅设立专窗");
    item.put("requirement", "在办税服务厅设置“没办成、我来帮”专窗，在12366热线设置专席，建立“需求收集—精准清分—快速反馈”"
        + "闭环台账。纳税人诉求3个工作日内响应率达到100%。");
    item.put("unitId", UNIT_A);
    item.put("leaderId", LEADER);
    item.put("deadline", clock.today().plusDays(20).toString());
    item.put("reportingCycle", "每周");
    item.put("listCode", list);
    Http.Response issued = Http.basic(port, OFFICE, PASSWORD).post("/api/items", item);
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    code = issued.json().get("code").asText();

    Http andy = Http.basic(port, ANDY, PASSWORD);
    complete(andy, Map.of("signForDecision", Map.of("value", "ACCEPT")));
    complete(andy, Map.of("handleAction", Map.of("value", "PROGRESS"),
        "progressText", Map.of("value", "已在办税服务厅设立专窗1个，安排2名业务骨干轮值；12366专席已开通。")));
    assertThat(andy.upload("/api/items/" + code + "/attachments", "专窗设立照片说明.txt",
        "专窗设立情况说明".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
    // kinds delivered at once (逾期催办 waits for a digest)
    for (NotificationKind kind : List.of(NotificationKind.REMINDER, NotificationKind.SUPERVISION)) {
      notifications.enqueue(Notification.of(kind, ANDY, code, "健全“没办成、我来帮”兜底服务机制",
          clock.today().plusDays(20), clock.today()));
    }
    deliverer.deliverDue();
  }

  private void complete(Http who, Map<String, Object> variables) {
    String task = who.get("/engine-rest/task?processInstanceBusinessKey=" + code).json().get(0).get("id").asText();
    assertThat(who.post("/engine-rest/task/" + task + "/claim", Map.of("userId", ANDY)).status()).isEqualTo(204);
    Http.Response done = who.post("/engine-rest/task/" + task + "/complete", Map.of("variables", variables));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }

  @AfterAll
  void closeBrowsers() {
    if (phone != null) {
      phone.close();
    }
    if (desktop != null) {
      desktop.close();
    }
  }

  @Test
  void everyPageOfTheOfficeFitsAPhone() {
    assertFit(OFFICE, PASSWORD, pages("home", "/", "item", "/items/" + code, "notifications", "/notifications",
        "dashboard", "/dashboard", "dashboard-items", "/dashboard/items", "bulletin", "/bulletin", "lists", "/lists",
        "list", "/lists/" + list, "units", "/units", "audit", "/audit?item=" + code, "assessment", "/assessment"));
  }

  @Test
  void everyPageOfACadreFitsAPhone() {
    assertFit(ANDY, PASSWORD, pages("home", "/", "item", "/items/" + code, "notifications", "/notifications",
        "dashboard", "/dashboard", "lists", "/lists", "units", "/units", "assessment", "/assessment"));
  }

  @Test
  void everyAdminPageFitsAPhone() {
    assertFit(ADMIN, ADMIN_PASSWORD, pages("admin", "/admin", "admin-units", "/admin/units", "admin-calendar",
        "/admin/calendar", "admin-calendar-year", "/admin/calendar/" + (clock.today().getYear() + 1),
        "admin-processes", "/admin/processes", "admin-login-delays", "/admin/login-delays",
        "admin-assessment-rules", "/admin/assessment-rules"));
  }

  @Test
  void theLoginPageFitsAPhoneAndSaysWhatToDo() {
    for (Browser browser : List.of(phone, desktop)) {
      browser.driver().manage().deleteAllCookies();
      browser.open("/login");
      assertThat(browser.horizontalOverflow()).isZero();
      assertThat(browser.waitFor(By.tagName("main")).getText()).contains("使用单位统一账号登录", "忘记密码请联系管理员");
      assertThat(small(browser)).isEmpty();
      browser.screenshotOfPage("pages-anonymous-" + (browser == phone ? "phone" : "desktop") + "-login");
    }
  }

  @Test
  void theHeaderMenuOpensOnAPhoneAndEveryLinkCanBeTapped() {
    signIn(phone, OFFICE, PASSWORD);
    phone.open("/");
    WebElement toggle = phone.waitFor(By.cssSelector(".menu-toggle"));
    List<WebElement> links = phone.all(By.cssSelector(".topbar nav a"));
    assertThat(links).extracting(l -> l.getAttribute("textContent").strip())
        .contains("事项", "督办台", "任务清单", "部门", "通知", "我的任务", "流程监控");
    assertThat(links).noneMatch(WebElement::isDisplayed);
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
    assertThat(toggle.getRect().getHeight()).isGreaterThanOrEqualTo(TOUCH);

    toggle.click();
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
    long width = (Long) phone.script("return document.documentElement.clientWidth;");
    for (WebElement link : links) {
      assertThat(link.isDisplayed()).as(link.getText()).isTrue();
      assertThat(link.getRect().getHeight()).as(link.getText()).isGreaterThanOrEqualTo(TOUCH);
      assertThat(link.getRect().getX() + link.getRect().getWidth()).as(link.getText()).isLessThanOrEqualTo((int) width);
    }
    assertThat(phone.waitFor(By.cssSelector(".topbar .who button")).getText()).isEqualTo("退出登录");
    phone.screenshot("pages-olivia-phone-menu-open");

    links.stream().filter(l -> l.getText().equals("督办台")).findFirst().orElseThrow().click();
    phone.waitUntil(d -> d.getCurrentUrl().endsWith("/dashboard"), Duration.ofSeconds(10));
    assertThat(phone.all(By.cssSelector(".topbar nav a[aria-current=page]")))
        .extracting(l -> l.getAttribute("textContent")).containsExactly("督办台");

    WebElement again = phone.waitFor(By.cssSelector(".menu-toggle"));
    again.click();
    assertThat(phone.all(By.cssSelector(".topbar nav a")).get(0).isDisplayed()).isTrue();
    again.sendKeys(Keys.ESCAPE);
    assertThat(again.getAttribute("aria-expanded")).isEqualTo("false");
    assertThat(phone.all(By.cssSelector(".topbar nav a")).get(0).isDisplayed()).isFalse();

    signIn(desktop, OFFICE, PASSWORD);
    desktop.open("/");
    assertThat(desktop.all(By.cssSelector(".menu-toggle")).get(0).isDisplayed()).isFalse();
    assertThat(desktop.all(By.cssSelector(".topbar nav a"))).allMatch(WebElement::isDisplayed);
  }

  /** Pages by the name their screenshots get: name, path, name, path … */
  private static Map<String, String> pages(String... namesAndPaths) {
    Map<String, String> pages = new LinkedHashMap<>();
    for (int i = 0; i < namesAndPaths.length; i += 2) {
      pages.put(namesAndPaths[i], namesAndPaths[i + 1]);
    }
    return pages;
  }

  /** Opens every page on the phone and the desktop and lists everything wrong before failing. */
  private void assertFit(String user, String password, Map<String, String> pages) {
    signIn(phone, user, password);
    signIn(desktop, user, password);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : pages.entrySet()) {
      String name = entry.getKey();
      String page = entry.getValue();
      for (Browser browser : List.of(phone, desktop)) {
        String where = (browser == phone ? "phone " : "desktop ") + page;
        browser.open(page);
        browser.waitFor(By.tagName("main"));
        assertThat(browser.driver().getTitle()).as(where).startsWith("督办 · ");
        long overflow = browser.horizontalOverflow();
        if (overflow > 0) {
          problems.add(where + ": the page is " + overflow + " px wider than the window");
        }
        broken(browser).forEach(code -> problems.add(where + ": the code " + code + " breaks over two lines"));
        if (browser == phone) {
          small(browser).forEach(element -> problems.add(where + ": too small to tap: " + element));
        }
        browser.screenshotOfPage("pages-" + user + "-" + (browser == phone ? "phone" : "desktop") + "-" + name);
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void signIn(Browser browser, String user, String password) {
    browser.driver().manage().deleteAllCookies();
    browser.signIn(user, password);
  }

  /** The tapped elements shown on the page that are lower than {@value #TOUCH} px. */
  @SuppressWarnings("unchecked")
  private static List<String> small(Browser browser) {
    return (List<String>) browser.script("""
        return Array.from(document.querySelectorAll(arguments[0]))
          .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
          .filter(e => e.getBoundingClientRect().height < arguments[1] - 0.5)
          .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' "'
            + (e.innerText || e.value || e.name || '').trim().slice(0, 20) + '" '
            + Math.round(e.getBoundingClientRect().height) + ' px');""", TAPPED, TOUCH);
  }

  /** The codes (item, list, unit) whose text runs over more than one line. */
  @SuppressWarnings("unchecked")
  private static List<String> broken(Browser browser) {
    return (List<String>) browser.script("""
        return Array.from(document.querySelectorAll('.code'))
          .filter(e => e.getClientRects().length > 0 && e.textContent.trim().length > 0)
          .filter(e => { const r = document.createRange(); r.selectNodeContents(e);
                         return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size > 1; })
          .map(e => e.textContent.trim());""");
  }
}

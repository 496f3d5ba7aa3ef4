package cn.duban.browser;

import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.item.ItemProcess;
import cn.duban.item.ItemRepository;
import cn.duban.item.ItemRow;
import cn.duban.item.ItemStatus;
import cn.duban.item.ItemTasks;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/**
 * The README's walk through Tasklist's own UI, as the people do it: the office issues an item with the start form
 * (unit, person and co-unit picked by name, the deadline from the date picker), the cadre signs for it, reports
 * progress, tries a past extension date (a Chinese message, no technical text), applies for 办结, and the office signs
 * it off. Screenshots of each step are kept under target/browser-screenshots/.
 */
@DubanSpringTest
@ExtendWith(ScreenshotOnFailure.class)
class TasklistFlowBrowserTest {

  static final Duration SLOW = Duration.ofSeconds(40);

  @LocalServerPort int port;
  @Autowired ItemRepository items;
  @Autowired TaskService taskService;
  @Autowired ItemTasks coUnits;
  @Autowired Users users;
  @Autowired JdbcTemplate jdbc;

  Browser browser;

  @AfterEach
  void close() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anItemGoesFromTheStartFormToSignOffThroughTasklist() {
    String title = "浏览器走查事项" + System.nanoTime() % 100000;
    LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30);

    // 交办: the office fills the start form, picking by name
    browser = Browser.desktop(port).signIn(OFFICE, PASSWORD);
    browser.open("/camunda/app/tasklist/default/");
    browser.waitFor(By.xpath("//a[contains(normalize-space(.), '发起流程')]")).click();
    browser.waitFor(By.linkText("督办事项")).click();
    browser.waitFor(By.cssSelector("[id$='Field_title_1']")).sendKeys(title);
    pick("[id$='Field_unitId_3']", "甲", "甲科");
    pick("[id$='Field_assignee_4']", "", "安迪（甲科）");
    pick("[id$='Field_coUnitIds_5']", "乙", "乙科");
    WebElement date = browser.driver().findElement(By.cssSelector("[id$='Field_deadline_7-date']"));
    press(date);
    date.sendKeys(deadline.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")));
    browser.driver().findElement(By.cssSelector("[id$='Field_title_1']")).click();
    browser.screenshot("flow-01-start-form");
    browser.driver().findElement(By.xpath("//button[normalize-space()='发起']")).click();

    ItemRow item = awaitItem(title);
    assertThat(item.unitId()).isEqualTo(UNIT_A);
    assertThat(item.assignee()).isEqualTo(ANDY);
    assertThat(item.coUnitIds()).containsExactly(UNIT_B);
    assertThat(item.deadline()).isEqualTo(deadline);
    browser.close();

    // 签收 and 承办: the cadre works the item in 我的待办
    browser = Browser.desktop(port).signIn(ANDY, PASSWORD);
    openTask(item.code(), "签收");
    press(browser.waitFor(By.xpath("//label[contains(., '签收，由我承办')]")));
    complete();
    awaitTask(item.code(), Elements.HANDLE);

    openTask(item.code(), "承办");
    press(browser.waitFor(By.xpath("//label[contains(., '反馈进度')]")));
    typeInto("[id$='Field_progressText_4']", "已完成第一阶段摸底。");
    browser.screenshot("flow-02-progress");
    complete();
    awaitReports(item.code(), 1);

    // an extension to a day before the current deadline (the picker offers no past days): refused in Chinese by the
    // server, beside the form, and nothing changes
    openTask(item.code(), "承办");
    press(browser.waitFor(By.xpath("//label[contains(., '申请延期')]")));
    typeInto("[id$='Field_extensionReason_6']", "需要等待上级数据。");
    WebElement extension = browser.waitFor(By.cssSelector("[id$='Field_extensionDate_7-date']"));
    press(extension);
    extension.sendKeys(deadline.minusDays(25).format(DateTimeFormatter.ofPattern("yyyy/MM/dd")));
    press(browser.driver().findElement(By.cssSelector("[id$='Field_extensionReason_6']")));
    TasklistBrowserTest.settle();
    complete();
    assertThat(browser.waitFor(By.cssSelector(".task-card .duban-form-error"), SLOW).getText())
        .contains("延期后的完成时限必须晚于当前完成时限");
    browser.screenshot("flow-03-early-extension-refused");
    String page = browser.driver().findElement(By.tagName("body")).getText();
    assertThat(page).doesNotContain("Cannot submit").doesNotContain("Exception");
    assertThat(items.find(item.code()).orElseThrow().deadline()).isEqualTo(deadline);

    // 乙科 does its 协办 part (another person's walk, through the API): until then 申请办结 is refused
    coUnits.complete(item.code(), Elements.CO_UNIT_SIGN_FOR, users.get(BOB), Map.of());
    coUnits.complete(item.code(), Elements.CO_UNIT_REPORT, users.get(BOB),
        Map.of(ItemProcess.Variables.CO_UNIT_REPORT, "乙科已配合完成摸底。"));

    // 申请办结
    openTask(item.code(), "承办");
    press(browser.waitFor(By.xpath("//label[contains(., '申请办结')]")));
    typeInto("[id$='Field_resultText_5']", "已全部完成，形成报告。");
    complete();
    awaitTask(item.code(), Elements.SIGN_OFF);
    browser.close();

    // 销号 by the office
    browser = Browser.desktop(port).signIn(OFFICE, PASSWORD);
    openTask(item.code(), "审核销号", "待销号");
    press(browser.waitFor(By.xpath("//label[contains(., '同意销号')]")));
    press(browser.waitFor(By.xpath("//label[normalize-space()='良好']")));
    browser.screenshot("flow-04-sign-off");
    complete();
    browser.waitUntil(d -> items.find(item.code()).orElseThrow().status() == ItemStatus.CLOSED, SLOW);
    assertThat(items.find(item.code()).orElseThrow().qualityRating()).as("the rating chosen in the form")
        .hasToString("GOOD");
  }

  /** A searchable select or tag list of form-js: type, then choose the option with this label. */
  void pick(String input, String typed, String label) {
    WebElement field = browser.waitFor(By.cssSelector(input));
    field.click();
    if (!typed.isEmpty()) {
      field.sendKeys(typed);
    }
    browser.waitFor(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='" + label + "']"))
        .click();
    browser.driver().findElement(By.cssSelector("[id$='Field_title_1']")).click();
  }

  /** Opens the item's task from Tasklist's list (its default filter, 我的待办 or the office's own). */
  void openTask(String code, String name) {
    openTask(code, name, null);
  }

  /** … from the filter a person clicks for it first (the office's 待销号). */
  void openTask(String code, String name, String filter) {
    By entry = By.xpath("//li[contains(@class,'task') and contains(., '" + code + "')]//h4[contains(@class,'task')]"
        + "/a[normalize-space()='" + name + "']");
    long until = System.nanoTime() + SLOW.toNanos();
    while (true) {
      browser.open("/camunda/app/tasklist/default/");
      try {
        if (filter != null) {
          browser.waitFor(By.xpath("//div[contains(@class,'task-filter')]//a[contains(normalize-space(.),'" + filter
              + "')]")).click();
        }
        browser.waitFor(entry, Duration.ofSeconds(10)).click();
        break;
      } catch (org.openqa.selenium.TimeoutException notYet) {
        if (System.nanoTime() > until) {
          throw notYet;
        }
      }
    }
    browser.waitFor(By.xpath("//button[normalize-space()='完成']"), SLOW);
    claimIfOffered();
  }

  /** Clicks as a person does: with the element in the middle of the screen, never under Tasklist's footer. */
  void press(WebElement element) {
    browser.script("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  /** Types into a field a choice just revealed, and again if form-js mounted it anew and took the keys with it. */
  void typeInto(String css, String text) {
    for (int attempt = 1; ; attempt++) {
      WebElement field = browser.waitFor(By.cssSelector(css));
      browser.script("arguments[0].scrollIntoView({block: 'center'});", field);
      field.sendKeys(text);
      try {
        browser.waitUntil(d -> text.equals(d.findElement(By.cssSelector(css)).getAttribute("value")),
            Duration.ofSeconds(3));
        TasklistBrowserTest.settle();
        return;
      } catch (org.openqa.selenium.TimeoutException | org.openqa.selenium.StaleElementReferenceException lost) {
        if (attempt == 3) {
          throw lost;
        }
        browser.driver().findElement(By.cssSelector(css)).clear();
      }
    }
  }

  /** Claims a group task the person opened (the office's 审核销号) and waits until Tasklist shows it as theirs. */
  void claimIfOffered() {
    By claim = By.xpath("//button[normalize-space()='认领']");
    try {
      List<WebElement> offered = browser.all(claim);
      if (!offered.isEmpty() && offered.get(0).isDisplayed()) {
        offered.get(0).click();
      }
    } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
      // Tasklist drew the task anew (claimed); what counts is below
    }
    browser.waitUntil(d -> d.findElements(claim).stream().noneMatch(WebElement::isDisplayed), SLOW);
  }

  void complete() {
    press(browser.waitFor(By.xpath("//button[normalize-space()='完成' and not(@disabled)]"), SLOW));
  }

  ItemRow awaitItem(String title) {
    ItemRow[] found = new ItemRow[1];
    browser.waitUntil(d -> {
      found[0] = jdbc.queryForList("select code from duban.item where title = ?", String.class, title).stream()
          .findFirst().flatMap(items::find).orElse(null);
      return found[0] != null;
    }, SLOW);
    return found[0];
  }

  void awaitTask(String code, String taskKey) {
    browser.waitUntil(d -> taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(taskKey)
        .count() == 1, SLOW);
  }

  void awaitReports(String code, int count) {
    browser.waitUntil(d -> jdbc.queryForObject("select count(*) from duban.progress_report where item_code = ?",
        Long.class, code) >= count, SLOW);
  }
}

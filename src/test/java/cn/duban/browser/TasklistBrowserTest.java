package cn.duban.browser;

import static cn.duban.item.ItemProcess.Decisions;
import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.item.ItemProcess.Variables;
import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemService;
import cn.duban.item.ItemTasks;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;
import cn.duban.system.BureauClock;

/**
 * What a person meets inside Camunda Tasklist, Cockpit and Admin (duban's webapps.js and tasklist.js): Chinese
 * messages beside the form, confirmations in words, evidence uploaded from within the 承办 form and seen by the
 * office at 审核销号, duban's menu, titles, no Camunda 8 banner, signing out to duban's login page, and no controls a
 * cadre cannot use. One desktop and one phone browser for the whole class; screenshots under
 * target/browser-screenshots/tasklist-*.
 */
@DubanSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class TasklistBrowserTest {

  static final String TASKLIST = "/camunda/app/tasklist/default/";

  @LocalServerPort int port;
  @Autowired ItemService items;
  @Autowired ItemTasks tasks;
  @Autowired TaskService taskService;
  @Autowired Users users;
  @Autowired BureauClock clock;

  Browser browser;
  Browser phone;
  /** Who is signed in in which browser: a page load less where the next test is the same person's. */
  final Map<Browser, String> signedIn = new java.util.IdentityHashMap<>();

  @AfterAll
  void close() {
    if (browser != null) {
      browser.close();
    }
    if (phone != null) {
      phone.close();
    }
  }

  Browser desktop() {
    if (browser == null) {
      browser = Browser.desktop(port);
    }
    return browser;
  }

  Browser phone() {
    if (phone == null) {
      phone = Browser.phone(port);
    }
    return phone;
  }

  /** b, with user signed in on duban's login page (unless they already are). */
  Browser as(Browser b, String user) {
    if (!user.equals(signedIn.get(b))) {
      b.signIn(user, ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD);
      signedIn.put(b, user);
    }
    return b;
  }

  @Test
  void aCadreFindsDubanInTasklistAndNoControlHeCannotUse() {
    Browser b = desktop();
    signedIn.remove(b);
    as(b, ANDY);
    assertThat(b.driver().getCurrentUrl()).as("a cadre lands in Tasklist").contains(TASKLIST);
    dubanScriptRuns(b);

    assertThat(b.driver().getTitle()).isEqualTo("督办 · 我的任务");
    assertThat(menuLinks(b)).containsEntry("事项", "/").containsEntry("督办台", "/dashboard")
        .containsEntry("任务清单", "/lists").containsEntry("通知", "/notifications");
    assertThat(visible(b, ".ce-eol-banner")).as("no Camunda 8 banner").isZero();
    assertThat(visible(b, ".start-process-action")).as("发起流程 is the office's").isZero();
    assertThat(visible(b, ".create-task-action")).as("创建任务 is the office's").isZero();
    assertThat(b.driver().findElement(By.tagName("body")).getText())
        .doesNotContain("发起流程", "创建任务", "键盘快捷键", "Camunda", "Tasklist");
    b.screenshot("tasklist-cadre-desktop");

    Browser p = as(phone(), ANDY);
    dubanScriptRuns(p);
    assertThat(p.horizontalOverflow()).isZero();
    p.driver().findElement(By.cssSelector(".navbar-toggle")).click();
    p.waitFor(By.cssSelector("li.duban-menu a"));
    p.screenshot("tasklist-cadre-phone-menu");
  }

  @Test
  void anEmptyRequiredFieldIsExplainedInChinese() {
    String task = handleTaskOfAndy();
    Browser b = as(desktop(), ANDY);
    openTask(b, task);

    complete(b);

    WebElement error = b.waitFor(By.cssSelector(".fjs-form-field-error"));
    b.waitUntil(d -> error.getText().startsWith("必填项"), Duration.ofSeconds(5));
    assertThat(error.getText()).isEqualTo("必填项，请选择。");
    assertThat(b.waitFor(By.cssSelector(".task-card .duban-form-error")).getText())
        .isEqualTo("未提交：有栏目需要填写或更正（已标红），改好后再提交。");
    assertStaysTrue(b, () -> visible(b, ".page-notifications .alert") == 0, "no empty error toast over the buttons");
    String page = b.driver().findElement(By.tagName("body")).getText();
    assertThat(page).doesNotContain("Field is required");
    assertThat(page).as("a cadre changes no groups, dates or follow-ups").doesNotContain("添加组", "设置跟进日期");
    assertThat(visible(b, ".task-card .reset-due-date")).as("nor removes the due date").isZero();
    assertThat(visible(b, ".task-card .instance-link")).as("nor opens Cockpit").isZero();
    b.screenshot("tasklist-required-field");
  }

  @Test
  void aRefusedRequestIsShownOnceBesideTheFormInChinese() {
    String task = handleTaskOfAndy();
    Browser b = as(desktop(), ANDY);
    WebElement refusal = askForAnExtensionBeforeTheDeadline(b, task);
    String message = refusal.getText();
    assertThat(message).contains("延期后的完成时限必须晚于当前完成时限").doesNotContain("Cannot").doesNotContain(task)
        .doesNotContain("提交任务表单时出错");
    assertThat((Boolean) b.script("var a = document.querySelector('.task-card .form-actions');"
        + "return !!(arguments[0].compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);", refusal))
        .as("the refusal stands above the form's buttons").isTrue();
    assertStaysTrue(b, () -> occurrences(b, "必须晚于当前完成时限") == 1 && visible(b, ".page-notifications .alert") == 0,
        "the message once, and no toast over the 完成 button");
    assertThat(taskService.createTaskQuery().taskId(task).count()).as("nothing was completed").isOne();
    b.screenshot("tasklist-refusal-desktop");

    Browser p = as(phone(), ANDY);
    askForAnExtensionBeforeTheDeadline(p, task);
    assertThat(p.horizontalOverflow()).isZero();
    p.screenshot("tasklist-refusal-phone");
    p.script("arguments[0].scrollIntoView({block: 'center'});", p.waitFor(By.cssSelector(".duban-evidence")));
    p.screenshot("tasklist-evidence-phone");
  }

  /** 申请延期 to a day before the item's current deadline (in 10 days): duban's rule refuses it on the server. */
  WebElement askForAnExtensionBeforeTheDeadline(Browser b, String task) {
    openTask(b, task);
    choose(b, "申请延期");
    type(b, "延期理由", "人手不足");
    date(b, "申请延期至", clock.today().plusDays(2));
    complete(b);
    return b.waitFor(By.cssSelector(".task-card .duban-form-error"));
  }

  @Test
  void evidenceIsUploadedFromTheHandleFormAndTheOfficeSeesItAtSignOff() throws IOException {
    String code = issueToAndy();
    tasks.complete(code, Elements.SIGN_FOR, users.get(ANDY), Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    String handle = taskId(code, Elements.HANDLE);
    Path evidence = Files.createDirectories(Path.of("target", "browser-uploads")).resolve("验收照片说明.txt");
    Files.writeString(evidence, "三个乡镇的丰收微税厅已建成，验收记录见附件。", StandardCharsets.UTF_8);
    long size = Files.size(evidence);

    Browser b = as(desktop(), ANDY);
    openTask(b, handle);
    choose(b, "申请办结");
    type(b, "办结情况", "已在三个乡镇建成丰收微税厅。");
    WebElement upload = b.waitFor(By.cssSelector(".duban-evidence .duban-upload-label"));
    assertThat(upload.getText()).isEqualTo("选择文件上传…");
    b.driver().findElement(By.cssSelector(".duban-evidence input[type=file]"))
        .sendKeys(evidence.toAbsolutePath().toString());

    WebElement row = b.waitFor(By.xpath("//ul[contains(@class,'duban-evidence-files')]/li[a[text()='验收照片说明.txt']]"));
    assertThat(row.getText()).contains(size + " 字节").contains("安迪");
    assertThat(field(b, "办结情况").getAttribute("value")).as("what was typed is still there")
        .isEqualTo("已在三个乡镇建成丰收微税厅。");
    b.script("arguments[0].scrollIntoView({block: 'center'});", row);
    b.screenshot("tasklist-evidence-uploaded");

    complete(b);
    WebElement confirmation = b.waitFor(By.cssSelector("#duban-notices .duban-notice-ok"));
    assertThat(confirmation.getText()).contains("已提交办结申请，等待督查室审核");
    b.screenshot("tasklist-completion-confirmed");

    as(b, OFFICE);
    openTask(b, taskId(code, Elements.SIGN_OFF));
    assertThat(visible(b, ".start-process-action")).as("the office issues items").isOne();
    WebElement listed = b.waitFor(By.xpath(
        "//section[contains(@class,'duban-evidence')]//li[a[text()='验收照片说明.txt']]"));
    assertThat(b.driver().findElement(By.cssSelector(".duban-evidence h4")).getText()).isEqualTo("承办人提交的佐证材料");
    assertThat(listed.getText()).contains(size + " 字节").contains("安迪");
    String href = listed.findElement(By.tagName("a")).getAttribute("href");
    assertThat(href).matches(".*/api/items/" + code + "/attachments/\\d+$");
    assertThat(b.script("return fetch(arguments[0]).then(r => r.text());", href))
        .as("the office downloads the file").isEqualTo("三个乡镇的丰收微税厅已建成，验收记录见附件。");
    assertThat(visible(b, ".duban-upload")).as("the office reads the evidence at 审核销号").isZero();
    b.script("arguments[0].scrollIntoView({block: 'center'});", listed);
    b.screenshot("tasklist-sign-off-evidence");
  }

  @Test
  void aReturnWithoutAReasonIsRefusedInChinese() {
    String code = issueToAndy();
    String task = taskId(code, Elements.SIGN_FOR);
    Browser b = as(desktop(), ANDY);
    openTask(b, task);
    choose(b, "退回");

    complete(b);
    By error = By.xpath(formField("退回理由") + "//*[contains(@class,'fjs-form-field-error')]");
    b.waitUntil(d -> b.waitFor(error).getText().startsWith("必填项"), Duration.ofSeconds(10));
    assertThat(b.waitFor(error).getText()).isEqualTo("必填项，请填写。");

    // spaces pass the form's own check; the server refuses them beside the form, in Chinese
    type(b, "退回理由", "   ");
    complete(b);
    // the message box is drawn anew for each refusal: read it by its place, not as an element held
    By refusal = By.cssSelector(".task-card .duban-form-error");
    b.waitUntil(d -> d.findElements(refusal).stream().anyMatch(e -> e.getText().contains("请填写退回理由")),
        Duration.ofSeconds(10));
    assertThat(b.driver().findElement(refusal).getText()).doesNotContain("Cannot").doesNotContain(task);
    assertThat(taskService.createTaskQuery().taskId(task).count()).as("nothing was completed").isOne();
    b.screenshot("tasklist-return-without-reason");
  }

  @Test
  void signingForAndReportingProgressAreConfirmedInWords() {
    String code = issueToAndy();
    Browser b = as(desktop(), ANDY);

    openTask(b, taskId(code, Elements.SIGN_FOR));
    choose(b, "签收");
    complete(b);
    assertThat(b.waitFor(By.cssSelector("#duban-notices .duban-notice-ok")).getText())
        .contains("已签收，请在「我的待办」中办理");
    assertStaysTrue(b, () -> !b.driver().findElement(By.tagName("body")).getText().contains("您已被分配到"),
        "the webapp's own note about the next task is replaced");
    b.screenshot("tasklist-signed-for");

    openTask(b, taskId(code, Elements.HANDLE));
    choose(b, "反馈进度");
    type(b, "进度情况", "已完成摸底。");
    complete(b);
    b.waitUntil(d -> d.findElement(By.id("duban-notices")).getText().contains("进度已反馈"), Duration.ofSeconds(10));
  }

  @Test
  void cockpitAndAdminLookLikeDubanAndSigningOutLandsOnDubansLoginPage() {
    Browser b = as(desktop(), ADMIN);
    // Welcome has no account menu: Admin comes last, to sign out there
    Map<String, String> titles = new java.util.LinkedHashMap<>();
    titles.put("cockpit", "督办 · 流程监控");
    titles.put("welcome", "督办 · 个人资料");
    titles.put("admin", "督办 · 系统管理");
    for (var app : titles.entrySet()) {
      b.open("/camunda/app/" + app.getKey() + "/default/");
      dubanScriptRuns(b);
      b.waitUntil(d -> d.getTitle().startsWith(app.getValue()), Duration.ofSeconds(20));
      assertThat(visible(b, ".ce-eol-banner")).as("no Camunda 8 banner in %s", app.getKey()).isZero();
      if (!"welcome".equals(app.getKey())) {
        assertThat(menuLinks(b)).as("a way back from %s", app.getKey()).containsEntry("返回督办", "/");
      }
      b.screenshot("webapps-" + app.getKey());
    }

    signOut(b);

    as(b, ANDY);
    dubanScriptRuns(b);
    // a session that ends while Tasklist is open (timeout, password changed): the next call leads to duban's login
    WebElement otherFilter = b.waitFor(
        By.xpath("//div[contains(@class,'task-filter')]//a[contains(normalize-space(.),'本部门待办')]"));
    b.driver().manage().deleteCookieNamed("JSESSIONID");
    signedIn.remove(b);
    otherFilter.click();
    b.waitUntil(d -> d.getCurrentUrl().endsWith("/login"), Duration.ofSeconds(20));
    b.screenshot("webapps-session-ended");

    as(b, ANDY);
    dubanScriptRuns(b);
    signOut(b);
    assertThat(b.driver().findElement(By.tagName("body")).getText()).contains("已退出登录").doesNotContain("Camunda");
    b.open(TASKLIST);
    b.waitUntil(d -> d.getCurrentUrl().contains("/login"), Duration.ofSeconds(10));
  }

  // ------------------------------------------------------------------------------------------------ the bureau

  String issueToAndy() {
    return items.issue(new ItemDraft("建成乡镇丰收微税厅", "每个网点提供不少于20项高频涉税业务。", UNIT_A, ANDY, List.of(),
        LEADER, clock.today().plusDays(10).toString(), null, null), users.get(OFFICE), false);
  }

  String handleTaskOfAndy() {
    String code = issueToAndy();
    tasks.complete(code, Elements.SIGN_FOR, users.get(ANDY), Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    return taskId(code, Elements.HANDLE);
  }

  String taskId(String code, String taskKey) {
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("task %s of %s", taskKey, code).isNotNull();
    return task.getId();
  }

  // -------------------------------------------------------------------------------- Tasklist as a person uses it

  static void dubanScriptRuns(Browser b) {
    b.waitUntil(d -> (Boolean) b.script("return document.documentElement.classList.contains('duban-known');"),
        Duration.ofSeconds(60));
  }

  static void openTask(Browser b, String taskId) {
    b.open(TASKLIST + "#/?task=" + taskId);
    dubanScriptRuns(b);
    // the form of this very task (duban's script marks it), not the one shown before
    b.waitFor(By.cssSelector(".task-card [cam-tasklist-form][data-duban-task='" + taskId + "'] .fjs-form"));
  }

  /** A form field found by its label, as a person finds it (never by the form's layout). */
  static WebElement field(Browser b, String label) {
    return b.waitFor(By.xpath(formField(label) + "//*[self::textarea or self::input][not(@type='radio')]"));
  }

  /** The form field a label belongs to (a date field wraps its label one level deeper than a text field). */
  static String formField(String label) {
    return "//label[starts-with(normalize-space(.),'" + label + "')]"
        + "/ancestor::div[contains(concat(' ',normalize-space(@class),' '),' fjs-form-field ')][1]";
  }

  static void choose(Browser b, String option) {
    WebElement radio = b.waitFor(By.xpath("//form[contains(@class,'fjs-form')]//label[input[@type='radio']]"
        + "[starts-with(normalize-space(.),'" + option + "')]"));
    b.script("arguments[0].scrollIntoView({block: 'center'});", radio);
    radio.click();
  }

  /**
   * Types into a field and waits until the form holds it: a field that a choice just revealed may still be mounted
   * again by form-js right after it shows, taking the keys with it (a person would see it empty and type again).
   */
  static void type(Browser b, String label, String text) {
    for (int attempt = 1; ; attempt++) {
      WebElement input = field(b, label);
      b.script("arguments[0].scrollIntoView({block: 'center'});", input);
      input.sendKeys(text);
      try {
        b.waitUntil(d -> text.equals(field(b, label).getAttribute("value")), Duration.ofSeconds(3));
        settle();
        return;
      } catch (org.openqa.selenium.TimeoutException | org.openqa.selenium.StaleElementReferenceException lost) {
        if (attempt == 3) {
          throw lost;
        }
        field(b, label).clear();
      }
    }
  }

  /**
   * form-js takes what was typed into its form state 300 ms after the last key (a debounce); a change of another
   * field before then (the date picker) renders the form from the state without it. A person never types and picks
   * within 300 ms; the test waits as long.
   */
  static void settle() {
    try {
      Thread.sleep(700);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A date, picked in form-js's date picker where the form has one, typed where it is a text field. */
  static void date(Browser b, String label, LocalDate date) {
    // on a phone flatpickr hides its input behind the phone's own date control: found, not necessarily visible
    By own = By.xpath(formField(label) + "//input[not(@type='radio') and not(contains(@class,'flatpickr-mobile'))]");
    b.waitUntil(d -> !d.findElements(own).isEmpty(), Duration.ofSeconds(30));
    WebElement input = b.driver().findElement(own);
    b.script("arguments[0].scrollIntoView({block: 'center'});", input);
    if (Boolean.TRUE.equals(b.script("return !!arguments[0]._flatpickr;", input))) {
      b.script("arguments[0]._flatpickr.setDate(arguments[1], true); arguments[0].blur();", input, date.toString());
    } else {
      input.sendKeys(date.toString());
    }
  }

  static void complete(Browser b) {
    WebElement button = b.waitFor(By.cssSelector(".task-card .form-actions .btn-primary"));
    b.script("arguments[0].scrollIntoView({block: 'center'});", button);
    button.click();
  }

  void signOut(Browser b) {
    b.waitFor(By.cssSelector("[cam-widget-header] li.account > a.dropdown-toggle")).click();
    b.waitFor(By.cssSelector("[cam-widget-header] li.logout a")).click();
    b.waitUntil(d -> d.getCurrentUrl().endsWith("/login?logout"), Duration.ofSeconds(20));
    signedIn.remove(b);
  }

  /** duban's links in the header: label → path. */
  @SuppressWarnings("unchecked")
  static Map<String, String> menuLinks(Browser b) {
    b.waitFor(By.cssSelector("[cam-widget-header] li.duban-menu a"));
    return (Map<String, String>) b.script("var links = {};"
        + "document.querySelectorAll('[cam-widget-header] li.duban-menu a').forEach(function (a) {"
        + "  links[a.firstChild.textContent.trim()] = a.getAttribute('href'); });"
        + "return links;");
  }

  static long visible(Browser b, String selector) {
    return b.all(By.cssSelector(selector)).stream().filter(WebElement::isDisplayed).count();
  }

  static long occurrences(Browser b, String text) {
    return b.driver().findElement(By.tagName("body")).getText().split(java.util.regex.Pattern.quote(text), -1).length - 1;
  }

  /** The webapp's own toasts come a moment after duban's message: the condition must hold for a while. */
  static void assertStaysTrue(Browser b, java.util.function.BooleanSupplier condition, String what) {
    long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    while (System.nanoTime() < until) {
      assertThat(condition.getAsBoolean()).as(what).isTrue();
      b.script("return new Promise(r => setTimeout(r, 100));");
    }
  }
}

package cn.duban.system.web;

import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.lists.ListFiles;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * Bad input and odd requests get a clean answer over {@code /api} and the pages: the right 4xx, a body in Chinese,
 * no Java exception names, never a 500. Each case is a request a person or a script really sends (a NUL byte in a
 * title, malformed JSON, the wrong content type, an unknown address, an upload over the limit through the API and
 * through a page's form, {@code /error} itself). The database outage is {@code DatabaseOutageTest}.
 * {@code /engine-rest} has its own list ({@link #engineCases()}): its bodies keep the engine's shape.
 */
@DubanSpringTest
class CleanAnswersHttpTest {

  /** Over {@code spring.servlet.multipart.max-request-size} (30 MB, DUBAN_UPLOAD_MAX_SIZE's default). */
  static final int OVER_REQUEST_LIMIT = 31 * 1024 * 1024;
  static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  static final Pattern JAVA_NAMES = Pattern.compile(
      "Exception|\\b(java|javax|jakarta|org|com)\\.[a-z]+\\.|\\bat [a-z]+\\.[a-z]+\\.|Whitelabel|Failed to");

  /** One request and the answer it must get. */
  record Case(String name, Supplier<Http.Response> request, int status, String contains) {
  }

  @LocalServerPort int port;

  final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
  Http office;
  Http alice;
  Http browser;
  String csrf;
  String item;

  @BeforeEach
  void signIn() {
    office = Http.basic(port, OFFICE, PASSWORD);
    alice = Http.basic(port, ALICE, PASSWORD);
    browser = Http.browser(port);
    String login = browser.get("/login").body();
    browser.postForm("/login", Map.of("username", OFFICE, "password", PASSWORD,
        "_csrf", IdempotencyHttpTest.field(login, "_csrf")));
    csrf = IdempotencyHttpTest.field(browser.get("/lists", "text/html").body(), "_csrf");
    Map<String, Object> body = new HashMap<>(item("正常的事项"));
    body.put("coUnitIds", List.of(UNIT_B));
    Http.Response issued = office.post("/api/items", body);
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    item = issued.json().get("code").asText();
  }

  Map<String, Object> item(String title) {
    return Map.of("title", title, "unitId", UNIT_A, "leaderId", LEADER, "deadline", today.plusDays(10).toString());
  }

  List<Case> cases() {
    byte[] huge = new byte[OVER_REQUEST_LIMIT];
    byte[] overAttachmentLimit = pdf(1024 * 1024 + 10);
    // an .xlsx carries a NUL as _x0000_ (a CSV with a NUL byte is refused as not being text)
    byte[] nulList = ListFiles.xlsxWithControlCharacters(List.of(ListFiles.row("事项名称", "责任部门", "完成时限"),
        ListFiles.row("开展\u0000排查", "甲科", today.plusDays(30).toString())));
    List<Case> cases = new ArrayList<>(List.of(
        // text with a NUL byte, everywhere duban stores text from people
        new Case("NUL in an item's title", () -> office.post("/api/items", item("开展\u0000排查")), 422, "事项名称"),
        new Case("NUL in a responsible unit", () -> office.post("/api/items",
            Map.of("title", "x", "unitId", "JI\u0000AK", "deadline", today.plusDays(3).toString())), 422, "责任部门"),
        new Case("NUL in a waiver reason", () -> office.post("/api/items/" + item + "/co-units/" + UNIT_B + "/waive",
            Map.of("reason", "理由\u0000")), 422, "豁免理由"),
        new Case("NUL in a list's name", () -> office.upload("/api/lists", "清单.csv",
            "事项名称,责任部门,完成时限\r\n排查,甲科,2099-01-01\r\n".getBytes(StandardCharsets.UTF_8),
            Map.of("name", "清单\u0000")), 422, "清单名称"),
        new Case("NUL in a list's cell", () -> office.upload("/api/lists", "清单.xlsx", nulList,
            Map.of("name", "含NUL的清单")), 422, "控制字符"),
        // Tomcat drops a part whose file name holds a NUL: the file is missing
        new Case("NUL in an attachment's name", () -> office.upload("/api/items/" + item + "/attachments",
            "报告\u0000.pdf", pdf(100)), 400, "file"),
        // requests Spring MVC refuses before duban's code runs
        new Case("malformed JSON", () -> office.postRaw("/api/items", "application/json", "{not json"), 400, "JSON"),
        new Case("wrong content type", () -> office.postRaw("/api/items", "text/plain", "title=x"), 415, "内容类型"),
        new Case("JSON where a file is expected", () -> office.post("/api/lists", Map.of("name", "x")), 415,
            "multipart/form-data"),
        new Case("an unknown address below an item", () -> office.upload("/api/items/" + item + "/attachments-none", "a.pdf",
            pdf(10)), 404, "不存在"),
        new Case("no file in an import", () -> office.postRaw("/api/lists", "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--b--\r\n"), 400, "file"),
        new Case("a method the address does not take", () -> office.delete("/api/items"), 405, "DELETE"),
        new Case("a format that cannot be given", () -> office.get("/api/items", "image/png"), 406, "Accept"),
        new Case("a number that is not one", () -> office.get("/api/items?page=abc"), 400, "page"),
        new Case("an unknown address under /api", () -> office.get("/api/nothing-here"), 404, "不存在"),
        new Case("an unknown item", () -> office.get("/api/items/DB1999-0001"), 404, "不存在"),
        new Case("an unknown page", () -> browser.get("/nothing-here", "text/html"), 404, "不存在"),
        new Case("an unknown item's page", () -> browser.get("/items/DB1999-0001", "text/html"), 404, "不存在"),
        new Case("/error asked for directly", () -> Http.anonymous(port).get("/error"), 404, "不存在"),
        new Case("/error asked for by a browser", () -> Http.anonymous(port).get("/error", "text/html"), 404, "不存在"),
        // uploads over the limits, through the API and through the pages' forms (whose CSRF token is in the body)
        new Case("an attachment over the request limit", () -> alice.upload("/api/items/" + item + "/attachments",
            "大文件.pdf", huge), 413, "30 MB"),
        new Case("an attachment over the attachment limit", () -> office.upload("/api/items/" + item
            + "/attachments", "大文件.pdf", overAttachmentLimit), 413, "超过上限"),
        new Case("a list over the request limit", () -> office.upload("/api/lists", "清单.xlsx", huge,
            Map.of("name", "大清单")), 413, "30 MB"),
        new Case("a list sent in chunks over the request limit", () -> office.uploadStreamed("/api/lists", "清单.xlsx",
            huge, Map.of("name", "大清单")), 413, "30 MB"),
        new Case("the item page's upload over the request limit", () -> browser.with("Accept", "text/html")
            .upload("/items/" + item + "/attachments", "大文件.pdf", huge, Map.of("_csrf", csrf)), 413, "文件过大"),
        new Case("the lists page's import over the request limit", () -> browser.with("Accept", "text/html")
            .upload("/lists/import", "清单.xlsx", huge, Map.of("_csrf", csrf, "name", "大清单")), 413, "30 MB")));
    return cases;
  }

  @Test
  void everyCaseGetsItsStatusAndAChineseAnswerAndNeverA500() {
    SoftAssertions soft = new SoftAssertions();
    for (Case c : cases()) {
      Http.Response response = c.request().get();
      soft.assertThat(response.status()).as(c.name() + ": " + response.body()).isNotEqualTo(500).isEqualTo(c.status());
      soft.assertThat(CJK.matcher(response.body()).find()).as(c.name() + " answers in Chinese: " + response.body())
          .isTrue();
      soft.assertThat(JAVA_NAMES.matcher(response.body()).find())
          .as(c.name() + " names no Java exception: " + response.body()).isFalse();
      soft.assertThat(response.body()).as(c.name()).contains(c.contains());
    }
    soft.assertAll();
  }

  /**
   * The engine's REST API keeps its error shape (Camunda Modeler and Tasklist read {@code type} and {@code message}):
   * its {@code message} is Chinese and free of technical names, the status honest.
   */
  List<Case> engineCases() {
    String taskId = office.get("/engine-rest/task?processInstanceBusinessKey=" + item).json().get(0).get("id").asText();
    Http tasklistPath = Http.basic(port, ALICE, PASSWORD);
    return List.of(
        new Case("malformed JSON", () -> office.postRaw("/engine-rest/task", "application/json", "{not json"), 400,
            "JSON"),
        new Case("a task that does not exist", () -> alice.get("/engine-rest/task/no-such-task"), 404, "不存在"),
        new Case("completing a task that is gone", () -> alice.post("/engine-rest/task/no-such-task/complete",
            Map.of("variables", Map.of())), 409, "已由他人办理"),
        new Case("a field the form does not have", () -> tasklistPath.post("/engine-rest/task/" + taskId
            + "/submit-form", Map.of("variables", Map.of("leaderId", Map.of("value", ALICE)))), 400, "leaderId"),
        new Case("a value of the wrong type", () -> tasklistPath.post("/engine-rest/task/" + taskId + "/submit-form",
            Map.of("variables", Map.of("signForDecision", Map.of("value", "x", "type", "Integer")))), 400, "类型"),
        new Case("an unknown process", () -> office.post("/engine-rest/process-definition/key/no-such/start",
            Map.of()), 404, "不存在"),
        new Case("an unknown address", () -> office.get("/engine-rest/no-such-resource"), 404, "不存在"),
        new Case("a change another site started", () -> office.with("Sec-Fetch-Site", "cross-site")
            .post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", OFFICE)), 403, "其他网站"),
        new Case("an issue another site started", () -> office.with("Sec-Fetch-Site", "cross-site")
            .post("/api/items", item("跨站")), 403, "其他网站"));
  }

  @Test
  void everyEngineCaseGetsItsStatusAndAChineseMessage() {
    SoftAssertions soft = new SoftAssertions();
    for (Case c : engineCases()) {
      Http.Response response = c.request().get();
      soft.assertThat(response.status()).as(c.name() + ": " + response.body()).isNotEqualTo(500).isEqualTo(c.status());
      String message = response.json().has("message") ? response.json().get("message").asText()
          : response.json().path("detail").asText();
      soft.assertThat(CJK.matcher(message).find()).as(c.name() + " says it in Chinese: " + message).isTrue();
      soft.assertThat(JAVA_NAMES.matcher(message).find()).as(c.name() + " names no Java exception: " + message)
          .isFalse();
      soft.assertThat(message).as(c.name()).contains(c.contains());
    }
    soft.assertAll();
  }

  @Test
  void aBrowserIsNeverChallengedForBasicCredentials() {
    Http.Response tool = Http.anonymous(port).get("/api/items");
    assertThat(tool.header("WWW-Authenticate")).startsWith("Basic");
    Http.Response browserCall = Http.anonymous(port).with("Sec-Fetch-Mode", "cors").get("/api/items");
    assertThat(browserCall.status()).isEqualTo(401);
    assertThat(browserCall.header("WWW-Authenticate")).isNull();
  }

  @Test
  void aPageUploadOverTheAttachmentLimitIsShownOnTheItemPage() {
    Http.Response upload = browser.with("Accept", "text/html").upload("/items/" + item + "/attachments", "大文件.pdf",
        pdf(1024 * 1024 + 10), Map.of("_csrf", csrf));
    assertThat(upload.status()).isEqualTo(302);
    assertThat(browser.get("/items/" + item, "text/html").body()).contains("超过上限");
  }

  @Test
  void theUploadFormsCarryTheirLimitForThePagesScript() {
    assertThat(browser.get("/items/" + item, "text/html").body())
        .contains("data-max-bytes=\"1048576\"", "/js/forms");
    assertThat(browser.get("/lists", "text/html").body()).contains("data-max-bytes=\"10485760\"", "data-submit-once");
  }

  @Test
  void answersForPagesAreChinesePagesAndForToolsProblemJson() {
    Http.Response page = browser.get("/items/DB1999-0001", "text/html");
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("<h1>不存在</h1>", "DB1999-0001");
    Http.Response api = office.get("/api/items/DB1999-0001");
    assertThat(api.contentType()).startsWith("application/problem+json");
    assertThat(api.json().get("detail").asText()).contains("DB1999-0001");
    Http.Response unknownApi = office.get("/api/nothing-here", "text/html");
    assertThat(unknownApi.contentType()).as("/api answers problem+json to a browser too")
        .startsWith("application/problem+json");
  }

  private static byte[] pdf(int size) {
    byte[] content = new byte[size];
    System.arraycopy("%PDF-1.4".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 8);
    return content;
  }
}

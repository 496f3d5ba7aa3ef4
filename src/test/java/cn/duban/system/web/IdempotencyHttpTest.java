package cn.duban.system.web;

import static cn.duban.lists.ListFiles.row;
import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.lists.ListFiles;
import cn.duban.support.Concurrently;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * {@code Idempotency-Key} on {@code POST /api/items} and {@code POST /api/lists}, and the key the lists page sends
 * with its form: the same key and content give the first result, once; other content with the key is a conflict;
 * requests with one key at the same moment make one item; keys expire after 24 h.
 */
@DubanSpringTest
class IdempotencyHttpTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired Idempotency idempotency;

  final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  Http office(String key) {
    return Http.basic(port, OFFICE, PASSWORD).with(Idempotency.HEADER, key);
  }

  Map<String, Object> item(String title) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("requirement", "按要求完成。");
    body.put("unitId", UNIT_A);
    body.put("leaderId", LEADER);
    body.put("deadline", today.plusDays(10).toString());
    return body;
  }

  long items(String title) {
    return jdbc.queryForObject("select count(*) from duban.item where title = ?", Long.class, title);
  }

  long lists(String name) {
    return jdbc.queryForObject("select count(*) from duban.task_list where name = ?", Long.class, name);
  }

  byte[] listFile(String title) {
    return ListFiles.xlsx(List.of(row("序号", "事项名称", "责任部门", "完成时限"),
        row("1", title, "甲科", today.plusDays(30).toString())));
  }

  @Test
  void theSameKeyAndBodySentTwiceIssueOneItemAndAnswerTheFirstResultAgain() {
    String key = UUID.randomUUID().toString();
    Http.Response first = office(key).post("/api/items", item("幂等交办一次"));
    Http.Response again = office(key).post("/api/items", item("幂等交办一次"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(again.location()).isEqualTo(first.location());
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(items("幂等交办一次")).isEqualTo(1);

    // without a key, a second request is a second item (as before)
    Http plain = Http.basic(port, OFFICE, PASSWORD);
    assertThat(plain.post("/api/items", item("无键交办")).status()).isEqualTo(201);
    assertThat(plain.post("/api/items", item("无键交办")).status()).isEqualTo(201);
    assertThat(items("无键交办")).isEqualTo(2);
  }

  @Test
  void theSameKeyWithAnotherBodyIsAConflictInChinese() {
    String key = UUID.randomUUID().toString();
    assertThat(office(key).post("/api/items", item("键冲突甲")).status()).isEqualTo(201);
    Http.Response other = office(key).post("/api/items", item("键冲突乙"));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().get("detail").asText()).contains("幂等键", key, "内容不同");
    assertThat(items("键冲突乙")).isZero();
  }

  @Test
  void keysBelongToTheirUser() {
    String key = UUID.randomUUID().toString();
    Http.Response olivia = office(key).post("/api/items", item("各自的键"));
    Http.Response admin = Http.basic(port, ADMIN, ADMIN_PASSWORD).with(Idempotency.HEADER, key)
        .post("/api/items", item("各自的键"));
    assertThat(admin.status()).isEqualTo(201);
    assertThat(admin.json().get("code")).isNotEqualTo(olivia.json().get("code"));
  }

  @Test
  void aKeyThatIsNotAPrintableTokenIsRefusedNamingTheHeader() {
    Http.Response refused = office("a key with spaces").post("/api/items", item("坏键"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo(Idempotency.HEADER);
    assertThat(items("坏键")).isZero();
  }

  @Test
  void aDoubleSubmitAtTheSameMomentMakesOneItem() throws Exception {
    String key = UUID.randomUUID().toString();
    List<Http.Response> responses = Concurrently.run(6, n -> office(key).post("/api/items", item("双击交办")));
    Set<String> codes = new HashSet<>();
    for (Http.Response r : responses) {
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      codes.add(r.json().get("code").asText());
    }
    assertThat(codes).hasSize(1);
    assertThat(items("双击交办")).isEqualTo(1);
  }

  /** A first request whose work goes on until {@code end} is counted down, and a second one with the same key. */
  record TwoRequests(Future<Idempotency.Outcome<String>> first, Future<Idempotency.Outcome<String>> second,
                     CountDownLatch end) {
  }

  /** Starts the first request, then the second while the first is still at work; the second must be waiting. */
  TwoRequests secondWhileFirstWorks(ExecutorService threads, Supplier<String> firstWork) throws Exception {
    String key = UUID.randomUUID().toString();
    CountDownLatch working = new CountDownLatch(1);
    CountDownLatch end = new CountDownLatch(1);
    Future<Idempotency.Outcome<String>> first = threads.submit(() -> idempotency.once(OFFICE, key, "test.race",
        "同样的内容", String.class, () -> {
          working.countDown();
          await(end);
          return firstWork.get();
        }));
    assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
    Future<Idempotency.Outcome<String>> second = threads.submit(() -> idempotency.once(OFFICE, key, "test.race",
        "同样的内容", String.class, () -> "第二次的结果"));
    assertThatThrownBy(() -> second.get(1, TimeUnit.SECONDS)).as("waits on the first request's key")
        .isInstanceOf(TimeoutException.class);
    return new TwoRequests(first, second, end);
  }

  @Test
  void aSecondRequestWaitsForTheFirstAndGetsItsResult() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      TwoRequests two = secondWhileFirstWorks(threads, () -> "第一次的结果");
      two.end().countDown();
      assertThat(two.first().get(10, TimeUnit.SECONDS)).isEqualTo(new Idempotency.Outcome<>("第一次的结果", false));
      assertThat(two.second().get(10, TimeUnit.SECONDS)).isEqualTo(new Idempotency.Outcome<>("第一次的结果", true));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void whenTheFirstRequestFailsTheSecondDoesTheWork() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      TwoRequests two = secondWhileFirstWorks(threads, () -> {
        throw new IllegalStateException("the first request fails");
      });
      two.end().countDown();
      assertThatThrownBy(() -> two.first().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
      assertThat(two.second().get(10, TimeUnit.SECONDS)).isEqualTo(new Idempotency.Outcome<>("第二次的结果", false));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void keysExpireAfterADayAndAreRemoved() {
    String key = UUID.randomUUID().toString();
    assertThat(office(key).post("/api/items", item("过期前")).status()).isEqualTo(201);
    ClockUtil.setCurrentTime(Date.from(java.time.Instant.now().plus(Idempotency.KEPT).plusSeconds(60)));
    assertThat(idempotency.removeExpired()).isPositive();
    assertThat(jdbc.queryForObject("select count(*) from duban.idempotency_key where idem_key = ?", Long.class, key))
        .isZero();
    // the key may be used again, for anything
    assertThat(office(key).post("/api/items", item("过期后")).status()).isEqualTo(201);
    assertThat(items("过期后")).isEqualTo(1);
  }

  @Test
  void theSameFileImportedTwiceWithOneKeyMakesOneList() {
    String key = UUID.randomUUID().toString();
    byte[] file = listFile("幂等导入的事项");
    Map<String, String> fields = Map.of("name", "幂等导入的清单");
    // each upload has its own multipart boundary: the key compares the file and the fields, not the raw body
    Http.Response first = office(key).upload("/api/lists", "清单.xlsx", file, fields);
    Http.Response again = office(key).upload("/api/lists", "清单.xlsx", file, fields);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().get("listCode")).isEqualTo(first.json().get("listCode"));
    assertThat(again.json().get("itemCodes")).isEqualTo(first.json().get("itemCodes"));
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    assertThat(lists("幂等导入的清单")).isEqualTo(1);

    Http.Response otherFile = office(key).upload("/api/lists", "清单.xlsx", listFile("另一个事项"), fields);
    assertThat(otherFile.status()).isEqualTo(409);
    Http.Response otherName = office(key).upload("/api/lists", "清单.xlsx", file, Map.of("name", "另一个名称"));
    assertThat(otherName.status()).isEqualTo(409);
    assertThat(otherName.json().get("detail").asText()).contains("幂等键");

    // a dry run creates nothing: the key is not spent on it
    String dryKey = UUID.randomUUID().toString();
    assertThat(office(dryKey).upload("/api/lists", "清单.xlsx", file,
        Map.of("name", "试运行后导入", "dryRun", "true")).status()).isEqualTo(200);
    assertThat(office(dryKey).upload("/api/lists", "清单.xlsx", file, Map.of("name", "试运行后导入")).status())
        .isEqualTo(201);
  }

  @Test
  void theListsPageSendsAKeyWithItsFormSoThatSendingItTwiceImportsOneList() {
    Http browser = Http.browser(port);
    String login = browser.get("/login").body();
    browser.postForm("/login", Map.of("username", OFFICE, "password", PASSWORD, "_csrf", field(login, "_csrf")));
    String page = browser.get("/lists", "text/html").body();
    String key = field(page, Idempotency.FORM_FIELD);
    assertThat(field(browser.get("/lists", "text/html").body(), Idempotency.FORM_FIELD))
        .as("a new key for each rendering of the form").isNotEqualTo(key);

    byte[] file = listFile("页面幂等导入的事项");
    Map<String, String> form = Map.of("name", "页面幂等导入的清单", "_csrf", field(page, "_csrf"),
        Idempotency.FORM_FIELD, key);
    Http.Response first = browser.upload("/lists/import", "清单.xlsx", file, form);
    Http.Response again = browser.upload("/lists/import", "清单.xlsx", file, form);
    assertThat(first.status()).as(first.body()).isEqualTo(302);
    assertThat(first.location()).contains("/lists/QD");
    assertThat(again.status()).isEqualTo(302);
    assertThat(again.location()).isEqualTo(first.location());
    assertThat(lists("页面幂等导入的清单")).isEqualTo(1);
  }

  static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("the page has a field " + name).isTrue();
    return m.group(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

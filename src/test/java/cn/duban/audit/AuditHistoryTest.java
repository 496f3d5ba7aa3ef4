package cn.duban.audit;

import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess.Decisions;
import cn.duban.item.ItemProcess.Elements;
import cn.duban.item.ItemProcess.Variables;
import cn.duban.item.ItemQueries;
import cn.duban.item.ItemService;
import cn.duban.item.ItemTasks;
import cn.duban.item.TimelineEvent;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Users;
import cn.duban.system.Digests;

/**
 * An item that went through 退回 (and 改派), the escalation ladder up to 督办, an approved 延期 and 销号: its
 * timeline, the audit search over it and its export, as auditors see them. The item is made once, before the first
 * test (not in a {@code @BeforeAll}: the process test coverage records only within a test).
 */
@DubanSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditHistoryTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired ItemService items;
  @Autowired ItemQueries itemQueries;
  @Autowired ItemTasks tasks;
  @Autowired Users users;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @LocalServerPort int port;

  String code;
  String instanceId;

  static Date at(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  void work(String when, String taskKey, String user, Map<String, Object> values) {
    ClockUtil.setCurrentTime(at(when));
    tasks.complete(code, taskKey, users.get(user), values);
  }

  void fire(String timerId) {
    var job = managementService.createJobQuery().processInstanceId(instanceId).activityId(timerId).singleResult();
    assertThat(job).as("timer " + timerId).isNotNull();
    ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() + 1000));
    managementService.executeJob(job.getId());
  }

  /** Deadline 2026-12-15; 甲科 returns it, the office gives it to 乙科, bob lets it go overdue into 督办. */
  @BeforeEach
  void itemThroughReturnEscalationExtensionAndSignOff() {
    if (code != null) {
      return;
    }
    try {
      ClockUtil.setCurrentTime(at("2026-12-01T10:00:00"));
      code = items.issue(new ItemDraft("清理历史欠税", "逐户清理并报送台账", UNIT_A, null, List.of(), LEADER,
          "2026-12-15", null, null), users.get(OFFICE), false);
      instanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
      work("2026-12-01T11:00:00", Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, Decisions.RETURN,
          Variables.RETURN_REASON, "属于乙科职责"));
      work("2026-12-01T14:00:00", Elements.REASSIGN, OFFICE, Map.of(Variables.NEW_UNIT_ID, UNIT_B));
      work("2026-12-02T09:30:00", Elements.SIGN_FOR, BOB, Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
      fire(Elements.TIMER_REMINDER);
      fire(Elements.TIMER_OVERDUE);
      fire(Elements.TIMER_SUPERVISE);
      work("2026-12-17T10:00:00", Elements.SUPERVISE, OFFICE, Map.of(Variables.SUPERVISION_ORDER, "限 12 月 18 日前报送进度"));
      work("2026-12-17T15:00:00", Elements.HANDLE, BOB, Map.of(Variables.HANDLE_ACTION, Decisions.EXTEND,
          Variables.EXTENSION_REASON, "需外省协查", Variables.EXTENSION_DATE, "2026-12-31"));
      work("2026-12-18T09:00:00", Elements.APPROVE_EXTENSION, LEADER,
          Map.of(Variables.EXTENSION_DECISION, Decisions.APPROVE));
      work("2026-12-28T16:00:00", Elements.HANDLE, BOB, Map.of(Variables.HANDLE_ACTION, Decisions.COMPLETE,
          Variables.RESULT_TEXT, "已全部清理"));
      work("2026-12-29T10:00:00", Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    } finally {
      ClockUtil.reset();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  Http as(String user) {
    return Http.basic(port, user, PASSWORD);
  }

  static String step(TimelineEvent e) {
    return e.kind() + (e.action() == null ? "" : ":" + e.action()) + "@" + e.actor();
  }

  @Test
  void timelineHoldsEachStepOnceInOrderWithItsActor() {
    List<TimelineEvent> timeline = itemQueries.detail(code, users.get(AUDITOR)).timeline();

    List<String> steps = timeline.stream()
        .filter(e -> !e.kind().equals("TASK_CREATED") && !e.kind().equals("OPERATION"))
        .map(AuditHistoryTest::step).toList();
    assertThat(steps).containsExactly(
        "ISSUED@olivia",
        "TASK_COMPLETED:RETURN@alice",
        "TASK_COMPLETED:REASSIGN@olivia",
        "TASK_COMPLETED:ACCEPT@bob",
        "ESCALATION:REMIND@null",
        "ESCALATION:CHASE@null",
        "ESCALATION:SUPERVISE@null",
        "TASK_COMPLETED:SUPERVISION_ORDER@olivia",
        "TASK_COMPLETED:EXTEND@bob",
        "TASK_COMPLETED:APPROVE@leo",
        "DEADLINE_CHANGED@leo",
        "TASK_COMPLETED:COMPLETE@bob",
        "TASK_COMPLETED:SIGN_OFF@olivia",
        "CLOSED@null");

    // every task's creation and its claim (who took it) are there once too
    assertThat(timeline.stream().filter(e -> e.kind().equals("TASK_CREATED")).map(TimelineEvent::taskName))
        .containsExactly("签收", "改派", "签收", "承办", "督办", "延期审批", "承办", "审核销号");
    assertThat(timeline.stream().filter(e -> "Claim".equals(e.action())).map(TimelineEvent::actor))
        .containsExactly(ALICE, OFFICE, BOB, OFFICE, OFFICE);
    Set<String> seen = new HashSet<>();
    for (TimelineEvent e : timeline) {
      assertThat(seen.add(e.time() + "|" + e.kind() + "|" + e.action() + "|" + e.taskId() + "|" + e.label()))
          .as("once: " + e).isTrue();
    }
    assertThat(timeline).extracting(TimelineEvent::time).isSorted();

    TimelineEvent returned = only(timeline, "RETURN");
    assertThat(returned.label()).isEqualTo("完成任务「签收」：退回");
    assertThat(returned.details()).containsEntry("退回理由", "属于乙科职责");
    assertThat(only(timeline, "REASSIGN").details()).containsEntry("新的责任部门", UNIT_B);
    TimelineEvent changed = timeline.stream().filter(e -> e.kind().equals("DEADLINE_CHANGED")).findFirst().orElseThrow();
    assertThat(changed.details()).containsEntry("原完成时限", "2026-12-15").containsEntry("新完成时限", "2026-12-31")
        .containsEntry("申请人", "鲍勃").containsEntry("批准人", "李领").containsEntry("延期理由", "需外省协查");
    assertThat(only(timeline, "EXTEND").details()).containsEntry("申请延期至", "2026-12-31");
    assertThat(only(timeline, "SUPERVISE").details().get("通知对象")).isEqualTo("李领");
    assertThat(only(timeline, "REMIND").details().get("通知对象")).isEqualTo("鲍勃");
    assertThat(only(timeline, "SUPERVISION_ORDER").details()).containsEntry("督办要求", "限 12 月 18 日前报送进度");
    assertThat(only(timeline, "COMPLETE").details()).containsEntry("办结情况", "已全部清理");
    TimelineEvent created = timeline.stream().filter(e -> e.kind().equals("TASK_CREATED")).toList().get(2);
    assertThat(created.details()).containsEntry("候选部门", "乙科");
  }

  static TimelineEvent only(List<TimelineEvent> timeline, String action) {
    List<TimelineEvent> found = timeline.stream().filter(e -> action.equals(e.action())).toList();
    assertThat(found).as(action).hasSize(1);
    return found.get(0);
  }

  @Test
  void auditorsFindTheEventsByItemPersonKindAndPeriod() {
    Http auditor = as(AUDITOR);
    JsonNode all = auditor.get("/api/audit?item=" + code + "&size=500").json();
    List<TimelineEvent> timeline = itemQueries.detail(code, users.get(AUDITOR)).timeline();
    assertThat(all.get("total").asInt()).isEqualTo(timeline.size());
    assertThat(all.get("entries").get(0).get("kind").asText()).as("newest first").isEqualTo("CLOSED");
    assertThat(all.get("entries").findValuesAsText("itemCode")).containsOnly(code);

    JsonNode returns = auditor.get("/api/audit?item=" + code + "&kind=RETURN").json();
    assertThat(returns.get("total").asInt()).isEqualTo(1);
    assertThat(returns.at("/entries/0/actor").asText()).isEqualTo(ALICE);
    assertThat(returns.at("/entries/0/unitName").asText()).isEqualTo("乙科");

    JsonNode leo = auditor.get("/api/audit?item=" + code + "&person=" + LEADER).json();
    assertThat(leo.get("entries").findValuesAsText("label"))
        .containsExactly("完成时限变更：2026-12-15 → 2026-12-31", "完成任务「延期审批」：同意延期");

    JsonNode escalations = auditor.get("/api/audit?unit=" + UNIT_B + "&from=2026-12-10&to=2026-12-17&kind=ESCALATION")
        .json();
    assertThat(escalations.get("entries").findValuesAsText("action")).contains("REMIND", "CHASE", "SUPERVISE");
    assertThat(escalations.get("entries").findValuesAsText("itemCode")).contains(code);
    JsonNode outside = auditor.get("/api/audit?item=" + code + "&from=2027-01-01").json();
    assertThat(outside.get("total").asInt()).isZero();

    Http.Response bad = auditor.get("/api/audit?kind=NOPE&from=2026-13-01");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("errors").findValuesAsText("field")).contains("kind", "from");
  }

  @Test
  void cadresMayNotSearchAndUnitHeadsSeeOnlyTheirUnits() {
    assertThat(as(ANDY).get("/api/audit").status()).isEqualTo(403);
    assertThat(as(ANDY).get("/api/audit/export?format=csv").status()).isEqualTo(403);
    assertThat(as(BOB).get("/api/audit?item=" + code).status()).isEqualTo(403);
    // alice heads 甲科; the item went to 乙科, so its events are not hers to search
    JsonNode alice = as(ALICE).get("/api/audit?item=" + code).json();
    assertThat(alice.get("total").asInt()).isZero();
    assertThat(as(ALICE).get("/api/audit/exports").status()).isEqualTo(403);
    assertThat(as(OFFICE).get("/api/audit?item=" + code).json().get("total").asInt()).isPositive();
    assertThat(as(LEADER).get("/api/audit?item=" + code).json().get("total").asInt()).isPositive();
    assertThat(as(ANDY).get("/audit", "text/html").status()).isEqualTo(403);
    Http.Response page = as(AUDITOR).get("/audit?item=" + code, "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("完成任务「签收」：退回", "导出 Excel", "审计</a>");
  }

  @Test
  void exportsCarryTheDigestOfTheirBytesAndAreLogged() throws Exception {
    int rows = itemQueries.detail(code, users.get(AUDITOR)).timeline().size();
    HttpResponse<byte[]> csv = download("/api/audit/export?format=csv&item=" + code);
    assertThat(csv.statusCode()).isEqualTo(200);
    byte[] body = csv.body();
    String digest = Digests.sha256(body);
    assertThat(csv.headers().firstValue("X-Duban-SHA256")).contains(digest);
    assertThat(body[0]).isEqualTo((byte) 0xEF);
    String text = new String(body, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF时间,事项编号,事项名称").contains("属于乙科职责");
    assertThat(text.split("\r\n")).hasSize(rows + 1);

    HttpResponse<byte[]> xlsx = download("/api/audit/export?item=" + code + "&kind=RETURN");
    assertThat(xlsx.headers().firstValue("X-Duban-SHA256")).contains(Digests.sha256(xlsx.body()));
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      var sheet = workbook.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(1);
      assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo(code);
      assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("完成任务");
      assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("退回");
      assertThat(sheet.getRow(1).getCell(8).getStringCellValue()).isEqualTo("爱丽");
    }

    List<String> logged = new ArrayList<>();
    for (JsonNode export : as(AUDITOR).get("/api/audit/exports").json()) {
      logged.add(export.get("exportedBy").asText() + "|" + export.get("format").asText() + "|"
          + export.get("filters").asText() + "|" + export.get("rowCount").asInt() + "|" + export.get("sha256").asText());
    }
    assertThat(logged).contains(AUDITOR + "|CSV|item=" + code + "|" + rows + "|" + digest,
        AUDITOR + "|XLSX|item=" + code + "&kind=RETURN|1|" + Digests.sha256(xlsx.body()));
    assertThat(as(AUDITOR).get("/api/audit/export?format=pdf").status()).isEqualTo(422);
  }

  HttpResponse<byte[]> download(String path) throws Exception {
    String token = Base64.getEncoder().encodeToString((AUDITOR + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}

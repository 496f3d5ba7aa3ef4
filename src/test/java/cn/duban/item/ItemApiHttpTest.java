package cn.duban.item;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.EVE;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/** duban over HTTP as its users' tools use it: scripts with HTTP Basic on /engine-rest and /api. */
@DubanSpringTest
class ItemApiHttpTest {

  @LocalServerPort int port;

  final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  Http as(String user) {
    return Http.basic(port, user, ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD);
  }

  String issue(String title, String unit) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("requirement", "按要求完成并报送。");
    body.put("unitId", unit);
    body.put("leaderId", LEADER);
    body.put("deadline", today.plusDays(15).toString());
    body.put("reportingCycle", "每周");
    Http.Response response = as(OFFICE).post("/api/items", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("code").asText();
  }

  JsonNode onlyTask(Http who, String code) {
    JsonNode tasks = who.get("/engine-rest/task?processInstanceBusinessKey=" + code).json();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  static Map<String, Object> vars(Object... nameValues) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      variables.put((String) nameValues[i], Map.of("value", nameValues[i + 1]));
    }
    return Map.of("variables", variables);
  }

  void claimAndComplete(Http who, String user, String code, Map<String, Object> variables) {
    String taskId = onlyTask(who, code).get("id").asText();
    assertThat(who.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
    Http.Response completed = who.post("/engine-rest/task/" + taskId + "/complete", variables);
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
  }

  @Test
  void unauthenticatedCallsGet401AndBrowsersTheLoginPage() {
    Http anonymous = Http.anonymous(port);
    for (String path : List.of("/api/items", "/api/me", "/engine-rest/task", "/engine-rest/engine",
        "/camunda/api/engine/engine/default/task", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
        "/camunda/app/tasklist/scripts/config.js")) {
      assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
    }
    // the webapps' own probes answer as in Camunda, so their login form works: nobody signed in, engine names
    assertThat(anonymous.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(404);
    assertThat(anonymous.get("/camunda/api/engine/engine/").json().findValuesAsText("name")).containsExactly("default");
    assertThat(anonymous.post("/api/items", Map.of("title", "x")).status()).isEqualTo(401);
    assertThat(anonymous.post("/engine-rest/process-definition/key/duban-item/start", Map.of()).status()).isEqualTo(401);
    Http.Response api = anonymous.get("/api/items");
    assertThat(api.contentType()).startsWith("application/problem+json");
    assertThat(api.json().get("detail").asText()).contains("请先登录");
    Http.Response page = anonymous.get("/", "text/html");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login");
    assertThat(anonymous.get("/login").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    assertThat(Http.basic(port, EVE, "wrong").get("/api/items").status()).isEqualTo(401);
    assertThat(Http.basic(port, EVE, "wrong").get("/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  void itemGoesFromIssueToSignOffThroughEngineRestAndApi() {
    String code = issue("全面落实组合式税费支持政策", UNIT_A);
    Http alice = as(ALICE);
    assertThat(onlyTask(alice, code).get("name").asText()).isEqualTo("签收");

    claimAndComplete(alice, ALICE, code, vars("signForDecision", "ACCEPT"));
    claimAndComplete(alice, ALICE, code, vars("handleAction", "PROGRESS", "progressText", "已完成第一轮政策辅导"));
    Http.Response upload = alice.upload("/api/items/" + code + "/attachments", "辅导记录.pdf",
        "%PDF-1.4 evidence".getBytes());
    assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    claimAndComplete(alice, ALICE, code, vars("handleAction", "COMPLETE", "resultText", "政策已全部落实到位"));

    Http office = as(OFFICE);
    assertThat(office.get("/api/items/" + code).json().at("/item/status").asText()).isEqualTo("PENDING_SIGNOFF");
    claimAndComplete(office, OFFICE, code, vars("signOffDecision", "SIGN_OFF", "qualityRating", "EXCELLENT"));

    JsonNode detail = alice.get("/api/items/" + code).json();
    assertThat(detail.at("/item/status").asText()).isEqualTo("CLOSED");
    assertThat(detail.at("/item/statusLabel").asText()).isEqualTo("已销号");
    assertThat(detail.at("/item/qualityRatingLabel").asText()).isEqualTo("优秀");
    assertThat(detail.at("/item/light").asText()).isEqualTo("CLOSED_ON_TIME");
    assertThat(detail.at("/item/assignee").asText()).isEqualTo(ALICE);
    assertThat(detail.get("progressReports")).extracting(r -> r.get("content").asText())
        .containsExactly("已完成第一轮政策辅导", "政策已全部落实到位");
    assertThat(detail.get("attachments")).extracting(a -> a.get("fileName").asText()).containsExactly("辅导记录.pdf");

    List<String> kinds = new ArrayList<>();
    List<String> completedBy = new ArrayList<>();
    for (JsonNode event : detail.get("timeline")) {
      kinds.add(event.get("kind").asText());
      if ("TASK_COMPLETED".equals(event.get("kind").asText())) {
        completedBy.add(event.get("taskName").asText() + ":" + event.get("actor").asText());
      }
    }
    assertThat(kinds.get(0)).isEqualTo("ISSUED");
    assertThat(kinds.get(kinds.size() - 1)).isEqualTo("CLOSED");
    assertThat(completedBy).containsExactly("签收:alice", "承办:alice", "承办:alice", "审核销号:olivia");
    assertThat(detail.get("timeline").get(0).get("actor").asText()).isEqualTo(OFFICE);

    // as people read it: the uploader's name and the file's real size; no technical words in the timeline
    assertThat(detail.at("/attachments/0/uploadedByName").asText()).isEqualTo("爱丽");
    for (JsonNode event : detail.get("timeline")) {
      if ("Claim".equals(event.get("action").asText())) {
        assertThat(event.at("/details/对象").asText()).isEqualTo("任务");
      }
    }
    String page = alice.get("/items/" + code, "text/html").body();
    assertThat(page).contains("辅导记录.pdf", "17 字节 · 爱丽 · ").doesNotContain("0 KB", "· alice", ">Task<");
  }

  @Test
  void coUnitsSignForAndReportTheirPartThroughTasklistsFormSubmission() {
    Map<String, Object> body = new HashMap<>();
    body.put("title", "联合开展发票风险排查");
    body.put("unitId", UNIT_A);
    body.put("coUnitIds", List.of(UNIT_B));
    body.put("deadline", today.plusDays(15).toString());
    String code = as(OFFICE).post("/api/items", body).json().get("code").asText();
    Http bob = as(BOB);
    String signFor = bob.get("/engine-rest/task?processInstanceBusinessKey=" + code).json().get(0).get("id").asText();
    assertThat(bob.post("/engine-rest/task/" + signFor + "/claim", Map.of("userId", BOB)).status()).isEqualTo(204);
    assertThat(bob.post("/engine-rest/task/" + signFor + "/submit-form", Map.of("variables", Map.of())).status())
        .isEqualTo(204);
    JsonNode report = bob.get("/engine-rest/task?processInstanceBusinessKey=" + code).json().get(0);
    assertThat(report.get("name").asText()).isEqualTo("协办反馈");
    assertThat(report.get("assignee").asText()).isEqualTo(BOB);
    Http.Response submitted = bob.post("/engine-rest/task/" + report.get("id").asText() + "/submit-form",
        vars("coUnitReport", "乙科已排查 30 户"));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(204);

    JsonNode parts = as(ALICE).get("/api/items/" + code).json().get("coUnitParts");
    assertThat(parts).hasSize(1);
    assertThat(parts.at("/0/status").asText()).isEqualTo("DONE");
    assertThat(parts.at("/0/report").asText()).isEqualTo("乙科已排查 30 户");
    assertThat(as(OFFICE).post("/api/items/" + code + "/co-units/" + UNIT_B + "/waive", Map.of("reason", "x")).status())
        .as("a part already done cannot be waived").isEqualTo(409);
    assertThat(as(ALICE).post("/api/items/" + code + "/co-units/" + UNIT_B + "/waive", Map.of("reason", "x")).status())
        .isEqualTo(403);
  }

  @Test
  void aMemberOfAnotherUnitGetsNothingOfTheItem() {
    String code = issue("开展发票风险排查", UNIT_A);
    JsonNode task = onlyTask(as(ALICE), code);
    String taskId = task.get("id").asText();
    String instanceId = task.get("processInstanceId").asText();
    Http bob = as(BOB);

    assertThat(bob.get("/engine-rest/task?processInstanceBusinessKey=" + code).json()).isEmpty();
    assertThat(bob.get("/engine-rest/task/" + taskId).status()).isIn(403, 404);
    assertThat(bob.get("/engine-rest/task/" + taskId + "/variables").status()).isIn(403, 404);
    assertThat(bob.get("/engine-rest/task/" + taskId + "/form-variables").status()).isIn(403, 404);
    assertThat(bob.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", BOB)).status()).isIn(403, 404);
    assertThat(bob.post("/engine-rest/task/" + taskId + "/complete", vars("signForDecision", "ACCEPT")).status())
        .isIn(403, 404);
    assertThat(bob.get("/engine-rest/process-instance/" + instanceId + "/variables").status()).isIn(403, 404);
    assertThat(bob.get("/engine-rest/variable-instance?processInstanceIdIn=" + instanceId).json()).isEmpty();
    assertThat(bob.get("/engine-rest/history/task?processInstanceId=" + instanceId).json()).isEmpty();
    assertThat(bob.get("/engine-rest/history/variable-instance?processInstanceId=" + instanceId).json()).isEmpty();
    assertThat(bob.get("/engine-rest/history/process-instance?processInstanceId=" + instanceId).json()).isEmpty();
    for (JsonNode filter : bob.get("/engine-rest/filter?resourceType=Task").json()) {
      JsonNode listed = bob.post("/engine-rest/filter/" + filter.get("id").asText() + "/list", Map.of()).json();
      assertThat(listed.findValuesAsText("id")).doesNotContain(taskId);
    }
    assertThat(bob.get("/api/items/" + code).status()).isEqualTo(404);
    assertThat(bob.get("/api/items?size=200").json().findValuesAsText("code")).doesNotContain(code);

    // and the task is untouched: still waiting for 甲科, unclaimed
    JsonNode still = onlyTask(as(ALICE), code);
    assertThat(still.get("assignee").isNull()).isTrue();
    assertThat(still.get("name").asText()).isEqualTo("签收");
    // while alice's own unit sees it everywhere
    assertThat(as(ALICE).get("/api/items/" + code).status()).isEqualTo(200);
  }

  @Test
  void auditorsReadEverythingAndWriteNothing() {
    String code = issue("整改巡察反馈问题", UNIT_A);
    JsonNode task = onlyTask(as(ALICE), code);
    String taskId = task.get("id").asText();
    String instanceId = task.get("processInstanceId").asText();
    Http auditor = as(AUDITOR);

    assertThat(auditor.get("/api/items/" + code).status()).isEqualTo(200);
    assertThat(auditor.get("/engine-rest/history/task?processInstanceId=" + instanceId).json()).isNotEmpty();
    assertThat(auditor.get("/engine-rest/task/" + taskId).status()).isEqualTo(200);
    assertThat(auditor.post("/engine-rest/task", Map.of("processInstanceId", instanceId)).status()).isEqualTo(200);

    long before = as(OFFICE).get("/api/items?size=1").json().get("total").asLong();
    Map<String, Object> item = Map.of("title", "审计不能交办", "unitId", UNIT_A, "deadline", today.plusDays(3).toString());
    assertThat(auditor.post("/api/items", item).status()).isEqualTo(403);
    assertThat(auditor.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", AUDITOR)).status()).isEqualTo(403);
    assertThat(auditor.post("/engine-rest/task/" + taskId + "/complete", vars("signForDecision", "ACCEPT")).status())
        .isEqualTo(403);
    assertThat(auditor.post("/engine-rest/process-definition/key/duban-item/start", Map.of()).status()).isEqualTo(403);
    assertThat(auditor.delete("/engine-rest/process-instance/" + instanceId).status()).isEqualTo(403);
    assertThat(auditor.put("/engine-rest/task/" + taskId, Map.of("name", "改名")).status()).isEqualTo(403);
    assertThat(auditor.put("/api/admin/units/" + UNIT_A + "/heads", Map.of("heads", List.of(ALICE))).status())
        .isEqualTo(403);
    assertThat(auditor.upload("/api/items/" + code + "/attachments", "a.pdf", "%PDF".getBytes()).status()).isEqualTo(403);
    assertThat(auditor.post("/api/items", item).json().get("detail").asText()).contains("审计");

    assertThat(as(OFFICE).get("/api/items?size=1").json().get("total").asLong()).isEqualTo(before);
    assertThat(onlyTask(as(ALICE), code).get("assignee").isNull()).isTrue();
  }

  @Test
  void badInputIsRefusedWithEveryProblemInChineseAndNothingCreated() {
    long before = as(OFFICE).get("/api/items?size=1").json().get("total").asLong();
    Map<String, Object> bad = new HashMap<>();
    bad.put("title", " ");
    bad.put("unitId", "NO-SUCH-UNIT");
    bad.put("deadline", today.minusDays(1).toString());
    bad.put("leaderId", ALICE);
    Http.Response response = as(OFFICE).post("/api/items", bad);
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("detail").asText()).contains("未创建任何事项");
    assertThat(problem.get("errors").findValuesAsText("field")).contains("title", "unitId", "deadline", "leaderId");
    assertThat(problem.get("errors").findValuesAsText("message"))
        .contains("事项名称不能为空", "责任部门「NO-SUCH-UNIT」不存在", "完成时限不能早于今天（" + today + "）");

    assertThat(as(OFFICE).postRaw("/api/items", "application/json", "{not json").status()).isEqualTo(400);
    assertThat(as(OFFICE).post("/api/items", Map.of("title", "x", "unitId", UNIT_A, "deadline", "31/12/2026"))
        .json().get("errors").findValuesAsText("message")).contains("完成时限不是有效日期，请写成 2026-12-31 的形式");
    // only the office and admins issue items
    Http.Response cadre = as(ALICE).post("/api/items", Map.of("title", "x", "unitId", UNIT_A,
        "deadline", today.plusDays(1).toString()));
    assertThat(cadre.status()).isEqualTo(403);
    assertThat(cadre.json().get("detail").asText()).contains("督查室");

    assertThat(as(OFFICE).get("/api/items?size=1").json().get("total").asLong()).isEqualTo(before);
  }

  @Test
  void attachmentsAreCheckedForSizeAndTypeAndNothingIsStoredOtherwise() {
    String code = issue("核查发票异常数据", UNIT_A);
    Http alice = as(ALICE);
    claimAndComplete(alice, ALICE, code, vars("signForDecision", "ACCEPT"));

    byte[] oversized = new byte[1024 * 1024 + 10];
    oversized[0] = '%';
    oversized[1] = 'P';
    oversized[2] = 'D';
    oversized[3] = 'F';
    Http.Response tooLarge = alice.upload("/api/items/" + code + "/attachments", "大文件.pdf", oversized);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().get("detail").asText()).contains("超过上限");

    Http.Response disguised = alice.upload("/api/items/" + code + "/attachments", "报告.pdf", "MZ\u0090program".getBytes());
    assertThat(disguised.status()).isEqualTo(422);
    assertThat(disguised.json().get("detail").asText()).contains("文件内容与扩展名「.pdf」不符");

    Http.Response program = alice.upload("/api/items/" + code + "/attachments", "工具.exe", "MZ".getBytes());
    assertThat(program.status()).isEqualTo(422);
    assertThat(program.json().get("detail").asText()).contains("不允许上传「.exe」");

    assertThat(as(BOB).upload("/api/items/" + code + "/attachments", "a.pdf", "%PDF".getBytes()).status()).isEqualTo(404);
    assertThat(alice.get("/api/items/" + code).json().get("attachments")).isEmpty();
  }
}

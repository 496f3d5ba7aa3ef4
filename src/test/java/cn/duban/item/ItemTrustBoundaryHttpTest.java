package cn.duban.item;

import static cn.duban.item.ItemProcess.Decisions;
import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.item.ItemProcess.Variables;
import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.organisation.OrganisationService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Users;
import cn.duban.system.BureauClock;
import cn.duban.system.security.Roles;

/**
 * The attacks on an item's process that issue 12 reproduced, each refused now: a cadre who names himself the approver
 * of his own extension, rewrites the item's facts while completing a task, approves or signs off his own request,
 * or starts an item with a code or switches of his own.
 */
@DubanSpringTest
class ItemTrustBoundaryHttpTest {

  /** A unit whose member is also a bureau leader, and one whose member also sits in the office. */
  static final String SELF_UNIT = "ZIJIANK";
  static final String LEADING_CADRE = "zengling";
  static final String OFFICE_CADRE = "ouyang";

  @LocalServerPort int port;
  @Autowired ItemService items;
  @Autowired ItemTasks tasks;
  @Autowired ItemRepository repository;
  @Autowired Users users;
  @Autowired TaskService taskService;
  @Autowired OrganisationService organisation;
  @Autowired BureauClock clock;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void people() {
    organisation.ensureGroup(SELF_UNIT, "自检科", Roles.TYPE_UNIT);
    for (String id : List.of(LEADING_CADRE, OFFICE_CADRE)) {
      if (!organisation.userExists(id)) {
        organisation.createUser(id, "测试" + id, id + "@example.gov.cn", PASSWORD);
      }
      organisation.ensureMembership(id, SELF_UNIT);
    }
    organisation.ensureMembership(LEADING_CADRE, Roles.LEADERS);
    organisation.ensureMembership(OFFICE_CADRE, Roles.OFFICE);
  }

  Http as(String user) {
    return Http.basic(port, user, ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD);
  }

  String issue(String unit, String assignee, String leader) {
    return items.issue(new ItemDraft("落实减税降费政策", "逐户辅导，形成台账。", unit, assignee, List.of(), leader,
        clock.today().plusDays(10).toString(), null, null), users.get(OFFICE), false);
  }

  String taskId(String code, String taskKey) {
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(taskKey)
        .singleResult();
    assertThat(task).as("task %s of %s", taskKey, code).isNotNull();
    return task.getId();
  }

  static Map<String, Object> vars(Object... nameValues) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      variables.put((String) nameValues[i], Map.of("value", nameValues[i + 1]));
    }
    return Map.of("variables", variables);
  }

  /** An item of unit A signed for by andy: his 承办 task is open. */
  String handledByAndy() {
    String code = issue(UNIT_A, null, LEADER);
    tasks.complete(code, Elements.SIGN_FOR, users.get(ANDY), Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    return code;
  }

  @Test
  void aCadreCannotNameHimselfTheApproverOfHisExtension() {
    String code = handledByAndy();
    LocalDate deadline = repository.find(code).orElseThrow().deadline();
    String handle = taskId(code, Elements.HANDLE);

    Http.Response attack = as(ANDY).post("/engine-rest/task/" + handle + "/complete", vars(
        Variables.HANDLE_ACTION, Decisions.EXTEND, Variables.EXTENSION_REASON, "人手不足",
        Variables.EXTENSION_DATE, deadline.plusDays(60).toString(), Variables.LEADER_ID, ANDY));

    assertThat(attack.status()).as(attack.body()).isEqualTo(400);
    assertThat(attack.json().get("message").asText()).contains("leaderId").contains("不能提交")
        .doesNotContain("Cannot submit").doesNotContain(handle);
    assertThat(taskId(code, Elements.HANDLE)).as("nothing changed: the task is still open").isEqualTo(handle);
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.IN_PROGRESS);
  }

  @Test
  void theApproverOfAnExtensionIsTheLeaderInDubansRecordAndNeverTheRequester() {
    String code = handledByAndy();
    LocalDate deadline = repository.find(code).orElseThrow().deadline();
    Http.Response request = as(ANDY).post("/engine-rest/task/" + taskId(code, Elements.HANDLE) + "/complete", vars(
        Variables.HANDLE_ACTION, Decisions.EXTEND, Variables.EXTENSION_REASON, "需要外部数据",
        Variables.EXTENSION_DATE, deadline.plusDays(30).toString()));
    assertThat(request.status()).as(request.body()).isEqualTo(204);

    Task approval = taskService.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey(Elements.APPROVE_EXTENSION).singleResult();
    assertThat(approval.getAssignee()).isEqualTo(LEADER);
    Http.Response self = as(ANDY).post("/engine-rest/task/" + approval.getId() + "/complete",
        vars(Variables.EXTENSION_DECISION, Decisions.APPROVE));
    assertThat(self.status()).as(self.body()).isIn(403, 404, 409);
    assertThat(repository.find(code).orElseThrow().deadline()).isEqualTo(deadline);

    Http.Response approved = as(LEADER).post("/engine-rest/task/" + approval.getId() + "/complete",
        vars(Variables.EXTENSION_DECISION, Decisions.APPROVE));
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);
    assertThat(repository.find(code).orElseThrow().deadline()).isEqualTo(deadline.plusDays(30));
    assertThat(repository.deadlineChanges(code)).singleElement().satisfies(change -> {
      assertThat(change.requestedBy()).isEqualTo(ANDY);
      assertThat(change.approvedBy()).isEqualTo(LEADER);
    });
  }

  @Test
  void aLeaderWhoAskedForAnExtensionCannotApproveIt() {
    // the leader in charge is the assignee himself: nobody is assigned, and he may not decide his own request
    String code = issue(SELF_UNIT, LEADING_CADRE, LEADING_CADRE);
    tasks.complete(code, Elements.SIGN_FOR, users.get(LEADING_CADRE),
        Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    LocalDate deadline = repository.find(code).orElseThrow().deadline();
    tasks.complete(code, Elements.HANDLE, users.get(LEADING_CADRE), Map.of(Variables.HANDLE_ACTION, Decisions.EXTEND,
        Variables.EXTENSION_REASON, "情况复杂", Variables.EXTENSION_DATE, deadline.plusDays(20).toString()));
    Task approval = taskService.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey(Elements.APPROVE_EXTENSION).singleResult();
    assertThat(approval.getAssignee()).as("not assigned to the requester").isNull();

    Http self = as(LEADING_CADRE);
    assertThat(self.post("/engine-rest/task/" + approval.getId() + "/claim", Map.of("userId", LEADING_CADRE))
        .status()).as("a leader may claim a leaders' task").isEqualTo(204);
    Http.Response refused = self.post("/engine-rest/task/" + approval.getId() + "/complete",
        vars(Variables.EXTENSION_DECISION, Decisions.APPROVE));
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().get("message").asText()).contains("不能审批自己提出的延期申请");
    assertThat(repository.find(code).orElseThrow().deadline()).isEqualTo(deadline);

    // the Java API (duban's own task API) is held to the same rule
    assertThatThrownBy(() -> tasks.complete(code, Elements.APPROVE_EXTENSION, users.get(LEADING_CADRE),
        Map.of(Variables.EXTENSION_DECISION, Decisions.APPROVE))).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("不能审批自己提出的延期申请");
  }

  @Test
  void aCadreCannotRewriteTheItemsFactsWhileSigningFor() {
    String code = issue(UNIT_A, null, LEADER);
    String signFor = taskId(code, Elements.SIGN_FOR);
    Http andy = as(ANDY);
    assertThat(andy.post("/engine-rest/task/" + signFor + "/claim", Map.of("userId", ANDY)).status()).isEqualTo(204);
    for (String fact : List.of(Variables.TITLE, Variables.REQUIREMENT, Variables.DUE_AT, Variables.DEADLINE,
        Variables.UNIT_ID, Variables.ASSIGNEE)) {
      Http.Response attack = andy.post("/engine-rest/task/" + signFor + "/submit-form", vars(
          Variables.SIGN_FOR_DECISION, Decisions.ACCEPT, fact, "[点此领取补贴](http://evil.example/)"));
      assertThat(attack.status()).as(fact + ": " + attack.body()).isEqualTo(400);
      assertThat(attack.json().get("message").asText()).contains(fact);
    }
    ItemRow row = repository.find(code).orElseThrow();
    assertThat(row.title()).isEqualTo("落实减税降费政策");
    assertThat(row.status()).isEqualTo(ItemStatus.ISSUED);
  }

  @Test
  void theOfficeCannotSignOffAnItemItAppliedToCloseItself() {
    String code = issue(SELF_UNIT, OFFICE_CADRE, LEADER);
    tasks.complete(code, Elements.SIGN_FOR, users.get(OFFICE_CADRE),
        Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    tasks.complete(code, Elements.HANDLE, users.get(OFFICE_CADRE),
        Map.of(Variables.HANDLE_ACTION, Decisions.COMPLETE, Variables.RESULT_TEXT, "已完成"));

    String signOff = taskId(code, Elements.SIGN_OFF);
    Http self = as(OFFICE_CADRE);
    assertThat(self.post("/engine-rest/task/" + signOff + "/claim", Map.of("userId", OFFICE_CADRE)).status())
        .isEqualTo(204);
    Http.Response refused = self.post("/engine-rest/task/" + signOff + "/complete",
        vars(Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF));
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().get("message").asText()).contains("不能审核自己申请办结的事项");
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.PENDING_SIGNOFF);

    assertThat(self.post("/engine-rest/task/" + signOff + "/unclaim", Map.of()).status()).isEqualTo(204);
    tasks.complete(code, Elements.SIGN_OFF, users.get(OFFICE), Map.of(Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.CLOSED);
  }

  @Test
  void onlyTheOfficeSignsOffEvenWhenSomeoneElseHoldsTheTask() {
    String code = handledByAndy();
    tasks.complete(code, Elements.HANDLE, users.get(ANDY),
        Map.of(Variables.HANDLE_ACTION, Decisions.COMPLETE, Variables.RESULT_TEXT, "已完成"));
    // an administrator hands the office's task to a leader: the task is his, the decision still is not
    Http.Response assigned = as(ADMIN).post("/engine-rest/task/" + taskId(code, Elements.SIGN_OFF) + "/assignee",
        Map.of("userId", LEADER));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(204);
    Http.Response refused = as(LEADER).post("/engine-rest/task/" + taskId(code, Elements.SIGN_OFF) + "/complete",
        vars(Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF));
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().get("message").asText()).contains("只有督查室可以审核销号");
  }

  @Test
  void startingAnItemThroughTheEngineObeysTheRulesOfTheApi() {
    Http office = as(OFFICE);
    Map<String, Object> fields = new HashMap<>();
    fields.put(Variables.TITLE, Map.of("value", "通过引擎交办"));
    fields.put(Variables.UNIT_ID, Map.of("value", UNIT_A));
    fields.put(Variables.DEADLINE, Map.of("value", clock.today().plusDays(5).toString()));

    Http.Response withKey = office.post("/engine-rest/process-definition/key/duban-item/start",
        Map.of("businessKey", "<b>HACK</b>", "variables", fields));
    assertThat(withKey.status()).as(withKey.body()).isEqualTo(400);
    assertThat(withKey.json().get("message").asText()).contains("事项编号由系统自动分配");

    Map<String, Object> pastWithSwitch = new HashMap<>(fields);
    pastWithSwitch.put(Variables.DEADLINE, Map.of("value", "2020-01-01"));
    pastWithSwitch.put("allowPastDeadline", Map.of("value", true));
    Http.Response withSwitch = office.post("/engine-rest/process-definition/key/duban-item/start",
        Map.of("variables", pastWithSwitch));
    assertThat(withSwitch.status()).as(withSwitch.body()).isEqualTo(400);
    assertThat(withSwitch.json().get("message").asText()).contains("allowPastDeadline");

    Map<String, Object> past = new HashMap<>(fields);
    past.put(Variables.DEADLINE, Map.of("value", "2020-01-01"));
    Http.Response pastDeadline = office.post("/engine-rest/process-definition/key/duban-item/submit-form",
        Map.of("variables", past));
    assertThat(pastDeadline.status()).as(pastDeadline.body()).isEqualTo(400);
    assertThat(pastDeadline.json().get("message").asText()).contains("完成时限不能早于今天")
        .doesNotContain("Cannot").doesNotContain("duban-item:");

    // one check on duban's own path: the item ItemService checked (a list row's past deadline, allowed by the
    // office) is trusted by the register delegate; checked again there, it would be refused as the start above is
    String late = items.issue(new ItemDraft("补录已逾期的清单事项", null, UNIT_A, null, List.of(), null, "2020-01-01", null,
        null), users.get(OFFICE), true);
    assertThat(repository.find(late).orElseThrow().deadline()).isEqualTo(LocalDate.parse("2020-01-01"));

    Http.Response cadre = as(ANDY).post("/engine-rest/process-definition/key/duban-item/start",
        Map.of("variables", fields));
    assertThat(cadre.status()).as(cadre.body()).isEqualTo(403);

    Http.Response list = office.post("/engine-rest/process-definition/key/duban-list/start", Map.of());
    assertThat(list.status()).as(list.body()).isEqualTo(403);

    Long before = jdbc.queryForObject("select count(*) from duban.item", Long.class);
    Http.Response started = office.post("/engine-rest/process-definition/key/duban-item/start",
        Map.of("variables", fields));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String code = started.json().get("businessKey").asText();
    assertThat(code).matches("DB\\d{4}-\\d{4,}");
    assertThat(repository.find(code)).get().extracting(ItemRow::title).isEqualTo("通过引擎交办");
    assertThat(jdbc.queryForObject("select count(*) from duban.item", Long.class)).isEqualTo(before + 1);
  }

  @Test
  void aCadreCannotSetVariablesMoveTasksOrChangeDueDates() {
    String code = handledByAndy();
    String handle = taskId(code, Elements.HANDLE);
    String instance = repository.find(code).orElseThrow().processInstanceId();
    Http andy = as(ANDY);

    assertThat(andy.put("/engine-rest/task/" + handle + "/variables/" + Variables.LEADER_ID,
        Map.of("value", ANDY)).status()).isEqualTo(403);
    assertThat(andy.put("/engine-rest/task/" + handle + "/localVariables/dueAt", Map.of("value", "x")).status())
        .isEqualTo(403);
    assertThat(andy.post("/engine-rest/task/" + handle + "/variables", Map.of("modifications",
        Map.of(Variables.TITLE, Map.of("value", "x")))).status()).isEqualTo(403);
    Http.Response due = andy.put("/engine-rest/task/" + handle, Map.of("name", "承办", "due", (Object) "2099-01-01T00:00:00.000+0000"));
    assertThat(due.status()).as(due.body()).isEqualTo(403);
    assertThat(due.json().get("message").asText()).contains("只有督查室和管理员");
    assertThat(andy.post("/engine-rest/task/" + handle + "/assignee", Map.of("userId", BOB)).status()).isEqualTo(403);
    assertThat(andy.post("/engine-rest/task/" + handle + "/identity-links",
        Map.of("groupId", "YIK", "type", "candidate")).status()).isEqualTo(403);

    Http office = as(OFFICE);
    assertThat(office.put("/engine-rest/process-instance/" + instance + "/variables/" + Variables.LEADER_ID,
        Map.of("value", OFFICE)).status()).as("variables are an administrator's").isEqualTo(403);
    assertThat(office.post("/engine-rest/message", Map.of("messageName", ItemProcess.Messages.DEADLINE_CHANGED,
        "processInstanceId", instance)).status()).isEqualTo(403);
    assertThat(office.post("/engine-rest/process-instance/" + instance + "/modification", Map.of("instructions",
        List.of(Map.of("type", "startBeforeActivity", "activityId", Elements.SIGN_OFF)))).status()).isEqualTo(403);

    assertThat(taskService.getVariable(handle, Variables.LEADER_ID)).isEqualTo(LEADER);
    assertThat(taskService.createTaskQuery().taskId(handle).singleResult().getAssignee()).isEqualTo(ANDY);

    // the office routes: a due date may be changed by it
    Http.Response officeDue = office.put("/engine-rest/task/" + handle, Map.of("name", "承办", "assignee", ANDY,
        "due", "2099-01-01T00:00:00.000+0000"));
    assertThat(officeDue.status()).as(officeDue.body()).isEqualTo(204);
    // an administrator may correct a variable
    assertThat(as(ADMIN).put("/engine-rest/process-instance/" + instance + "/variables/note",
        Map.of("value", "更正")).status()).isEqualTo(204);
  }

  @Test
  void aCadreClaimsForHimselfAndHandsBackOnlyHisOwnTask() {
    String code = issue(UNIT_A, null, LEADER);
    String signFor = taskId(code, Elements.SIGN_FOR);
    Http andy = as(ANDY);
    assertThat(andy.post("/engine-rest/task/" + signFor + "/claim", Map.of("userId", "alice")).status())
        .isEqualTo(403);
    assertThat(andy.post("/engine-rest/task/" + signFor + "/claim", Map.of("userId", ANDY)).status()).isEqualTo(204);
    assertThat(as("alice").post("/engine-rest/task/" + signFor + "/unclaim", Map.of()).status())
        .as("alice may not take andy's task away").isEqualTo(403);
    assertThat(andy.post("/engine-rest/task/" + signFor + "/unclaim", Map.of()).status()).isEqualTo(204);
  }

  @Test
  void theTasklistPathIsHeldToTheSameFormFields() {
    String code = handledByAndy();
    String handle = taskId(code, Elements.HANDLE);
    // Tasklist submits through the webapps' engine API with the session; the same guard answers
    Http browser = Http.browser(port);
    browser.signIn(ANDY, PASSWORD);
    Http.Response attack = browser.withWebappCsrfToken().post(
        "/camunda/api/engine/engine/default/task/" + handle + "/submit-form", vars(Variables.HANDLE_ACTION,
            Decisions.PROGRESS, Variables.PROGRESS_TEXT, "进展", Variables.TITLE, "改掉标题"));
    assertThat(attack.status()).as(attack.body()).isEqualTo(400);
    assertThat(attack.json().get("message").asText()).contains(Variables.TITLE).doesNotContain("Cannot submit");
    assertThat(repository.find(code).orElseThrow().title()).isEqualTo("落实减税降费政策");
  }

  @Test
  void formsShowOtherPeoplesTextAsPlainTextNeverAsMarkdown() throws Exception {
    // a text component renders Markdown (links, images): only duban's own code may be templated into one
    for (var file : java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("forms"), "*.form")) {
      JsonNode form = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
      for (JsonNode component : form.path("components")) {
        if ("text".equals(component.path("type").asText())) {
          var templated = java.util.regex.Pattern.compile("\\{\\{\\s*([\\w.]+)\\s*}}").matcher(component.path("text").asText());
          while (templated.find()) {
            assertThat(templated.group(1)).as(file + ": " + component.path("id").asText()).isEqualTo("itemCode");
          }
        }
      }
    }
  }
}

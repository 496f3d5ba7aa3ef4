package cn.duban.processes;

import static cn.duban.item.ItemProcess.Decisions.ACCEPT;
import static cn.duban.item.ItemProcess.Decisions.APPROVE;
import static cn.duban.item.ItemProcess.Decisions.COMPLETE;
import static cn.duban.item.ItemProcess.Decisions.EXTEND;
import static cn.duban.item.ItemProcess.Decisions.SIGN_OFF;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.item.EscalationLevel;
import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess;
import cn.duban.item.ItemProcess.Elements;
import cn.duban.item.ItemProcess.Variables;
import cn.duban.item.ItemRepository;
import cn.duban.item.ItemService;
import cn.duban.item.ItemStatus;
import cn.duban.item.ItemTasks;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.TestBureau;
import cn.duban.support.Users;

/**
 * A bureau adds a 科室负责人审核 step before 审核销号: items started on v1 in every state are migrated to v2 (dry
 * run first, then a Camunda batch) and go on correctly there, their pending ladder timers and due dates intact.
 */
@DubanSpringTest
class ItemMigrationTest {

  static final String UNIT_HEAD_REVIEW = "UserTask_UnitHeadReview";
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired ItemService items;
  @Autowired ItemTasks tasks;
  @Autowired ItemRepository repository;
  @Autowired Users users;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  String v2DeploymentId;

  @AfterEach
  void removeV2() {
    ClockUtil.reset();
    if (v2DeploymentId != null) {
      // v2 must not stay the latest version for the other tests; this test's items go with it
      cn.duban.support.Deployments.remove(repositoryService, runtime, v2DeploymentId);
    }
  }

  static Date at(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  /** v1 as in bpmn/, plus 科室负责人审核 between 记录办结情况 and 审核销号; every v1 id kept. */
  static BpmnModelInstance v2() throws Exception {
    BpmnModelInstance model;
    try (InputStream in = ItemMigrationTest.class.getResourceAsStream("/bpmn/duban-item.bpmn")) {
      model = Bpmn.readModelFromStream(in);
    }
    SequenceFlow old = model.getModelElementById("Flow_CompletionRecorded");
    FlowNode recordCompletion = old.getSource();
    old.getSource().getOutgoing().remove(old);
    old.getTarget().getIncoming().remove(old);
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() == old) {
        edge.getParentElement().removeChildElement(edge);
      }
    }
    old.getParentElement().removeChildElement(old);
    ((ServiceTask) recordCompletion).builder()
        .userTask(UNIT_HEAD_REVIEW).name("科室负责人审核")
        .camundaCandidateGroups("${unitId}").camundaDueDate("${dueAt}")
        .camundaFormRef("duban-item-unit-head-review").camundaFormRefBinding("latest")
        .camundaTaskListenerDelegateExpression("create", "${itemTaskListener}")
        .camundaTaskListenerDelegateExpression("complete", "${itemTaskListener}")
        .connectTo(Elements.SIGN_OFF);
    return model;
  }

  String issue(String deadline, List<String> coUnits) {
    return items.issue(new ItemDraft("迁移测试事项", "按新流程办理", UNIT_A, null, coUnits, LEADER, deadline, null, null),
        users.get(OFFICE), false);
  }

  void work(String code, String taskKey, String user, Map<String, Object> values) {
    tasks.complete(code, taskKey, users.get(user), values);
  }

  String instanceId(String code) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
  }

  /** What the job executor would have done by now: every due job of these items, until none is left. */
  void runDueJobs(List<String> codes) {
    List<String> ids = codes.stream().map(this::instanceId).toList();
    for (boolean ran = true; ran; ) {
      ran = false;
      for (String id : ids) {
        for (Job job : managementService.createJobQuery().processInstanceId(id).duedateLowerThenOrEquals(ClockUtil.getCurrentTime())
            .list()) {
          managementService.executeJob(job.getId());
          ran = true;
        }
      }
    }
  }

  /** Where an item stands: its activities, its tasks (with due dates) and its timers (with due dates). */
  Map<String, Object> state(String code) {
    String id = instanceId(code);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("activities", new TreeMap<>(runtime.getActiveActivityIds(id).stream()
        .collect(Collectors.groupingBy(a -> a, Collectors.counting()))));
    state.put("tasks", taskService.createTaskQuery().processInstanceId(id).list().stream()
        .collect(Collectors.toMap(Task::getId, t -> t.getTaskDefinitionKey() + " due " + t.getDueDate() + " to "
            + t.getAssignee(), (a, b) -> a, TreeMap::new)));
    state.put("timers", managementService.createJobQuery().processInstanceId(id).timers().list().stream()
        .map(j -> managementService.createJobDefinitionQuery().jobDefinitionId(j.getJobDefinitionId()).singleResult()
            .getActivityId() + "@" + j.getDuedate().toInstant()).sorted().toList());
    state.put("variables", new TreeMap<>(runtime.getVariables(id)));
    return state;
  }

  void executeBatch(String batchId) {
    Batch batch = managementService.createBatchQuery().batchId(batchId).singleResult();
    managementService.executeJob(managementService.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId())
        .singleResult().getId());
    for (Job job : managementService.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list()) {
      managementService.executeJob(job.getId());
    }
    managementService.executeJob(managementService.createJobQuery().jobDefinitionId(batch.getMonitorJobDefinitionId())
        .singleResult().getId());
  }

  @Test
  void itemsInEveryStateMoveToAVersionWithAUnitHeadReviewAndGoOnThere() throws Exception {
    ProcessDefinition v1 = repositoryService.createProcessDefinitionQuery().processDefinitionKey(ItemProcess.KEY)
        .latestVersion().singleResult();

    // 2026-12-01: the office issues six items
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00"));
    String waitingForSignFor = issue("2026-12-30", List.of());
    String overdueInHandling = issue("2026-12-16", List.of());
    String pendingSignOff = issue("2026-12-30", List.of());
    String extensionPending = issue("2026-12-15", List.of());
    String supervised = issue("2026-12-15", List.of());
    String withCoUnit = issue("2026-12-30", List.of(UNIT_B));
    List<String> codes = List.of(waitingForSignFor, overdueInHandling, pendingSignOff, extensionPending, supervised,
        withCoUnit);
    for (String code : List.of(overdueInHandling, pendingSignOff, extensionPending, supervised)) {
      work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    }
    work(pendingSignOff, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已完成"));
    work(extensionPending, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, EXTEND,
        Variables.EXTENSION_REASON, "需外省协查", Variables.EXTENSION_DATE, "2026-12-31"));

    // 2026-12-17 10:00: the ladder has run (reminders, 催办, 督办 for the item due on 12-15)
    ClockUtil.setCurrentTime(at("2026-12-17T10:00:00"));
    runDueJobs(codes);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(supervised)
        .taskDefinitionKey(Elements.SUPERVISE).count()).isEqualTo(1);
    assertThat(repository.escalationLevel(overdueInHandling)).isEqualTo(EscalationLevel.CHASED);

    // the bureau's v2 passes validation
    v2DeploymentId = repositoryService.createDeployment().name("duban").source("test: unit head review")
        .addModelInstance("bpmn/duban-item.bpmn", v2())
        .addInputStream("forms/item-unit-head-review.form",
            getClass().getResourceAsStream("/deployments/item-unit-head-review.form"))
        .deploy().getId();
    ProcessDefinition v2 = repositoryService.createProcessDefinitionQuery().deploymentId(v2DeploymentId).singleResult();
    assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);

    Map<String, Map<String, Object>> before = new LinkedHashMap<>();
    codes.forEach(code -> before.put(code, state(code)));

    // a dry run moves nothing and says every item can move
    Http admin = Http.basic(port, TestBureau.ADMIN, TestBureau.ADMIN_PASSWORD);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("processKey", ItemProcess.KEY);
    request.put("businessKeys", codes);
    request.put("dryRun", true);
    assertThat(Http.basic(port, OFFICE, TestBureau.PASSWORD).post("/api/admin/migrations", request).status())
        .isEqualTo(403);
    Http.Response dryRun = admin.post("/api/admin/migrations", request);
    assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
    JsonNode dry = dryRun.json();
    assertThat(dry.path("targetVersion").asInt()).isEqualTo(v2.getVersion());
    assertThat(dry.path("instances")).hasSize(6).allSatisfy(i -> assertThat(i.path("movable").asBoolean()).isTrue());
    assertThat(dry.path("batchIds")).isEmpty();
    codes.forEach(code -> assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .singleResult().getProcessDefinitionId()).isEqualTo(v1.getId()));
    assertThat(before).isEqualTo(codes.stream().collect(Collectors.toMap(c -> c, this::state, (a, b) -> a,
        LinkedHashMap::new)));

    // the migration runs as a batch
    request.put("dryRun", false);
    JsonNode run = admin.post("/api/admin/migrations", request).json();
    assertThat(run.path("batchIds")).hasSize(1);
    executeBatch(run.path("batchIds").get(0).asText());

    for (String code : codes) {
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult()
          .getProcessDefinitionId()).as(code).isEqualTo(v2.getId());
      assertThat(state(code)).as(code + ": same tasks, due dates, timers and variables").isEqualTo(before.get(code));
    }
    // logged: the engine's user operation log names the admin, duban keeps the report
    assertThat(historyService.createUserOperationLogQuery().operationType(UserOperationLogEntry.OPERATION_TYPE_MIGRATE)
        .userId(TestBureau.ADMIN).count()).isPositive();
    assertThat(jdbc.queryForList("select dry_run from duban.process_migration where acted_by = ? and id in (?, ?)",
        Boolean.class, TestBureau.ADMIN, dry.path("id").asLong(), run.path("id").asLong())).containsExactly(true, false);

    // 签收 on v2, then the new step before 审核销号
    work(waitingForSignFor, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    work(waitingForSignFor, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已完成"));
    Task review = taskService.createTaskQuery().processInstanceBusinessKey(waitingForSignFor)
        .taskDefinitionKey(UNIT_HEAD_REVIEW).singleResult();
    assertThat(review).as("科室负责人审核 on v2").isNotNull();
    assertThat(review.getProcessDefinitionId()).isEqualTo(v2.getId());
    assertThat(review.getDueDate()).isEqualTo(at("2026-12-30T23:59:59"));
    assertThat(taskService.getIdentityLinksForTask(review.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo(UNIT_A));
    work(waitingForSignFor, UNIT_HEAD_REVIEW, ALICE, Map.of("unitHeadComment", "同意"));
    assertThat(repository.find(waitingForSignFor).orElseThrow().status()).isEqualTo(ItemStatus.PENDING_SIGNOFF);
    work(waitingForSignFor, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    assertThat(repository.find(waitingForSignFor).orElseThrow().status()).isEqualTo(ItemStatus.CLOSED);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(waitingForSignFor).count()).isZero();

    // already waiting for 审核销号: signed off as before, without the new step
    work(pendingSignOff, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    assertThat(repository.find(pendingSignOff).orElseThrow().status()).isEqualTo(ItemStatus.CLOSED);

    // overdue: the pending 督办 timer fires on v2 at its planned time
    Job supervise = managementService.createJobQuery().processInstanceId(instanceId(overdueInHandling))
        .activityId(Elements.TIMER_SUPERVISE).singleResult();
    assertThat(supervise.getDuedate()).isEqualTo(at("2026-12-18T09:00:00"));
    assertThat(supervise.getProcessDefinitionId()).isEqualTo(v2.getId());
    ClockUtil.setCurrentTime(at("2026-12-18T09:00:01"));
    managementService.executeJob(supervise.getId());
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(overdueInHandling)
        .taskDefinitionKey(Elements.SUPERVISE).singleResult().getProcessDefinitionId()).isEqualTo(v2.getId());
    assertThat(repository.escalationLevel(overdueInHandling)).isEqualTo(EscalationLevel.SUPERVISED);

    // the leader approves the extension on v2: the ladder restarts against the new deadline
    work(extensionPending, Elements.APPROVE_EXTENSION, LEADER, Map.of(Variables.EXTENSION_DECISION, APPROVE));
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(extensionPending)
        .taskDefinitionKey(Elements.HANDLE).singleResult().getDueDate()).isEqualTo(at("2026-12-31T23:59:59"));
    assertThat(managementService.createJobQuery().processInstanceId(instanceId(extensionPending))
        .activityId(Elements.TIMER_REMINDER).singleResult().getDuedate()).isEqualTo(at("2026-12-28T09:00:00"));
    assertThat(repository.escalationLevel(extensionPending)).isEqualTo(EscalationLevel.NONE);

    // 督办 in progress: the office issues its 督办单, the item then goes through the new step
    work(supervised, Elements.SUPERVISE, OFFICE, Map.of(Variables.SUPERVISION_ORDER, "限期报送进度"));
    work(supervised, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已完成"));
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(supervised).taskDefinitionKey(UNIT_HEAD_REVIEW)
        .count()).isEqualTo(1);

    // the co-unit's part goes on inside its multi-instance sub-process
    work(withCoUnit, Elements.CO_UNIT_SIGN_FOR, BOB, Map.of());
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(withCoUnit)
        .taskDefinitionKey(Elements.CO_UNIT_REPORT).singleResult().getAssignee()).isEqualTo(BOB);
  }
}

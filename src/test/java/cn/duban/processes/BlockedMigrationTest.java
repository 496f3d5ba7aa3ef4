package cn.duban.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.TestBureau;

/**
 * Instances that cannot move keep running on their version and are listed with the reason; by default every
 * older version moves to the latest. The admin page shows the versions and runs dry runs; others get 403.
 */
@DubanSpringTest
class BlockedMigrationTest {

  static final String KEY = "migration-sample";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtime;
  @Autowired TaskService taskService;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @LocalServerPort int port;

  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    deployments.forEach(id -> cn.duban.support.Deployments.remove(repositoryService, runtime, id));
  }

  /** 登记 → 复核 (only when {@code withReview}) → 归档. */
  ProcessDefinition deploy(boolean withReview) {
    UserTaskBuilder register = Bpmn.createExecutableProcess(KEY).name("迁移示例").camundaHistoryTimeToLive(3650)
        .startEvent("StartEvent_1")
        .userTask("UserTask_Register").name("登记").camundaCandidateGroups("duban-office").camundaDueDate("${dueAt}");
    BpmnModelInstance model = (withReview
        ? register.userTask("UserTask_Review").name("复核").camundaCandidateGroups("duban-office").camundaDueDate("${dueAt}")
        : register)
        .userTask("UserTask_Archive").name("归档").camundaCandidateGroups("duban-office").camundaDueDate("${dueAt}")
        .endEvent("EndEvent_1").done();
    String id = repositoryService.createDeployment().name(KEY).addModelInstance(KEY + ".bpmn", model).deploy().getId();
    deployments.add(id);
    return repositoryService.createProcessDefinitionQuery().deploymentId(id).singleResult();
  }

  String start(String businessKey) {
    return runtime.startProcessInstanceByKey(KEY, businessKey, Map.of("dueAt", new java.util.Date())).getId();
  }

  void complete(String instanceId) {
    taskService.complete(taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId());
  }

  @Test
  void instancesThatCannotMoveStayOnTheirVersionAndAreListed() {
    ProcessDefinition v1 = deploy(true);
    String atRegister = start("MIG-1");
    String atReview = start("MIG-2");
    complete(atReview);
    ProcessDefinition v2 = deploy(false);
    String onV2Already = start("MIG-3");

    Http admin = Http.basic(port, TestBureau.ADMIN, TestBureau.ADMIN_PASSWORD);
    JsonNode report = admin.post("/api/admin/migrations", Map.of("processKey", KEY, "dryRun", false)).json();

    assertThat(report.path("sourceVersions").toString()).isEqualTo("[" + v1.getVersion() + "]");
    assertThat(report.path("targetVersion").asInt()).isEqualTo(v2.getVersion());
    assertThat(report.path("instances")).hasSize(2);
    JsonNode blocked = report.path("instances").get(1);
    assertThat(blocked.path("businessKey").asText()).isEqualTo("MIG-2");
    assertThat(blocked.path("movable").asBoolean()).isFalse();
    assertThat(blocked.path("waitingAt").get(0).asText()).isEqualTo("「复核」（UserTask_Review）");
    assertThat(blocked.path("reasons").get(0).asText())
        .isEqualTo("「复核」（UserTask_Review）：目标版本中没有与之对应的活动（被删除或改了 id），请在目标版本中保留该活动或先办完这一步");
    assertThat(report.path("instances").get(0).path("movable").asBoolean()).isTrue();

    String batchId = report.path("batchIds").get(0).asText();
    var batch = managementService.createBatchQuery().batchId(batchId).singleResult();
    managementService.executeJob(managementService.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId())
        .singleResult().getId());
    managementService.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list()
        .forEach(j -> managementService.executeJob(j.getId()));
    managementService.executeJob(managementService.createJobQuery().jobDefinitionId(batch.getMonitorJobDefinitionId())
        .singleResult().getId());

    assertThat(definitionOf(atRegister)).isEqualTo(v2.getId());
    assertThat(definitionOf(atReview)).as("blocked: keeps running on v1").isEqualTo(v1.getId());
    assertThat(definitionOf(onV2Already)).isEqualTo(v2.getId());
    // ... and goes on there
    complete(atReview);
    complete(atReview);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(atReview).count()).isZero();
    complete(atRegister);
    assertThat(taskService.createTaskQuery().processInstanceId(atRegister).singleResult().getTaskDefinitionKey())
        .isEqualTo("UserTask_Archive");
  }

  String definitionOf(String instanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult().getProcessDefinitionId();
  }

  @Test
  void refusesRequestsThatNameNoProcessOrVersion() {
    Http admin = Http.basic(port, TestBureau.ADMIN, TestBureau.ADMIN_PASSWORD);
    Http.Response noKey = admin.post("/api/admin/migrations", Map.of("dryRun", true));
    assertThat(noKey.status()).isEqualTo(422);
    assertThat(noKey.body()).contains("请选择要迁移的流程");
    Http.Response unknown = admin.post("/api/admin/migrations", Map.of("processKey", "no-such-process"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body()).contains("没有找到流程「no-such-process」");
  }

  @Test
  void theProcessesPageIsForAdminsAndRunsDryRuns() {
    deploy(true);
    start("MIG-PAGE-1");
    deploy(false);
    Http admin = Http.basic(port, TestBureau.ADMIN, TestBureau.ADMIN_PASSWORD);

    Http.Response page = admin.get("/admin/processes", "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("流程版本与迁移", "迁移示例（migration-sample）", "督办事项（duban-item）", "试运行迁移到最新版");

    Http.Response dryRun = admin.postForm("/admin/processes/migrations",
        Map.of("processKey", KEY, "sourceVersion", "1", "dryRun", "true"));
    assertThat(dryRun.status()).isEqualTo(200);
    assertThat(dryRun.body()).contains("试运行结果", "共 1 个实例，可迁移 1 个，不能迁移 0 个", "MIG-PAGE-1", "这是试运行");

    for (String user : List.of(TestBureau.OFFICE, TestBureau.AUDITOR, TestBureau.ALICE)) {
      assertThat(Http.basic(port, user, TestBureau.PASSWORD).get("/admin/processes", "text/html").status())
          .as(user).isEqualTo(403);
      assertThat(Http.basic(port, user, TestBureau.PASSWORD).postForm("/admin/processes/migrations",
          Map.of("processKey", KEY, "dryRun", "false")).status()).as(user).isEqualTo(403);
    }
  }
}

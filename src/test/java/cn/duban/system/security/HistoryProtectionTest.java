package cn.duban.system.security;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.item.ItemProcess;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.system.BureauClock;
import cn.duban.system.web.ConflictException;

/**
 * Nothing erases history: deletes of history, cascading deletes, earlier removal times and shorter times to live are
 * refused for everyone, admins included, and recorded; only an admin holding an open break-glass grant may, and
 * what they do is recorded twice (duban's table and the user operation log).
 */
@DubanSpringTest
class HistoryProtectionTest {

  static final String KEY = "audit-erasure-test";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired JdbcTemplate jdbc;
  @Autowired BureauClock clock;
  @LocalServerPort int port;

  Http admin() {
    return Http.basic(port, ADMIN, ADMIN_PASSWORD);
  }

  /** A finished instance of a small process, with a comment on its task. */
  String finishedInstance() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(3650)
        .startEvent().userTask("Task_Check").camundaCandidateGroups(Roles.OFFICE).camundaDueDate("2030-12-31T17:00:00")
        .endEvent().done();
    repositoryService.createDeployment().name(KEY).addModelInstance(KEY + ".bpmn", model).deploy();
    String instance = runtimeService.startProcessInstanceByKey(KEY, Map.of("note", "审计样本")).getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    identityService.setAuthentication(ADMIN, List.of(Roles.ADMIN));
    try {
      taskService.createComment(task, instance, "核查完毕");
      taskService.complete(task);
    } finally {
      identityService.clearAuthentication();
    }
    return instance;
  }

  long refusals() {
    return jdbc.queryForObject("select count(*) from duban.history_erasure where not allowed", Long.class);
  }

  @AfterEach
  void closeGrants() {
    jdbc.update("update duban.break_glass_grant set closed_at = now(), closed_by = 'test' where closed_at is null");
    identityService.clearAuthentication();
  }

  @Test
  void historyIsKeptForTheRetentionPeriodWhateverAProcessAsksFor() {
    BpmnModelInstance forgetful = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent().userTask("Task_Check").camundaCandidateGroups(Roles.OFFICE).camundaDueDate("2030-12-31T17:00:00")
        .endEvent().done();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> repositoryService.createDeployment().name(KEY)
            .addModelInstance(KEY + ".bpmn", forgetful).deploy())
        .as("a process keeping its history 1 day is not deployed").hasMessageContaining("短于本局规定的 3650 天");
    finishedInstance();
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY)
        .latestVersion().singleResult();
    assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(ItemProcess.KEY).latestVersion()
        .singleResult().getHistoryTimeToLive()).isEqualTo(3650);
    assertThat(engineConfiguration.getHistoryTimeToLive()).isEqualTo("P3650D");
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
  }

  @Test
  void noOneErasesHistoryWithoutAGrantAndEveryAttemptIsRecorded() {
    String instance = finishedInstance();
    String deployment = repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion()
        .singleResult().getDeploymentId();
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion()
        .singleResult().getId();
    String historicTask = historyService.createHistoricTaskInstanceQuery().processInstanceId(instance).singleResult()
        .getId();
    String comment = taskService.getProcessInstanceComments(instance).get(0).getId();
    String operation = historyService.createUserOperationLogQuery().processInstanceId(instance).list().get(0).getId();
    long before = refusals();

    List<Runnable> erasures = List.of(
        () -> historyService.deleteHistoricProcessInstance(instance),
        () -> historyService.deleteHistoricProcessInstancesBulk(List.of(instance)),
        () -> historyService.deleteHistoricProcessInstancesAsync(List.of(instance), "cleanup"),
        () -> historyService.deleteHistoricTaskInstance(historicTask),
        () -> historyService.deleteHistoricVariableInstancesByProcessInstanceId(instance),
        () -> historyService.deleteUserOperationLogEntry(operation),
        () -> taskService.deleteProcessInstanceComment(instance, comment),
        () -> historyService.setRemovalTimeToHistoricProcessInstances().absoluteRemovalTime(new Date())
            .byIds(instance).executeAsync(),
        () -> repositoryService.deleteDeployment(deployment, true),
        () -> repositoryService.deleteProcessDefinitions().byKey(KEY).cascade().delete(),
        () -> repositoryService.updateProcessDefinitionHistoryTimeToLive(definition, 30));
    // as an admin, and as the system itself (no one signed in)
    for (boolean asAdmin : List.of(true, false)) {
      if (asAdmin) {
        identityService.setAuthentication(ADMIN, List.of(Roles.ADMIN));
      }
      for (Runnable erasure : erasures) {
        assertThatThrownBy(erasure::run).isInstanceOf(AuthorizationException.class)
            .hasMessageContaining("历史记录不可删除");
      }
      identityService.clearAuthentication();
    }

    assertThat(refusals() - before).isEqualTo(2L * erasures.size());
    assertThat(jdbc.queryForList("select user_id from duban.history_erasure where not allowed order by id desc limit ?",
        String.class, 2 * erasures.size())).containsOnly(ADMIN, null);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).count()).isOne();
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance).count()).isOne();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance).count()).isOne();
    assertThat(historyService.createUserOperationLogQuery().processInstanceId(instance).count()).isPositive();
    assertThat(taskService.getProcessInstanceComments(instance)).hasSize(1);
    assertThat(repositoryService.createDeploymentQuery().deploymentId(deployment).count()).isOne();
    // keeping history longer is fine, and so is ending a running instance (its history stays)
    repositoryService.updateProcessDefinitionHistoryTimeToLive(definition, 7300);
    String running = runtimeService.startProcessInstanceByKey(KEY).getId();
    runtimeService.deleteProcessInstance(running, "不再需要");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(running).singleResult()
        .getDeleteReason()).isEqualTo("不再需要");

    // over REST as well, for the admin: 403 with the reason
    Http.Response rest = admin().delete("/engine-rest/history/process-instance/" + instance);
    assertThat(rest.status()).isEqualTo(403);
    assertThat(rest.body()).contains("历史记录不可删除");
    assertThat(admin().delete("/engine-rest/deployment/" + deployment + "?cascade=true").status()).isEqualTo(403);
    JsonNode recorded = Http.basic(port, AUDITOR, PASSWORD).get("/api/audit/erasures").json();
    assertThat(recorded.get(0).get("command").asText()).isEqualTo("DeleteDeploymentCmd");
    assertThat(recorded.get(0).get("allowed").asBoolean()).isFalse();
    assertThat(recorded.get(0).get("target").asText()).contains(deployment, "cascade=true");
  }

  @Test
  void anAdminWithAGrantErasesAndTheErasureIsRecordedInDubanAndTheOperationLog() {
    String instance = finishedInstance();
    Map<String, Object> request = Map.of("reason", "法院判决要求删除该样本记录", "reference", "京税审〔2026〕12号",
        "minutes", 30);
    assertThat(Http.basic(port, OFFICE, PASSWORD).post("/api/admin/break-glass", request).status()).isEqualTo(403);
    Http.Response incomplete = admin().post("/api/admin/break-glass", Map.of("reason", "删", "minutes", 600));
    assertThat(incomplete.status()).isEqualTo(422);
    assertThat(incomplete.json().get("errors").findValuesAsText("field")).containsExactly("reason", "reference",
        "minutes");

    Http.Response opened = admin().post("/api/admin/break-glass", request);
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    long grant = opened.json().get("id").asLong();
    assertThat(opened.json().get("active").asBoolean()).isTrue();
    assertThat(admin().post("/api/admin/break-glass", request).status()).as("one grant at a time").isEqualTo(409);

    // a grant is the admin's own: the office still cannot, and nor can the system
    assertThatThrownBy(() -> historyService.deleteHistoricProcessInstance(instance))
        .isInstanceOf(AuthorizationException.class);
    Http.Response erased = admin().delete("/engine-rest/history/process-instance/" + instance);
    assertThat(erased.status()).as(erased.body()).isEqualTo(204);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).count()).isZero();

    Map<String, Object> row = jdbc.queryForMap("select * from duban.history_erasure where allowed order by id desc "
        + "limit 1");
    assertThat(row).containsEntry("user_id", ADMIN).containsEntry("command", "DeleteHistoricProcessInstancesCmd")
        .containsEntry("grant_id", grant);
    assertThat((String) row.get("target")).contains(instance);
    var logged = historyService.createUserOperationLogQuery().operationType(HistoryErasureGuard.OPERATION_TYPE)
        .userId(ADMIN).list();
    assertThat(logged).extracting(e -> e.getProperty() + "=" + e.getNewValue())
        .contains("command=DeleteHistoricProcessInstancesCmd", "grant=" + grant);
    Http.Response search = Http.basic(port, AUDITOR, PASSWORD).get("/api/audit?kind=BreakGlass&person=" + ADMIN);
    assertThat(search.json().get("entries").findValuesAsText("label")).as(search.body()).containsExactly("紧急授权下删除历史");
    assertThat(search.json().at("/entries/0/details/grant").asText()).isEqualTo(String.valueOf(grant));

    assertThat(admin().post("/api/admin/break-glass/" + grant + "/close", Map.of()).json().get("active").asBoolean())
        .isFalse();
    JsonNode grants = Http.basic(port, AUDITOR, PASSWORD).get("/api/audit/break-glass").json();
    assertThat(grants.get(0).get("reference").asText()).isEqualTo("京税审〔2026〕12号");
    assertThat(grants.get(0).get("closedBy").asText()).isEqualTo(ADMIN);
    String another = finishedInstance();
    assertThat(admin().delete("/engine-rest/history/process-instance/" + another).status()).isEqualTo(403);
  }

  @Test
  void grantsCannotBeOpenedWhileTheOperatorsHaveNotSwitchedTheProcedureOn() {
    var off = new BreakGlass(jdbc, clock, new BreakGlassProperties(false, Duration.ofHours(4)));
    var admin = new DubanUser(ADMIN, "管理员", List.of(), List.of(Roles.ADMIN));
    assertThatThrownBy(() -> off.open(admin, "法院判决要求删除该样本记录", "京税审〔2026〕12号", Duration.ofMinutes(30)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("DUBAN_BREAK_GLASS_ENABLED");
    assertThat(off.activeGrant(ADMIN)).isEmpty();
  }
}

package cn.duban.processes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanExecutionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.security.EngineSystemContext;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * Moves running instances of a process to another version with Camunda's migration: one plan per source version
 * (equal activities mapped, event triggers such as the ladder's timers updated from the target's definitions;
 * variables, tasks, their due dates and pending timers stay with the instance). Every instance is first tried in
 * a transaction that is rolled back, so the report says per instance whether it can move and why not; only the
 * movable ones are then migrated, as a Camunda batch. The others keep running on their version. Everything runs
 * as the acting admin, whom the engine's user operation log records; duban keeps its own record as well.
 */
@Service
public class ProcessMigrations {

  private static final Logger log = LoggerFactory.getLogger(ProcessMigrations.class);

  /** Camunda's validation failures that an admin meets in practice, in Chinese. */
  private static final Map<String, String> FAILURES = Map.of(
      "There is no migration instruction for this instance's activity",
      "目标版本中没有与之对应的活动（被删除或改了 id），请在目标版本中保留该活动或先办完这一步",
      "There is no migration instruction for this instance's transition",
      "目标版本中没有与之对应的活动（异步续行），请在目标版本中保留该活动",
      "Cannot migrate subscription for compensation handler", "补偿事件无法迁移");

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final TransactionTemplate transactions;
  private final MigrationLog migrationLog;
  private final BureauClock clock;

  ProcessMigrations(RuntimeService runtime, RepositoryService repository, IdentityService identity,
                    TransactionTemplate transactions, MigrationLog migrationLog, BureauClock clock) {
    this.runtime = runtime;
    this.repository = repository;
    this.identity = identity;
    this.transactions = transactions;
    this.migrationLog = migrationLog;
    this.clock = clock;
  }

  /** Runs the dry run or the migration as {@code admin} (checked by the caller) and records it. */
  public MigrationReport migrate(MigrationRequest request, DubanUser admin) {
    return EngineSystemContext.callAs(identity, admin, () -> {
      MigrationReport report = run(request, admin.id());
      long id = migrationLog.record(report);
      log.info("Process migration {} of {} v{} -> v{} by {}: {} movable, {} blocked, batches {}",
          report.dryRun() ? "dry run" : "run", report.processKey(), report.sourceVersions(), report.targetVersion(),
          report.actedBy(), report.movable(), report.blocked(), report.batchIds());
      return new MigrationReport(id, report.processKey(), report.sourceVersions(), report.targetVersion(),
          report.dryRun(), report.actedBy(), report.actedAt(), report.batchIds(), report.instances());
    });
  }

  private MigrationReport run(MigrationRequest request, String adminId) {
    String key = request.processKey() == null ? "" : request.processKey().trim();
    if (key.isEmpty()) {
      throw new InvalidInputException(new FieldProblem("processKey", request.processKey(), "请选择要迁移的流程"));
    }
    ProcessDefinition target = target(key, request.targetVersion());
    List<ProcessDefinition> sources = sources(key, request.sourceVersion(), target);
    List<MigrationReport.InstanceResult> results = new ArrayList<>();
    List<String> batchIds = new ArrayList<>();
    for (ProcessDefinition source : sources) {
      List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId())
          .orderByProcessInstanceId().asc().list().stream()
          .filter(i -> request.businessKeys() == null || request.businessKeys().isEmpty()
              || request.businessKeys().contains(i.getBusinessKey()))
          .toList();
      if (instances.isEmpty()) {
        continue;
      }
      BpmnModelInstance model = repository.getBpmnModelInstance(source.getId());
      MigrationPlan plan;
      try {
        plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers()
            .build();
      } catch (MigrationPlanValidationException e) {
        List<String> reasons = planFailures(e);
        instances.forEach(i -> results.add(result(i, source, model, false, reasons)));
        continue;
      }
      List<String> movable = new ArrayList<>();
      boolean allMovable = tryMigration(plan, instances.stream().map(ProcessInstance::getId).toList()).isEmpty();
      for (ProcessInstance instance : instances) {
        List<String> reasons = allMovable ? List.of() : tryMigration(plan, List.of(instance.getId()));
        results.add(result(instance, source, model, reasons.isEmpty(), reasons));
        if (reasons.isEmpty()) {
          movable.add(instance.getId());
        }
      }
      if (!request.isDryRun() && !movable.isEmpty()) {
        batchIds.add(execution(plan, movable).executeAsync().getId());
      }
    }
    return new MigrationReport(null, key, sources.stream().map(ProcessDefinition::getVersion).toList(),
        target.getVersion(), request.isDryRun(), adminId, clock.now(), batchIds, results);
  }

  private ProcessDefinition target(String key, Integer version) {
    var query = repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId();
    ProcessDefinition target = version == null ? query.latestVersion().singleResult()
        : query.processDefinitionVersion(version).singleResult();
    if (target == null) {
      throw new InvalidInputException(version == null
          ? new FieldProblem("processKey", key, "没有找到流程「" + key + "」")
          : new FieldProblem("targetVersion", version, "流程「" + key + "」没有第 " + version + " 版"));
    }
    return target;
  }

  private List<ProcessDefinition> sources(String key, Integer version, ProcessDefinition target) {
    if (version != null) {
      if (version == target.getVersion()) {
        throw new InvalidInputException(new FieldProblem("sourceVersion", version, "源版本与目标版本相同，无需迁移"));
      }
      ProcessDefinition source = repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId()
          .processDefinitionVersion(version).singleResult();
      if (source == null) {
        throw new InvalidInputException(new FieldProblem("sourceVersion", version,
            "流程「" + key + "」没有第 " + version + " 版"));
      }
      return List.of(source);
    }
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId().list().stream()
        .filter(d -> d.getVersion() < target.getVersion())
        .sorted(Comparator.comparingInt(ProcessDefinition::getVersion)).toList();
  }

  private MigrationPlanExecutionBuilder execution(MigrationPlan plan, List<String> instanceIds) {
    // the instances keep their state as it is: nothing is re-entered, so no listener or I/O mapping runs again
    return runtime.newMigration(plan).processInstanceIds(instanceIds).skipCustomListeners().skipIoMappings();
  }

  /** Migrates in a transaction that is always rolled back: the reasons why not, empty when it would work. */
  private List<String> tryMigration(MigrationPlan plan, List<String> instanceIds) {
    return transactions.execute(status -> {
      status.setRollbackOnly();
      try {
        execution(plan, instanceIds).execute();
        return List.<String>of();
      } catch (MigratingProcessInstanceValidationException e) {
        return instanceFailures(e.getValidationReport(), plan);
      } catch (ProcessEngineException e) {
        return List.of("引擎拒绝迁移：" + e.getMessage());
      }
    });
  }

  private List<String> instanceFailures(MigratingProcessInstanceValidationReport report, MigrationPlan plan) {
    BpmnModelInstance model = repository.getBpmnModelInstance(plan.getSourceProcessDefinitionId());
    List<String> reasons = new ArrayList<>();
    report.getFailures().forEach(f -> reasons.add(chinese(f)));
    report.getActivityInstanceReports().forEach(r -> r.getFailures()
        .forEach(f -> reasons.add(activity(model, r.getSourceScopeId()) + "：" + chinese(f))));
    report.getTransitionInstanceReports().forEach(r -> r.getFailures()
        .forEach(f -> reasons.add(activity(model, r.getSourceScopeId()) + "：" + chinese(f))));
    return reasons.stream().distinct().toList();
  }

  private static List<String> planFailures(MigrationPlanValidationException e) {
    List<String> reasons = new ArrayList<>();
    e.getValidationReport().getInstructionReports().forEach(r -> r.getFailures().forEach(f -> reasons.add(
        "迁移方案无效（" + String.join("、", r.getMigrationInstruction().getSourceActivityId()) + "）：" + chinese(f))));
    e.getValidationReport().getVariableReports().forEach((name, r) -> r.getFailures()
        .forEach(f -> reasons.add("变量「" + name + "」：" + chinese(f))));
    return reasons.isEmpty() ? List.of("迁移方案无效：" + e.getMessage()) : reasons;
  }

  private static String chinese(String failure) {
    return FAILURES.getOrDefault(failure, "引擎说明：" + failure);
  }

  private MigrationReport.InstanceResult result(ProcessInstance instance, ProcessDefinition source,
                                                BpmnModelInstance model, boolean movable, List<String> reasons) {
    List<String> waitingAt = runtime.getActiveActivityIds(instance.getId()).stream().distinct()
        .map(id -> activity(model, id)).toList();
    return new MigrationReport.InstanceResult(instance.getId(), instance.getBusinessKey(), source.getVersion(),
        waitingAt, movable, reasons);
  }

  /** 「审核销号」（UserTask_SignOff）: how an admin recognises an activity. */
  static String activity(BpmnModelInstance model, String activityId) {
    ModelElementInstance element = model.getModelElementById(activityId);
    String name = element == null ? null : element.getAttributeValue("name");
    return name == null || name.isBlank() ? activityId : "「" + name + "」（" + activityId + "）";
  }
}

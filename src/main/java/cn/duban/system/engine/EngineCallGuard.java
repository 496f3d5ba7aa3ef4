package cn.duban.system.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormData;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;

/**
 * The trust boundary in front of the engine. Tasklist, Cockpit, {@code /engine-rest} and duban's own task API all
 * reach the engine through commands, so every command a signed-in person sends passes here first, whatever the path:
 * <ul>
 *   <li>completing or submitting a task (complete, submit-form, resolve) may write only the fields of that task's
 *       deployed form, with the form's types and allowed values ({@link FormDeclaration}); anything else refuses the
 *       whole submission (400);</li>
 *   <li>starting a process may carry only the fields of its start form, and the process's own
 *       {@link ProcessStartRule} decides the rest (for items: who may issue, the code is duban's);</li>
 *   <li>writing variables directly (on a process instance, an execution or a task), moving an instance, correlating
 *       messages or signals and the like are for administrators (403): they would bypass the forms;</li>
 *   <li>a task's due date, follow-up date, name, candidates, assignee and owner change only by the office or an
 *       administrator; everyone else may only claim a task for themselves or hand back their own (403);</li>
 *   <li>statistics and reports over all instances are for people who may see every unit (403);</li>
 *   <li>people may change their own password but not their name or e-mail (administrators maintain them).</li>
 * </ul>
 * Commands of the engine itself (the job executor), commands nested in another command, duban's system calls (no
 * authenticated user) and duban's own checked calls ({@link TrustedEngineCalls}) are not checked here.
 */
class EngineCallGuard extends CommandInterceptor {

  static final String ADMIN_ONLY = "只有管理员可以直接修改流程变量、移动流程实例或向流程发送消息。请在任务表单中办理。";

  /** Queries and reports that count over every instance, whatever the caller may read. */
  private static final Set<String> BUREAU_WIDE_FIGURES = Set.of("ProcessDefinitionStatisticsQueryImpl",
      "ActivityStatisticsQueryImpl", "DeploymentStatisticsQueryImpl", "HistoricActivityStatisticsQueryImpl",
      "HistoricCaseActivityStatisticsQueryImpl", "TaskReportImpl", "HistoricTaskInstanceReportImpl",
      "HistoricProcessInstanceReportImpl", "CleanableHistoricProcessInstanceReportImpl",
      "CleanableHistoricDecisionInstanceReportImpl", "CleanableHistoricCaseInstanceReportImpl",
      "CleanableHistoricBatchReportImpl");

  private final ProcessEngineConfigurationImpl configuration;
  private final Supplier<List<ProcessStartRule>> startRules;

  EngineCallGuard(ProcessEngineConfigurationImpl configuration, Supplier<List<ProcessStartRule>> startRules) {
    this.configuration = configuration;
    this.startRules = startRules;
    // fail at start-up, not at the first task, if this Camunda version moved a field the guard reads
    Objects.requireNonNull(CommandInputs.COMPLETE_VARIABLES);
  }

  /**
   * A command whose permission the guard has decided itself (handing back one's own task): the engine's own check
   * is skipped for it ({@link #skipEngineCheckIfDecided}), the user is still recorded as the actor.
   */
  private static final ThreadLocal<Command<?>> GUARD_DECIDED = new ThreadLocal<>();

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null || TrustedEngineCalls.active()) {
      return next.execute(command);
    }
    Authentication authentication = identity().getCurrentAuthentication();
    EngineCaller caller = EngineCaller.of(authentication);
    try {
      if (caller != null) {
        check(command, caller, authentication);
      }
      return next.execute(command);
    } catch (AuthorizationException | NullPointerException e) {
      // a race lost: the task was completed a moment ago, and the engine trips over its absence (its permissions
      // went with it, or a retried command finds nothing); the person is told so, as a conflict
      String taskId = caller == null ? null : taskWorkedOn(command);
      if (taskId != null && asSystem(authentication, () -> tasks().createTaskQuery().taskId(taskId).count()) == 0) {
        throw new BadUserRequestException(EngineConflicts.TASK_GONE);
      }
      throw e;
    } finally {
      GUARD_DECIDED.remove();
    }
  }

  private static String taskWorkedOn(Command<?> command) {
    var completion = CommandInputs.completion(command);
    return completion != null ? completion.taskId() : CommandInputs.taskId(command);
  }

  /** Runs inside the command's context (a post interceptor): skips the engine's check for a guard-decided command. */
  static CommandInterceptor skipEngineCheckIfDecided() {
    return new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        if (GUARD_DECIDED.get() == command && Context.getCommandContext() != null) {
          Context.getCommandContext().disableAuthorizationCheck();
        }
        return next.execute(command);
      }
    };
  }

  private void check(Command<?> command, EngineCaller caller, Authentication authentication) {
    var completion = CommandInputs.completion(command);
    if (completion != null) {
      checkCompletion(completion, authentication);
      return;
    }
    var start = CommandInputs.start(command);
    if (start != null) {
      checkStart(start, caller, authentication);
      return;
    }
    if (bypassesForms(command)) {
      if (!caller.isAdmin()) {
        throw new AuthorizationException(ADMIN_ONLY);
      }
      return;
    }
    if (command instanceof ClaimTaskCmd claim) {
      checkClaim(CommandInputs.taskId(claim), CommandInputs.claimUserId(claim), caller, authentication);
      return;
    }
    if (command instanceof AssignTaskCmd assign && CommandInputs.assignedUserId(assign) == null) {
      // Tasklist's and the REST API's "unclaim" sets the assignee to nobody; the engine asks TASK_ASSIGN for it,
      // which a cadre does not have (it would let him give tasks away): his own task he may hand back
      checkClaim(CommandInputs.taskId(assign), null, caller, authentication);
      if (!caller.isOfficeOrAdmin()) {
        GUARD_DECIDED.set(command);
      }
      return;
    }
    if (routesTask(command)) {
      if (!caller.isOfficeOrAdmin()) {
        throw new AuthorizationException("只有督查室和管理员可以修改任务的期限、名称、候选部门或办理人；"
            + "您可以认领本部门的任务，或退回自己认领的任务。");
      }
      return;
    }
    if (countsBureauWide(command) && !caller.seesAllUnits()) {
      throw new AuthorizationException("全局统计只对督查室、局领导、审计和管理员开放；本部门的数字请看督办页面。");
    }
    if (command instanceof SaveUserCmd save) {
      checkOwnProfile(save, caller, authentication);
    }
  }

  /** Commands that write variables or move an instance without any form: administrators only. */
  private static boolean bypassesForms(Command<?> command) {
    return command instanceof AbstractSetVariableCmd || command instanceof AbstractRemoveVariableCmd
        || command instanceof AbstractPatchVariablesCmd || command instanceof SetVariablesToProcessInstancesBatchCmd
        || command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd
        || command instanceof ProcessInstanceModificationBatchCmd || command instanceof StartProcessInstanceAtActivitiesCmd
        || command instanceof RestartProcessInstancesCmd || command instanceof AbstractCorrelateMessageCmd
        || command instanceof CorrelateAllMessageBatchCmd || command instanceof MessageEventReceivedCmd
        || command instanceof SignalCmd || command instanceof SignalEventReceivedCmd
        || command instanceof CompleteExternalTaskCmd || command instanceof HandleExternalTaskCmd
        || command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd;
  }

  /** Commands that change who works a task, or when it is due: the office routes items. */
  private static boolean routesTask(Command<?> command) {
    return command instanceof SaveTaskCmd || command instanceof AbstractSetTaskPropertyCmd
        || command instanceof DeleteIdentityLinkCmd || command instanceof DelegateTaskCmd
        || command instanceof DeleteTaskCmd || command instanceof CreateTaskCmd;
  }

  private static boolean countsBureauWide(Command<?> command) {
    Class<?> type = command.getClass();
    Class<?> outer = type.getEnclosingClass();
    return BUREAU_WIDE_FIGURES.contains(type.getSimpleName())
        || (outer != null && BUREAU_WIDE_FIGURES.contains(outer.getSimpleName()));
  }

  /** Claiming a task for oneself, or handing back one's own task: everyone; anything else is routing. */
  private void checkClaim(String taskId, String userId, EngineCaller caller, Authentication authentication) {
    if (caller.userId().equals(userId) || caller.isOfficeOrAdmin()) {
      return;
    }
    if (userId == null) {
      Task task = asSystem(authentication, () -> tasks().createTaskQuery().taskId(taskId).singleResult());
      if (task == null || caller.userId().equals(task.getAssignee())) {
        return; // handing back one's own task (a missing task fails in the command itself)
      }
    }
    throw new AuthorizationException("只能认领给自己，或退回自己认领的任务；改派他人请联系督查室。");
  }

  private void checkCompletion(CommandInputs.Completion completion, Authentication authentication) {
    if (completion.taskId() == null || completion.variables().isEmpty()) {
      return;
    }
    List<String> problems = asSystem(authentication, () -> {
      Task task = tasks().createTaskQuery().taskId(completion.taskId()).singleResult();
      if (task == null) {
        return List.<String>of(); // the command fails by itself: already done, or never existed
      }
      FormDeclaration form = declaration("任务「" + task.getName() + "」的表单",
          forms().getTaskFormData(task.getId()), () -> forms().getDeployedTaskForm(task.getId()));
      return form.problems(completion.variables(), name -> tasks().getVariable(task.getId(), name));
    });
    refuseIfAny(problems);
  }

  private void checkStart(CommandInputs.Start start, EngineCaller caller, Authentication authentication) {
    ProcessDefinition definition = asSystem(authentication, () -> start.processDefinitionId() != null
        ? repository().createProcessDefinitionQuery().processDefinitionId(start.processDefinitionId()).singleResult()
        : repository().createProcessDefinitionQuery().processDefinitionKey(start.processDefinitionKey())
            .withoutTenantId().latestVersion().singleResult());
    if (definition == null) {
      return; // the command reports the unknown process itself
    }
    Map<String, ?> variables = start.variables() == null ? Map.of() : start.variables();
    for (ProcessStartRule rule : startRules.get()) {
      if (rule.processKey().equals(definition.getKey())) {
        rule.checkExternalStart(caller, start.businessKey(), plain(variables));
      }
    }
    if (variables.isEmpty()) {
      return;
    }
    List<String> problems = asSystem(authentication, () -> declaration("流程「" + definition.getName() + "」的发起表单",
        forms().getStartFormData(definition.getId()), () -> forms().getDeployedStartForm(definition.getId()))
        .problems(variables, name -> null));
    refuseIfAny(problems);
  }

  /** People may change their own password; their name and e-mail are kept by administrators. */
  private void checkOwnProfile(SaveUserCmd save, EngineCaller caller, Authentication authentication) {
    User changed = CommandInputs.savedUser(save);
    if (changed == null || caller.isAdmin() || !caller.userId().equals(changed.getId())) {
      return; // others' profiles: the engine's own authorization decides
    }
    User stored = asSystem(authentication, () -> identity().createUserQuery().userId(changed.getId()).singleResult());
    if (stored != null && (!same(stored.getFirstName(), changed.getFirstName())
        || !same(stored.getLastName(), changed.getLastName()) || !same(stored.getEmail(), changed.getEmail()))) {
      throw new AuthorizationException("姓名和电子邮箱由管理员统一维护，不能自行修改；如有错误请联系管理员。"
          + "您可以修改自己的密码。");
    }
  }

  private static boolean same(String a, String b) {
    return Objects.equals(a == null ? "" : a.strip(), b == null ? "" : b.strip());
  }

  private static FormDeclaration declaration(String name, FormData data, Supplier<InputStream> camundaForm) {
    if (data != null && data.getCamundaFormRef() != null) {
      try (InputStream schema = camundaForm.get()) {
        return FormDeclaration.parse(name, schema);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (data != null && data.getFormFields() != null && !data.getFormFields().isEmpty()) {
      Map<String, String> fields = new LinkedHashMap<>();
      data.getFormFields().forEach(f -> fields.put(f.getId(), f.getTypeName()));
      return FormDeclaration.ofGeneratedFields(name, fields);
    }
    return FormDeclaration.none(name);
  }

  private static void refuseIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("提交未被接受：" + String.join("；", problems) + "。");
    }
  }

  private static Map<String, Object> plain(Map<String, ?> variables) {
    Map<String, Object> values = new LinkedHashMap<>();
    variables.forEach((k, v) -> values.put(k, FormDeclaration.plain(v)));
    return values;
  }

  /** Runs a lookup of the guard's own without the caller's authorizations, then restores them. */
  private <T> T asSystem(Authentication authentication, Supplier<T> lookup) {
    identity().clearAuthentication();
    try {
      return lookup.get();
    } finally {
      identity().setAuthentication(authentication);
    }
  }

  private IdentityService identity() {
    return configuration.getIdentityService();
  }

  private TaskService tasks() {
    return configuration.getTaskService();
  }

  private FormService forms() {
    return configuration.getFormService();
  }

  private RepositoryService repository() {
    return configuration.getRepositoryService();
  }
}

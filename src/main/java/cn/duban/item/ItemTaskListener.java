package cn.duban.item;

import static cn.duban.item.ItemProcess.Decisions;
import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.item.ItemProcess.Variables;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The adapter between the item's user tasks and {@link ItemLifecycle}: on {@code create} the read model takes
 * the task's status and the task's form opens clean; on {@code complete} the submitted form is checked (a wrong
 * submission is refused with a Chinese message and nothing changes) and its effect recorded.
 */
@Component("itemTaskListener")
class ItemTaskListener implements TaskListener {

  private final ItemLifecycle lifecycle;
  private final IdentityService identityService;

  ItemTaskListener(ItemLifecycle lifecycle, IdentityService identityService) {
    this.lifecycle = lifecycle;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> created(task);
      case EVENTNAME_COMPLETE -> completed(task);
      default -> {
        // assignment and other events change nothing in the read model
      }
    }
  }

  private void created(DelegateTask task) {
    String key = task.getTaskDefinitionKey();
    ItemProcess.INPUTS_CLEARED_ON_CREATE.getOrDefault(key, List.of()).forEach(task.getExecution()::removeVariable);
    // Tasklist shows these beside the task in its lists; as task variables a cadre may read them (and only them)
    for (String name : ItemProcess.SHOWN_IN_TASKLIST) {
      task.setVariableLocal(name, task.getVariable(name));
    }
    if (Elements.CO_UNIT_REPORT.equals(key)) {
      // the report stays inside this co-unit's instance (on the task, or on its execution when a caller completes
      // with execution variables), so co-units reporting at the same time never share a variable
      task.setVariableLocal(Variables.CO_UNIT_REPORT, null);
      task.getExecution().setVariableLocal(Variables.CO_UNIT_REPORT, null);
    }
    if (Elements.APPROVE_EXTENSION.equals(key)) {
      // the leader reads the request as duban recorded it
      var request = lifecycle.pendingExtension(code(task));
      task.setVariableLocal(Variables.EXTENSION_DATE, request.newDeadline().toString());
      task.setVariableLocal(Variables.EXTENSION_REASON, request.reason());
    }
    lifecycle.taskCreated(code(task), key);
  }

  private void completed(DelegateTask task) {
    String code = code(task);
    String user = currentUser();
    if (user != null) {
      // who may decide, from duban's data as it is now (a person completes; duban's own system calls have no user)
      lifecycle.checkMayComplete(code, task.getTaskDefinitionKey(), user, text(task, Variables.CO_UNIT_ID));
    }
    switch (task.getTaskDefinitionKey()) {
      case Elements.SIGN_FOR -> signFor(task, code);
      case Elements.REASSIGN -> reassign(task, code);
      case Elements.HANDLE -> handle(task, code);
      case Elements.APPROVE_EXTENSION -> {
        Object decision = task.getVariable(Variables.EXTENSION_DECISION);
        ItemLifecycle.rulesChecked(() -> {
          ItemRules.requireChoice(Variables.EXTENSION_DECISION, decision, "审批意见（同意或不同意延期）",
              Decisions.APPROVE, Decisions.REJECT);
          return null;
        });
        // an approval is checked against today once more: the date may have become the past while it waited
        lifecycle.extensionDecided(code, Decisions.APPROVE.equals(decision), decider(task),
            text(task, Variables.EXTENSION_COMMENT));
      }
      case Elements.CO_UNIT_SIGN_FOR -> lifecycle.coUnitSigned(code, text(task, Variables.CO_UNIT_ID),
          task.getAssignee() != null ? task.getAssignee() : currentUser());
      case Elements.CO_UNIT_REPORT -> lifecycle.coUnitDone(code, text(task, Variables.CO_UNIT_ID),
          ItemLifecycle.rulesChecked(() -> ItemRules.requireText(Variables.CO_UNIT_REPORT,
              coUnitReport(task), "协办完成情况")));
      case Elements.SUPERVISE -> ItemLifecycle.rulesChecked(() -> ItemRules.requireText(Variables.SUPERVISION_ORDER,
          task.getVariable(Variables.SUPERVISION_ORDER), "督办要求"));
      case Elements.SIGN_OFF -> signOff(task, code);
      default -> {
      }
    }
  }

  private void signFor(DelegateTask task, String code) {
    Object decision = task.getVariable(Variables.SIGN_FOR_DECISION);
    ItemLifecycle.rulesChecked(() -> {
      ItemRules.requireChoice(Variables.SIGN_FOR_DECISION, decision, "签收或退回", Decisions.ACCEPT, Decisions.RETURN);
      if (Decisions.RETURN.equals(decision)) {
        ItemRules.requireText(Variables.RETURN_REASON, task.getVariable(Variables.RETURN_REASON), "退回理由");
      }
      return null;
    });
    if (Decisions.ACCEPT.equals(decision)) {
      String assignee = task.getAssignee() != null ? task.getAssignee() : currentUser();
      task.setVariable(Variables.ASSIGNEE, assignee);
      lifecycle.signedFor(code, assignee);
    } else {
      lifecycle.returnedBySignFor(code);
    }
  }

  /** 审核销号: 销号 with a rating of the result (a remark for 较差), or 退回 with a reason. */
  private void signOff(DelegateTask task, String code) {
    Object decision = task.getVariable(Variables.SIGN_OFF_DECISION);
    ItemLifecycle.rulesChecked(() -> {
      ItemRules.requireChoice(Variables.SIGN_OFF_DECISION, decision, "审核结果（销号或退回）",
          Decisions.SIGN_OFF, Decisions.RETURN);
      if (Decisions.RETURN.equals(decision)) {
        ItemRules.requireText(Variables.SIGN_OFF_COMMENT, task.getVariable(Variables.SIGN_OFF_COMMENT), "退回理由");
      }
      return null;
    });
    if (Decisions.RETURN.equals(decision)) {
      lifecycle.returnedAtSignOff(code, text(task, Variables.SIGN_OFF_COMMENT));
      return;
    }
    Object rating = task.getVariable(Variables.QUALITY_RATING);
    Object remark = task.getVariable(Variables.QUALITY_REMARK);
    String checkedRemark = ItemLifecycle.rulesChecked(() -> {
      ItemRules.requireChoice(Variables.QUALITY_RATING, rating, "办结质量评价（优秀、良好、一般或较差）",
          QualityRating.names());
      if (QualityRating.valueOf(rating.toString()).needsRemark()) {
        return ItemRules.requireText(Variables.QUALITY_REMARK, remark, "评价说明（评为较差时必填）");
      }
      return remark == null || remark.toString().isBlank() ? null
          : ItemRules.requireText(Variables.QUALITY_REMARK, remark, "评价说明");
    });
    lifecycle.rated(code, QualityRating.valueOf(rating.toString()), checkedRemark);
  }

  private void reassign(DelegateTask task, String code) {
    var result = lifecycle.reassign(code, text(task, Variables.NEW_UNIT_ID),
        text(task, Variables.NEW_ASSIGNEE));
    task.setVariable(Variables.UNIT_ID, result.item().unitId());
    task.setVariable(Variables.UNIT_NAME, result.unitName());
    task.setVariable(Variables.ASSIGNEE, result.item().assignee());
  }

  private void handle(DelegateTask task, String code) {
    Object action = task.getVariable(Variables.HANDLE_ACTION);
    ItemLifecycle.rulesChecked(() -> {
      ItemRules.requireChoice(Variables.HANDLE_ACTION, action, "办理操作（进度反馈、申请办结或申请延期）",
          Decisions.PROGRESS, Decisions.COMPLETE, Decisions.EXTEND);
      return null;
    });
    switch (action.toString()) {
      case Decisions.PROGRESS -> ItemLifecycle.rulesChecked(() ->
          ItemRules.requireText(Variables.PROGRESS_TEXT, task.getVariable(Variables.PROGRESS_TEXT), "进度情况"));
      case Decisions.COMPLETE -> {
        ItemLifecycle.rulesChecked(() ->
            ItemRules.requireText(Variables.RESULT_TEXT, task.getVariable(Variables.RESULT_TEXT), "办结情况"));
        lifecycle.checkCoUnitsSettled(code);
      }
      default -> {
        var date = lifecycle.checkExtension(code, text(task, Variables.EXTENSION_REASON),
            text(task, Variables.EXTENSION_DATE));
        lifecycle.extensionRequested(code, decider(task), date, text(task, Variables.EXTENSION_REASON));
      }
    }
    // the office's or the leader's feedback has been read on this form
    ItemProcess.FEEDBACK_SHOWN_ON_HANDLE.forEach(task.getExecution()::removeVariable);
  }

  /** The report as submitted: on the task (Tasklist's form) or on its execution (a complete with variables). */
  private static Object coUnitReport(DelegateTask task) {
    Object onTask = task.getVariableLocal(Variables.CO_UNIT_REPORT);
    return onTask != null ? onTask : task.getExecution().getVariableLocal(Variables.CO_UNIT_REPORT);
  }

  /** Who completes the task: the signed-in person, or (a system call) the task's assignee. */
  private String decider(DelegateTask task) {
    String user = currentUser();
    return user != null ? user : task.getAssignee();
  }

  private String currentUser() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  static String text(org.camunda.bpm.engine.delegate.VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  /** The item is the process's business key: duban gave it, nobody can change it. */
  private static String code(DelegateTask task) {
    return task.getExecution().getProcessBusinessKey();
  }
}

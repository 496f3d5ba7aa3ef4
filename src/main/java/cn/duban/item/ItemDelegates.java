package cn.duban.item;

import static cn.duban.item.ItemProcess.Variables;
import static cn.duban.item.ItemTaskListener.text;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.system.BureauClock;
import cn.duban.system.security.EngineSystemContext;

/**
 * The service tasks of the item process, as thin adapters: read the variables, call {@link ItemLifecycle},
 * write the results back. Bean names are the {@code camunda:delegateExpression}s of {@code duban-item.bpmn}.
 */
@Configuration(proxyBeanMethods = false)
class ItemDelegates {

  /**
   * 交办: enters the item in the read model and gives it its code (the business key). An item issued through duban
   * ({@link ItemService#issue}, list import) arrives checked; a start from outside (Tasklist's start form,
   * {@code /engine-rest}) is checked here, from what its start form sent, by the same rules.
   */
  @Bean
  JavaDelegate registerItemDelegate(ItemLifecycle lifecycle, IdentityService identityService, BureauClock clock) {
    return execution -> {
      ValidItem checked = PendingIssue.take();
      var registered = checked != null
          ? lifecycle.register(execution.getProcessInstanceId(), checked, user(identityService))
          : lifecycle.registerFromOutside(execution.getProcessInstanceId(), draft(execution, clock), user(identityService));
      execution.setProcessBusinessKey(registered.code());
      // the variables as checked and settled (trimmed, the deadline as yyyy-MM-dd, the cycle's label)
      execution.setVariables(registered.item().variables());
      execution.setVariable(Variables.ITEM_CODE, registered.code());
      execution.setVariable(Variables.UNIT_NAME, registered.unitName());
      execution.setVariable(Variables.DUE_AT, Date.from(registered.dueAt()));
    };
  }

  /** What a start form sent, as text, for the item rules. */
  private static ItemDraft draft(DelegateExecution execution, BureauClock clock) {
    return new ItemDraft(text(execution, Variables.TITLE), text(execution, Variables.REQUIREMENT),
        text(execution, Variables.UNIT_ID), text(execution, Variables.ASSIGNEE), coUnits(execution),
        text(execution, Variables.LEADER_ID), deadline(execution, clock), text(execution, Variables.REPORTING_CYCLE),
        text(execution, Variables.LIST_CODE));
  }

  /** 进度反馈: kept with the item. */
  @Bean
  JavaDelegate recordProgressDelegate(ItemLifecycle lifecycle, IdentityService identityService) {
    return execution -> lifecycle.progressReported(code(execution), text(execution, Variables.PROGRESS_TEXT),
        author(execution, identityService), null);
  }

  /** 申请办结: the result report; the item goes to the office for 销号. */
  @Bean
  JavaDelegate recordCompletionDelegate(ItemLifecycle lifecycle, IdentityService identityService) {
    return execution -> {
      lifecycle.completionReported(code(execution), text(execution, Variables.RESULT_TEXT),
          author(execution, identityService), null);
      // no more reports are owed: the reporting cycle stops (it starts again if the office returns the result)
      EngineSystemContext.run(identityService, () -> execution.getProcessEngineServices().getRuntimeService()
          .createMessageCorrelation(ItemProcess.Messages.REPORTING_STOPPED)
          .processInstanceId(execution.getProcessInstanceId()).correlateAll());
    };
  }

  /** An approved 延期: the deadline changes everywhere (item, variables, the due dates of the next tasks). */
  @Bean
  JavaDelegate applyExtensionDelegate(ItemLifecycle lifecycle, IdentityService identityService, BureauClock clock) {
    return execution -> {
      String code = code(execution);
      // the request as duban recorded it when the assignee asked, not as variables say now
      var dueAt = lifecycle.extensionApproved(code);
      execution.setVariable(Variables.DEADLINE, LocalDate.ofInstant(dueAt, clock.zone()).toString());
      execution.setVariable(Variables.DUE_AT, Date.from(dueAt));
      // the ladder starts again against the new deadline (its pending timers and 督办 are cancelled), and the
      // reporting cycle's period is computed again (its due time may have been the old deadline's)
      EngineSystemContext.run(identityService, () -> execution.getProcessEngineServices().getRuntimeService()
          .createMessageCorrelation(ItemProcess.Messages.DEADLINE_CHANGED)
          .processInstanceId(execution.getProcessInstanceId()).correlateAll());
    };
  }

  /** 销号: the item is closed, on time or late. */
  @Bean
  JavaDelegate closeItemDelegate(ItemLifecycle lifecycle) {
    return execution -> lifecycle.closed(code(execution));
  }

  /** The item is the process's business key: duban gave it, nobody can change it. */
  private static String code(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  /** The start form sends the deadline as yyyy-MM-dd; a REST caller may send a date. */
  private static String deadline(DelegateExecution execution, BureauClock clock) {
    Object value = execution.getVariable(Variables.DEADLINE);
    if (value instanceof Date date) {
      return LocalDate.ofInstant(date.toInstant(), clock.zone()).toString();
    }
    return value == null ? null : value.toString();
  }

  /** 协办部门 as a start form's multi-select sends them (a list) or as text ("A,B", a REST caller). */
  private static List<String> coUnits(DelegateExecution execution) {
    Object value = execution.getVariable(Variables.CO_UNIT_IDS);
    if (value instanceof java.util.Collection<?> chosen) {
      return chosen.stream().map(String::valueOf).toList();
    }
    if (value != null && value.toString().strip().startsWith("[")) {
      // a JSON list (Tasklist sends a multi-select as a JSON value)
      return ItemRules.jsonList(value.toString());
    }
    return value == null ? List.of()
        : Arrays.stream(value.toString().split("[,，、;；\\s]+")).filter(s -> !s.isBlank()).toList();
  }

  private static String author(DelegateExecution execution, IdentityService identityService) {
    String user = user(identityService);
    return user != null ? user : text(execution, Variables.ASSIGNEE);
  }

  private static String user(IdentityService identityService) {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}

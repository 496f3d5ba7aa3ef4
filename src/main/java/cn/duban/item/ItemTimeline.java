package cn.duban.item;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.stereotype.Component;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.security.EngineSystemContext;

/**
 * An item's timeline, read from Camunda's history: issue, every task with its candidates, claim and completion
 * (who and when, and the form values submitted), operations done by hand through Cockpit or REST, comments,
 * and the end. Callers have checked that the reader may see the item.
 */
@Component
class ItemTimeline {

  /** Form fields worth showing, with their Chinese labels. */
  private static final Map<String, String> FIELD_LABELS = new LinkedHashMap<>();
  private static final Map<String, String> VALUE_LABELS = Map.of(
      "ACCEPT", "签收", "RETURN", "退回", "PROGRESS", "反馈进度", "COMPLETE", "申请办结", "EXTEND", "申请延期",
      "APPROVE", "同意延期", "REJECT", "不同意延期", "SIGN_OFF", "同意销号");
  private static final Map<String, String> OPERATION_LABELS = Map.ofEntries(
      Map.entry("Claim", "认领任务"), Map.entry("Assign", "指派办理人"), Map.entry("SetOwner", "设置任务所有者"),
      Map.entry("Delegate", "委托任务"), Map.entry("Resolve", "完成委托"), Map.entry("Update", "修改任务"),
      Map.entry("Delete", "删除"), Map.entry("AddUserLink", "添加候选人"), Map.entry("DeleteUserLink", "移除候选人"),
      Map.entry("AddGroupLink", "添加候选组"), Map.entry("DeleteGroupLink", "移除候选组"),
      Map.entry("SetPriority", "修改优先级"), Map.entry("Suspend", "挂起"), Map.entry("Activate", "激活"),
      Map.entry("SuspendJob", "挂起作业"), Map.entry("ModifyProcessInstance", "修改流程实例"),
      Map.entry("SetVariable", "修改变量"), Map.entry("SetVariables", "修改变量"), Map.entry("ModifyVariable", "修改变量"),
      Map.entry("RemoveVariable", "删除变量"), Map.entry("Migrate", "迁移流程版本"), Map.entry("DeleteHistory", "删除历史"),
      Map.entry("SetJobRetries", "设置作业重试"), Map.entry("Restart", "重启流程实例"),
      Map.entry("CreateAttachment", "添加附件"), Map.entry("DeleteAttachment", "删除附件"),
      Map.entry("CreateComment", "添加评论"), Map.entry("Start", "启动"));
  private static final Map<String, String> PROPERTY_LABELS = Map.of("assignee", "办理人", "owner", "所有者",
      "dueDate", "到期日", "followUpDate", "跟进日期", "priority", "优先级", "name", "名称", "description", "描述",
      "userId", "用户", "groupId", "组", "delegation", "委托状态");
  private static final java.time.format.DateTimeFormatter DATE_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  /** Operations already shown as their own events. */
  private static final Set<String> SHOWN_ELSEWHERE = Set.of("Complete", "Create", "Start");

  static {
    FIELD_LABELS.put("signForDecision", "签收意见");
    FIELD_LABELS.put("returnReason", "退回理由");
    FIELD_LABELS.put("newUnitId", "新的责任部门");
    FIELD_LABELS.put("newAssignee", "新的责任人");
    FIELD_LABELS.put("handleAction", "办理操作");
    FIELD_LABELS.put("progressText", "进度情况");
    FIELD_LABELS.put("resultText", "办结情况");
    FIELD_LABELS.put("extensionReason", "延期理由");
    FIELD_LABELS.put("extensionDate", "申请延期至");
    FIELD_LABELS.put("extensionDecision", "审批意见");
    FIELD_LABELS.put("extensionComment", "审批说明");
    FIELD_LABELS.put("signOffDecision", "审核结果");
    FIELD_LABELS.put("signOffComment", "退回理由");
    FIELD_LABELS.put("coUnitReport", "协办完成情况");
    FIELD_LABELS.put("supervisionOrder", "督办要求");
  }

  private final HistoryService historyService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final OrganisationService organisation;
  private final ItemRepository items;
  private final BureauClock clock;
  private final CoUnitParts coUnitParts;

  ItemTimeline(HistoryService historyService, TaskService taskService, IdentityService identityService,
               OrganisationService organisation, ItemRepository items, BureauClock clock, CoUnitParts coUnitParts) {
    this.clock = clock;
    this.coUnitParts = coUnitParts;
    this.historyService = historyService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.organisation = organisation;
    this.items = items;
  }

  List<TimelineEvent> of(String processInstanceId) {
    if (processInstanceId == null) {
      return List.of();
    }
    return EngineSystemContext.call(identityService, () -> build(processInstanceId));
  }

  private List<TimelineEvent> build(String processInstanceId) {
    List<TimelineEvent> events = new ArrayList<>();
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    if (instance == null) {
      return events;
    }
    events.add(event(instance.getStartTime(), "ISSUED", "交办事项", instance.getStartUserId(), null, null, Map.of()));

    List<UserOperationLogEntry> operations = historyService.createUserOperationLogQuery()
        .processInstanceId(processInstanceId).list();
    List<HistoricDetail> updates = historyService.createHistoricDetailQuery()
        .processInstanceId(processInstanceId).variableUpdates().list();

    for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(processInstanceId).orderByHistoricActivityInstanceStartTime().asc().list()) {
      events.add(event(task.getStartTime(), "TASK_CREATED", "生成任务「" + task.getName() + "」", null,
          task.getName(), task.getId(), candidates(task)));
      if (task.getEndTime() != null) {
        boolean completed = "completed".equals(task.getDeleteReason());
        String actor = operations.stream()
            .filter(o -> task.getId().equals(o.getTaskId()) && "Complete".equals(o.getOperationType()))
            .map(UserOperationLogEntry::getUserId).findFirst().orElse(task.getAssignee());
        events.add(event(task.getEndTime(), completed ? "TASK_COMPLETED" : "TASK_ENDED",
            (completed ? "完成任务「" : "任务结束「") + task.getName() + "」", actor, task.getName(), task.getId(),
            submitted(updates, task.getActivityInstanceId())));
      }
    }

    Map<String, List<UserOperationLogEntry>> byOperation = new LinkedHashMap<>();
    for (UserOperationLogEntry entry : operations) {
      if (!SHOWN_ELSEWHERE.contains(entry.getOperationType())) {
        byOperation.computeIfAbsent(entry.getOperationId(), k -> new ArrayList<>()).add(entry);
      }
    }
    for (List<UserOperationLogEntry> entries : byOperation.values()) {
      UserOperationLogEntry first = entries.get(0);
      Map<String, Object> details = new LinkedHashMap<>();
      for (UserOperationLogEntry e : entries) {
        if (e.getProperty() != null) {
          String label = PROPERTY_LABELS.getOrDefault(e.getProperty(), e.getProperty());
          String before = value(e.getProperty(), e.getOrgValue());
          String after = value(e.getProperty(), e.getNewValue());
          details.put(label, (before == null ? "" : before + " → ") + (after == null ? "（空）" : after));
        }
      }
      String label = OPERATION_LABELS.getOrDefault(first.getOperationType(), first.getOperationType());
      events.add(event(first.getTimestamp(), "OPERATION", label, first.getUserId(), null, first.getTaskId(), details));
    }

    for (Comment comment : taskService.getProcessInstanceComments(processInstanceId)) {
      events.add(event(comment.getTime(), "COMMENT", "添加评论", comment.getUserId(), null, comment.getTaskId(),
          Map.of("评论", comment.getFullMessage())));
    }
    items.findByProcessInstance(processInstanceId).ifPresent(item -> {
      coUnitParts.of(item.code()).stream().filter(p -> p.status() == CoUnitPart.Status.WAIVED)
          .forEach(p -> events.add(new TimelineEvent(p.doneAt(), "CO_UNIT_WAIVED", "豁免协办部门「" + p.unitName() + "」",
              p.waivedBy(), organisation.personName(p.waivedBy()), null, null, Map.of("豁免理由", p.waiveReason()))));
      items.deadlineChanges(item.code()).forEach(change -> events.add(new TimelineEvent(change.changedAt(),
          "DEADLINE_CHANGED", "完成时限变更", change.approvedBy(), organisation.personName(change.approvedBy()), null, null,
          Map.of("原完成时限", change.oldDeadline().toString(), "新完成时限", change.newDeadline().toString(),
              "申请人", String.valueOf(organisation.personName(change.requestedBy()))))));
    });

    if (instance.getEndTime() != null) {
      boolean closed = "COMPLETED".equals(instance.getState());
      events.add(event(instance.getEndTime(), closed ? "CLOSED" : "ENDED", closed ? "事项销号，流程结束" : "流程被终止",
          null, null, null, instance.getDeleteReason() == null ? Map.of() : Map.of("原因", instance.getDeleteReason())));
    }
    events.sort(Comparator.comparing(TimelineEvent::time, Comparator.nullsFirst(Comparator.naturalOrder())));
    return events;
  }

  /** Who a task was for when it was created: its candidate groups, the person it was assigned to, its due date. */
  private Map<String, Object> candidates(HistoricTaskInstance task) {
    Map<String, Object> details = new LinkedHashMap<>();
    List<HistoricIdentityLinkLog> links = historyService.createHistoricIdentityLinkLogQuery().taskId(task.getId())
        .operationType("add").list();
    List<String> groups = links.stream().filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
        .map(HistoricIdentityLinkLog::getGroupId).distinct().map(organisation::groupName).toList();
    if (!groups.isEmpty()) {
      details.put("候选部门", String.join("、", groups));
    }
    links.stream()
        .filter(l -> "assignee".equals(l.getType()) && !l.getTime().after(task.getStartTime()))
        .findFirst().ifPresent(l -> details.put("办理人", organisation.personName(l.getUserId())));
    if (task.getDueDate() != null) {
      details.put("到期日", format(task.getDueDate()));
    }
    return details;
  }

  private String format(Date date) {
    return DATE_TIME.format(date.toInstant().atZone(clock.zone()));
  }

  /** An operation's old or new value as people read it: names for user ids, dates in the bureau's zone. */
  private String value(String property, String raw) {
    if (raw == null) {
      return null;
    }
    return switch (property) {
      case "assignee", "owner", "userId" -> organisation.personName(raw);
      case "groupId" -> organisation.groupName(raw);
      case "dueDate", "followUpDate" -> raw.matches("\\d+") ? format(new Date(Long.parseLong(raw))) : raw;
      default -> raw;
    };
  }

  private static Map<String, Object> submitted(List<HistoricDetail> updates, String activityInstanceId) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (HistoricDetail detail : updates) {
      if (detail instanceof HistoricVariableUpdate update && activityInstanceId != null
          && activityInstanceId.equals(update.getActivityInstanceId())
          && FIELD_LABELS.containsKey(update.getVariableName()) && update.getValue() != null) {
        Object value = update.getValue();
        values.put(FIELD_LABELS.get(update.getVariableName()), VALUE_LABELS.getOrDefault(value.toString(), value.toString()));
      }
    }
    return values;
  }

  private TimelineEvent event(Date time, String kind, String label, String actor, String taskName, String taskId,
                              Map<String, Object> details) {
    return new TimelineEvent(time == null ? null : time.toInstant(), kind, label, actor,
        organisation.personName(actor), taskName, taskId, details);
  }
}

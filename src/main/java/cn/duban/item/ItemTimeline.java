package cn.duban.item;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.springframework.stereotype.Component;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.security.EngineSystemContext;

/**
 * Items' timelines, complete, from Camunda's history and duban's records: the issue, every task with its candidate
 * units, assignee, creation, claim and completion (who and when, and every form value submitted: progress reports,
 * extension requests, decisions), deadline changes (old → new, who asked, who approved), each step of the
 * escalation ladder with who was notified, co-unit waivers, comments, attachments, every entry of the user operation
 * log (reassignments, due date changes, anything done by hand through Cockpit or REST), and the end.
 * Built for many items at once with one query per source ({@link HistoryTables}). Callers have checked that the
 * reader may see the items.
 */
@Component
public class ItemTimeline {

  /** Process instances read together; PostgreSQL takes the ids as one array parameter. */
  static final int CHUNK = 500;

  /** Form fields worth showing, with their Chinese labels. */
  private static final Map<String, String> FIELD_LABELS = new LinkedHashMap<>();
  /** The variables holding a task's decision: the completion's action. */
  private static final List<String> DECISIONS = List.of(ItemProcess.Variables.SIGN_FOR_DECISION,
      ItemProcess.Variables.HANDLE_ACTION, ItemProcess.Variables.EXTENSION_DECISION,
      ItemProcess.Variables.SIGN_OFF_DECISION);
  /** Tasks without a decision variable: their completion is the action. */
  private static final Map<String, String> TASK_ACTIONS = Map.of(ItemProcess.Elements.REASSIGN, "REASSIGN",
      ItemProcess.Elements.SUPERVISE, "SUPERVISION_ORDER", ItemProcess.Elements.CO_UNIT_SIGN_FOR, "CO_UNIT_SIGN_FOR",
      ItemProcess.Elements.CO_UNIT_REPORT, "CO_UNIT_REPORT");
  private static final Map<String, String> VALUE_LABELS = Map.of(
      "ACCEPT", "签收", "RETURN", "退回", "PROGRESS", "反馈进度", "COMPLETE", "申请办结", "EXTEND", "申请延期",
      "APPROVE", "同意延期", "REJECT", "不同意延期", "SIGN_OFF", "同意销号");
  /** Camunda's operation types (UserOperationLogEntry.OPERATION_TYPE_*) as people read them. */
  private static final Map<String, String> OPERATION_LABELS = Map.ofEntries(
      Map.entry("Claim", "认领任务"), Map.entry("Assign", "指派办理人"), Map.entry("SetOwner", "设置任务所有者"),
      Map.entry("Delegate", "委托任务"), Map.entry("Resolve", "完成委托"), Map.entry("Update", "修改任务"),
      Map.entry("Delete", "删除"), Map.entry("AddUserLink", "添加候选人"), Map.entry("DeleteUserLink", "移除候选人"),
      Map.entry("AddGroupLink", "添加候选组"), Map.entry("DeleteGroupLink", "移除候选组"),
      Map.entry("SetPriority", "修改优先级"), Map.entry("SetName", "修改任务名称"), Map.entry("SetDescription", "修改任务说明"),
      Map.entry("SetFollowUpDate", "修改跟进日期"), Map.entry("Suspend", "挂起"), Map.entry("Activate", "激活"),
      Map.entry("SuspendJob", "挂起作业"), Map.entry("ActivateJob", "激活作业"),
      Map.entry("SuspendJobDefinition", "挂起作业定义"), Map.entry("ActivateJobDefinition", "激活作业定义"),
      Map.entry("SuspendProcessDefinition", "挂起流程定义"), Map.entry("ActivateProcessDefinition", "激活流程定义"),
      Map.entry("ModifyProcessInstance", "修改流程实例"), Map.entry("RestartProcessInstance", "重启流程实例"),
      Map.entry("SetVariable", "修改变量"), Map.entry("SetVariables", "修改变量"), Map.entry("ModifyVariable", "修改变量"),
      Map.entry("RemoveVariable", "删除变量"), Map.entry("Migrate", "迁移流程版本"), Map.entry("DeleteHistory", "删除历史"),
      Map.entry("SetJobRetries", "设置作业重试"), Map.entry("SetExternalTaskRetries", "设置外部任务重试"),
      Map.entry("Restart", "重启流程实例"), Map.entry("CreateAttachment", "添加附件"), Map.entry("AddAttachment", "添加附件"),
      Map.entry("DeleteAttachment", "删除附件"), Map.entry("CreateComment", "添加评论"),
      Map.entry("UpdateComment", "修改评论"), Map.entry("DeleteComment", "删除评论"), Map.entry("Start", "启动"),
      Map.entry("CreateDeployment", "部署流程"), Map.entry("DeleteDeployment", "删除部署"), Map.entry("Create", "新建"),
      Map.entry("BreakGlass", "紧急授权下删除历史"), Map.entry("SetRemovalTime", "设置历史清除时间"),
      Map.entry("UpdateHistoryTimeToLive", "修改历史保存期限"), Map.entry("CreateHistoryCleanupJobs", "创建历史清理作业"),
      Map.entry("Correlate", "发送消息"), Map.entry("CorrelateMessage", "发送消息"), Map.entry("SetDueDate", "修改到期日"),
      Map.entry("RecalculateDueDate", "重新计算到期日"), Map.entry("Unlock", "解锁"), Map.entry("Execute", "执行作业"),
      Map.entry("Evaluate", "执行决策"), Map.entry("SuspendBatch", "挂起批处理"), Map.entry("ActivateBatch", "激活批处理"),
      Map.entry("CreateIncident", "创建故障"), Map.entry("SetAnnotation", "添加备注"),
      Map.entry("ClearAnnotation", "清除备注"));
  /** What an operation was done on (Camunda's EntityTypes) as people read it. */
  private static final Map<String, String> ENTITY_LABELS = Map.ofEntries(
      Map.entry("Task", "任务"), Map.entry("HistoricTask", "任务（历史）"), Map.entry("IdentityLink", "任务的候选人或候选组"),
      Map.entry("Attachment", "附件"), Map.entry("Comment", "评论"), Map.entry("ProcessInstance", "流程实例"),
      Map.entry("HistoricProcessInstance", "流程实例（历史）"), Map.entry("ProcessDefinition", "流程定义"),
      Map.entry("Deployment", "部署"), Map.entry("Variable", "流程变量"), Map.entry("Job", "作业（定时器等）"),
      Map.entry("JobDefinition", "作业定义"), Map.entry("ExternalTask", "外部任务"), Map.entry("Batch", "批处理"),
      Map.entry("Incident", "故障"), Map.entry("User", "用户"), Map.entry("Group", "组（部门或角色）"),
      Map.entry("Group membership", "组成员"), Map.entry("Tenant", "租户"), Map.entry("TenantMembership", "租户成员"),
      Map.entry("Authorization", "授权"), Map.entry("Filter", "任务筛选器"), Map.entry("DecisionDefinition", "决策定义"),
      Map.entry("DecisionRequirementsDefinition", "决策需求定义"), Map.entry("DecisionInstance", "决策实例"),
      Map.entry("CaseDefinition", "案例定义"), Map.entry("CaseInstance", "案例实例"), Map.entry("Property", "系统属性"),
      Map.entry("Metrics", "统计指标"), Map.entry("TaskMetrics", "任务统计"), Map.entry("OperationLog", "操作日志"),
      Map.entry("System", "系统"), Map.entry("Application", "应用"), Map.entry("Report", "报表"),
      Map.entry("Dashboard", "仪表板"));
  private static final Map<String, String> PROPERTY_LABELS = Map.ofEntries(Map.entry("assignee", "办理人"),
      Map.entry("owner", "所有者"), Map.entry("dueDate", "到期日"), Map.entry("followUpDate", "跟进日期"),
      Map.entry("priority", "优先级"), Map.entry("name", "名称"), Map.entry("description", "描述"),
      Map.entry("userId", "用户"), Map.entry("groupId", "组"), Map.entry("delegation", "委托状态"),
      Map.entry("deleteReason", "删除原因"), Map.entry("cascade", "一并删除下级"), Map.entry("nrOfInstances", "实例数"),
      Map.entry("nrOfVariables", "变量数"), Map.entry("async", "后台执行"), Map.entry("processDefinitionId", "流程定义"),
      Map.entry("processDefinitionKey", "流程"), Map.entry("processDefinitionVersion", "流程版本"),
      Map.entry("retries", "重试次数"), Map.entry("suspensionState", "挂起状态"), Map.entry("removalTime", "历史清除时间"),
      Map.entry("historyTimeToLive", "历史保存期限"), Map.entry("skipCustomListeners", "跳过监听器"),
      Map.entry("skipIoMappings", "跳过输入输出映射"), Map.entry("includeJobs", "包括作业"),
      Map.entry("executionStartTime", "执行开始时间"), Map.entry("type", "类型"), Map.entry("mode", "方式"),
      Map.entry("annotation", "备注"), Map.entry("messageName", "消息"), Map.entry("tenantId", "租户"));
  /** The engine's words for why a task or instance ended without completion (a person's own reason stays). */
  private static final Map<String, String> ENDED_REASONS = Map.of("deleted", "已撤销（流程转到其他环节）",
      "cancelled", "已取消", "canceled", "已取消");
  /** Values of an operation's properties that are technical words. */
  private static final Map<String, String> PROPERTY_VALUES = Map.of("true", "是", "false", "否",
      "suspended", "已挂起", "active", "已激活", "PENDING", "待处理", "RESOLVED", "已完成");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  /** Operations already shown as their own events. */
  private static final Set<String> SHOWN_ELSEWHERE = Set.of("Complete", "Create", "Start");

  /** The ladder's steps (service tasks of duban-item), with their action and the kind of notification they send. */
  private static final Map<String, String[]> ESCALATION_STEPS = Map.of(
      ItemProcess.Elements.REMIND, new String[] {"REMIND", "REMINDER"},
      ItemProcess.Elements.MARK_OVERDUE, new String[] {"CHASE", "CHASE"},
      ItemProcess.Elements.CHASE, new String[] {"CHASE", "CHASE"},
      ItemProcess.Elements.START_SUPERVISION, new String[] {"SUPERVISE", "SUPERVISION"},
      ItemProcess.Elements.BULLETIN, new String[] {"BULLETIN", "BULLETIN"});

  /** Within one instant: the issue, then hand-made operations, completions, what they cause, new tasks, the end. */
  /** Timeline order: by time, and within one instant cause before effect. */
  public static final Comparator<TimelineEvent> ORDER = Comparator
      .comparing(TimelineEvent::time, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(e -> TimelineKind.rank(e.kind()));

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
    FIELD_LABELS.put(ItemProcess.Variables.QUALITY_RATING, "办结质量评价");
    FIELD_LABELS.put(ItemProcess.Variables.QUALITY_REMARK, "评价说明");
    FIELD_LABELS.put("coUnitReport", "协办完成情况");
    FIELD_LABELS.put("supervisionOrder", "督办要求");
  }

  private final HistoryService historyService;
  private final IdentityService identityService;
  private final OrganisationService organisation;
  private final HistoryTables tables;
  private final NoticesSent noticesSent;
  private final BureauClock clock;

  ItemTimeline(HistoryService historyService, IdentityService identityService, OrganisationService organisation,
               HistoryTables tables, NoticesSent noticesSent, BureauClock clock) {
    this.noticesSent = noticesSent;
    this.historyService = historyService;
    this.identityService = identityService;
    this.organisation = organisation;
    this.tables = tables;
    this.clock = clock;
  }

  List<TimelineEvent> of(String processInstanceId) {
    if (processInstanceId == null) {
      return List.of();
    }
    return of(List.of(processInstanceId)).getOrDefault(processInstanceId, List.of());
  }

  /** The timelines of many process instances, each in order; a handful of queries per {@value #CHUNK} instances. */
  public Map<String, List<TimelineEvent>> of(Collection<String> processInstanceIds) {
    List<String> ids = processInstanceIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
    Map<String, List<TimelineEvent>> result = new HashMap<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      result.putAll(EngineSystemContext.call(identityService, () -> build(chunk)));
    }
    return result;
  }

  /**
   * Entries of the user operation log on no process instance (deployments, users and groups, history, break-glass),
   * for the audit search over everything.
   */
  public List<TimelineEvent> operationsOutsideItems(Instant from, Instant to, String userId, int limit) {
    return operationEvents(tables.operationsOutsideInstances(from, to, userId, limit));
  }

  private Map<String, List<TimelineEvent>> build(List<String> ids) {
    Map<String, List<TimelineEvent>> events = new HashMap<>();
    Function<String, List<TimelineEvent>> of = id -> events.computeIfAbsent(id, k -> new ArrayList<>());

    List<HistoryTables.ProcessRow> processes = tables.processes(ids);
    for (HistoryTables.ProcessRow instance : processes) {
      of.apply(instance.id()).add(event(instance.start(), TimelineKind.ISSUED.name(), null, "交办事项", instance.startUser(), null, null,
          Map.of()));
    }

    List<HistoryTables.OperationRow> operations = tables.operations(ids);
    Map<String, String> completedBy = new HashMap<>();
    operations.stream().filter(o -> "Complete".equals(o.type()) && o.taskId() != null)
        .forEach(o -> completedBy.putIfAbsent(o.taskId(), o.userId()));
    Map<String, List<HistoricVariableUpdate>> updates = variableUpdates(ids);
    Map<String, List<HistoryTables.LinkRow>> links = tables.taskLinks(ids).stream()
        .collect(Collectors.groupingBy(HistoryTables.LinkRow::taskId));

    for (HistoryTables.TaskRow task : tables.tasks(ids)) {
      List<TimelineEvent> list = of.apply(task.processInstanceId());
      list.add(event(task.start(), TimelineKind.TASK_CREATED.name(), null, "生成任务「" + task.name() + "」", null, task.name(),
          task.id(), created(task, links.getOrDefault(task.id(), List.of()))));
      if (task.end() != null) {
        boolean completed = "completed".equals(task.deleteReason());
        List<HistoricVariableUpdate> submitted = updates.getOrDefault(task.activityInstanceId(), List.of());
        String action = completed ? action(task, submitted) : null;
        String label = completed
            ? "完成任务「" + task.name() + "」" + (action != null && VALUE_LABELS.containsKey(action)
                ? "：" + VALUE_LABELS.get(action) : "")
            : "任务结束「" + task.name() + "」";
        Map<String, Object> details = completed ? values(submitted) : new LinkedHashMap<>();
        if (!completed && task.deleteReason() != null) {
          details.put("原因", ENDED_REASONS.getOrDefault(task.deleteReason(), task.deleteReason()));
        }
        list.add(event(task.end(), (completed ? TimelineKind.TASK_COMPLETED : TimelineKind.TASK_ENDED).name(), action, label,
            completed ? completedBy.getOrDefault(task.id(), task.assignee()) : null, task.name(), task.id(), details));
      }
    }

    Map<String, List<HistoryTables.OperationRow>> operationsByInstance = operations.stream()
        .collect(Collectors.groupingBy(HistoryTables.OperationRow::processInstanceId));
    operationsByInstance.forEach((id, rows) -> of.apply(id).addAll(operationEvents(rows)));

    for (HistoryTables.CommentRow comment : tables.comments(ids)) {
      of.apply(comment.processInstanceId()).add(event(comment.time(), TimelineKind.COMMENT.name(), null, "添加评论", comment.userId(),
          null, comment.taskId(), Map.of("评论", comment.message() == null ? "" : comment.message())));
    }
    for (HistoryTables.EngineAttachmentRow attachment : tables.engineAttachments(ids)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("附件", String.valueOf(attachment.name()));
      if (attachment.url() != null) {
        details.put("链接", attachment.url());
      }
      of.apply(attachment.processInstanceId()).add(event(attachment.time(), TimelineKind.ATTACHMENT.name(), "CreateAttachment",
          "添加附件（Tasklist）", attachment.userId(), null, attachment.taskId(), details));
    }

    Map<String, String> instanceOfItem = new HashMap<>();
    tables.itemCodes(ids).forEach(c -> instanceOfItem.put(c.code(), c.processInstanceId()));
    Set<String> codes = instanceOfItem.keySet();
    for (HistoryTables.WaiverRow waiver : tables.waivers(codes)) {
      of.apply(instanceOfItem.get(waiver.itemCode())).add(event(waiver.at(), TimelineKind.CO_UNIT_WAIVED.name(), null,
          "豁免协办部门「" + organisation.unitName(waiver.unitId()) + "」", waiver.waivedBy(), null, null,
          Map.of("豁免理由", String.valueOf(waiver.reason()))));
    }
    for (HistoryTables.DeadlineChangeRow change : tables.deadlineChanges(codes)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("原完成时限", change.oldDeadline().toString());
      details.put("新完成时限", change.newDeadline().toString());
      details.put("申请人", String.valueOf(organisation.personName(change.requestedBy())));
      details.put("批准人", String.valueOf(organisation.personName(change.approvedBy())));
      if (change.reason() != null) {
        details.put("延期理由", change.reason());
      }
      of.apply(instanceOfItem.get(change.itemCode())).add(event(change.at(), TimelineKind.DEADLINE_CHANGED.name(), null,
          "完成时限变更：" + change.oldDeadline() + " → " + change.newDeadline(), change.approvedBy(), null, null,
          details));
    }
    for (HistoryTables.LateReportRow late : tables.lateReports(codes)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("周期", late.start() + " 至 " + late.end());
      details.put("反馈期限", DATE_TIME.format(late.due().atZone(clock.zone())));
      details.put("部门", organisation.unitName(late.unitId()) + (late.coUnit() ? "（协办）" : ""));
      if (late.assignee() != null) {
        details.put("承办人", String.valueOf(organisation.personName(late.assignee())));
      }
      of.apply(instanceOfItem.get(late.itemCode())).add(event(late.at(), TimelineKind.LATE_REPORT.name(), null,
          (late.coUnit() ? "协办部门「" + organisation.unitName(late.unitId()) + "」" : "") + "反馈逾期：" + late.start()
              + " 至 " + late.end() + " 未反馈进度", null, null, null, details));
    }
    for (HistoryTables.AttachmentRow attachment : tables.attachments(codes)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("文件", attachment.fileName());
      details.put("大小", attachment.size() + " 字节");
      details.put("SHA-256", attachment.sha256());
      of.apply(instanceOfItem.get(attachment.itemCode())).add(event(attachment.at(), TimelineKind.ATTACHMENT.name(), "UPLOAD",
          "上传佐证材料", attachment.uploadedBy(), null, null, details));
    }
    escalations(ids, codes, instanceOfItem, of);

    for (HistoryTables.ProcessRow instance : processes) {
      if (instance.end() != null) {
        boolean closed = "COMPLETED".equals(instance.state());
        of.apply(instance.id()).add(event(instance.end(), (closed ? TimelineKind.CLOSED : TimelineKind.ENDED).name(), null,
            closed ? "事项销号，流程结束" : "流程被终止", null, null, null,
            instance.deleteReason() == null || closed ? Map.of()
                : Map.of("原因", ENDED_REASONS.getOrDefault(instance.deleteReason(), instance.deleteReason()))));
      }
    }
    events.values().forEach(list -> list.sort(ORDER));
    return events;
  }

  /** Each step of the ladder, with the people its notifications went to (enqueued while the step ran). */
  private void escalations(List<String> ids, Set<String> codes, Map<String, String> instanceOfItem,
                           Function<String, List<TimelineEvent>> of) {
    Map<String, String> itemOfInstance = new HashMap<>();
    instanceOfItem.forEach((code, id) -> itemOfInstance.put(id, code));
    Map<String, List<NoticesSent.Notice>> notifications = noticesSent.of(codes).stream()
        .collect(Collectors.groupingBy(NoticesSent.Notice::itemCode));
    for (HistoryTables.ActivityRow step : tables.activities(ids, ESCALATION_STEPS.keySet())) {
      String[] meaning = ESCALATION_STEPS.get(step.activityId());
      Instant until = step.end() == null ? step.start() : step.end();
      Set<String> recipients = new LinkedHashSet<>();
      notifications.getOrDefault(itemOfInstance.get(step.processInstanceId()), List.of()).stream()
          .filter(n -> meaning[1].equals(n.kind()) && !n.at().isBefore(step.start()) && !n.at().isAfter(until))
          .forEach(n -> recipients.add(organisation.personName(n.recipient())));
      Map<String, Object> details = Map.of("通知对象", recipients.isEmpty() ? "（无）" : String.join("、", recipients));
      of.apply(step.processInstanceId()).add(new TimelineEvent(step.start(), TimelineKind.ESCALATION.name(), meaning[0],
          "逾期升级：" + step.name(), null, "系统", null, null, details));
    }
  }

  private Map<String, List<HistoricVariableUpdate>> variableUpdates(List<String> ids) {
    Map<String, List<HistoricVariableUpdate>> byActivity = new HashMap<>();
    for (HistoricDetail detail : historyService.createHistoricDetailQuery().processInstanceIdIn(ids.toArray(String[]::new))
        .variableUpdates().orderPartiallyByOccurrence().asc().list()) {
      if (detail instanceof HistoricVariableUpdate update && update.getActivityInstanceId() != null
          && FIELD_LABELS.containsKey(update.getVariableName()) && update.getValue() != null) {
        byActivity.computeIfAbsent(update.getActivityInstanceId(), k -> new ArrayList<>()).add(update);
      }
    }
    return byActivity;
  }

  /** The decision taken on completion: the value of its decision field, or what the task itself is. */
  private static String action(HistoryTables.TaskRow task, List<HistoricVariableUpdate> submitted) {
    String action = TASK_ACTIONS.get(task.key());
    for (HistoricVariableUpdate update : submitted) {
      if (DECISIONS.contains(update.getVariableName())) {
        action = update.getValue().toString();
      }
    }
    return action;
  }

  private List<TimelineEvent> operationEvents(List<HistoryTables.OperationRow> operations) {
    Map<String, List<HistoryTables.OperationRow>> byOperation = new LinkedHashMap<>();
    for (HistoryTables.OperationRow entry : operations) {
      if (!SHOWN_ELSEWHERE.contains(entry.type()) || entry.processInstanceId() == null) {
        // one command may log several operations under one id (an erasure and its break-glass record)
        byOperation.computeIfAbsent((entry.operationId() == null ? entry.id() : entry.operationId()) + "|"
            + entry.type(), k -> new ArrayList<>()).add(entry);
      }
    }
    List<TimelineEvent> events = new ArrayList<>();
    for (List<HistoryTables.OperationRow> entries : byOperation.values()) {
      HistoryTables.OperationRow first = entries.get(0);
      Map<String, Object> details = new LinkedHashMap<>();
      if (first.entityType() != null) {
        details.put("对象", ENTITY_LABELS.getOrDefault(first.entityType(), first.entityType()));
      }
      for (HistoryTables.OperationRow e : entries) {
        if (e.property() != null) {
          String label = PROPERTY_LABELS.getOrDefault(e.property(), e.property());
          String before = value(e.property(), e.orgValue());
          String after = value(e.property(), e.newValue());
          details.put(label, (before == null ? "" : before + " → ") + (after == null ? "（空）" : after));
        }
      }
      if (first.annotation() != null) {
        details.put("备注", first.annotation());
      }
      String label = OPERATION_LABELS.getOrDefault(first.type(), first.type());
      events.add(event(first.time(), TimelineKind.OPERATION.name(), first.type(), label, first.userId(), null, first.taskId(), details));
    }
    return events;
  }

  /** Who a task was for when it was created: its candidate groups, the person it was assigned to, its due date. */
  private Map<String, Object> created(HistoryTables.TaskRow task, List<HistoryTables.LinkRow> links) {
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> groups = links.stream()
        .filter(l -> "add".equals(l.operation()) && "candidate".equals(l.type()) && l.groupId() != null)
        .map(HistoryTables.LinkRow::groupId).distinct().map(organisation::groupName).toList();
    if (!groups.isEmpty()) {
      details.put("候选部门", String.join("、", groups));
    }
    links.stream()
        .filter(l -> "add".equals(l.operation()) && "assignee".equals(l.type()) && !l.time().isAfter(task.start()))
        .findFirst().ifPresent(l -> details.put("办理人", organisation.personName(l.userId())));
    if (task.due() != null) {
      details.put("到期日", format(task.due()));
    }
    return details;
  }

  private String format(Instant instant) {
    return DATE_TIME.format(instant.atZone(clock.zone()));
  }

  /** An operation's old or new value as people read it: names for user ids, dates in the bureau's zone. */
  private String value(String property, String raw) {
    if (raw == null) {
      return null;
    }
    return switch (property) {
      case "assignee", "owner", "userId" -> organisation.personName(raw);
      case "groupId" -> organisation.groupName(raw);
      case "dueDate", "followUpDate", "removalTime" ->
          raw.matches("\\d+") ? format(new Date(Long.parseLong(raw)).toInstant()) : raw;
      default -> PROPERTY_VALUES.getOrDefault(raw, raw);
    };
  }

  private static Map<String, Object> values(List<HistoricVariableUpdate> submitted) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (HistoricVariableUpdate update : submitted) {
      String value = update.getValue().toString();
      values.put(FIELD_LABELS.get(update.getVariableName()),
          ItemProcess.Variables.QUALITY_RATING.equals(update.getVariableName()) ? ratingLabel(value)
              : VALUE_LABELS.getOrDefault(value, value));
    }
    return values;
  }

  private static String ratingLabel(String value) {
    return java.util.Arrays.stream(QualityRating.values()).filter(r -> r.name().equals(value)).findFirst()
        .map(QualityRating::label).orElse(value);
  }

  private TimelineEvent event(Instant time, String kind, String action, String label, String actor, String taskName,
                              String taskId, Map<String, Object> details) {
    return new TimelineEvent(time, kind, action, label, actor, actor == null ? null : organisation.personName(actor),
        taskName, taskId, details);
  }
}

package cn.duban.item;

import java.util.List;
import java.util.Map;

/** The ids of {@code bpmn/duban-item.bpmn}: code never spells them as string literals elsewhere. */
public final class ItemProcess {

  public static final String KEY = "duban-item";

  private ItemProcess() {
  }

  /** BPMN element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_ItemIssued";
    public static final String REGISTER = "ServiceTask_RegisterItem";
    /** 签收 */
    public static final String SIGN_FOR = "UserTask_SignFor";
    public static final String SIGN_FOR_DECISION = "Gateway_SignForDecision";
    /** 改派 */
    public static final String REASSIGN = "UserTask_Reassign";
    /** 承办 */
    public static final String HANDLE = "UserTask_Handle";
    public static final String HANDLE_ACTION = "Gateway_HandleAction";
    public static final String RECORD_PROGRESS = "ServiceTask_RecordProgress";
    public static final String RECORD_COMPLETION = "ServiceTask_RecordCompletion";
    /** 延期审批 */
    public static final String APPROVE_EXTENSION = "UserTask_ApproveExtension";
    public static final String EXTENSION_DECISION = "Gateway_ExtensionDecision";
    public static final String APPLY_EXTENSION = "ServiceTask_ApplyExtension";
    /** 审核销号 */
    public static final String SIGN_OFF = "UserTask_SignOff";
    public static final String SIGN_OFF_DECISION = "Gateway_SignOffDecision";
    public static final String CLOSE = "ServiceTask_CloseItem";
    public static final String END = "EndEvent_ItemClosed";
    public static final String SPLIT_CO_UNITS = "Gateway_SplitCoUnits";
    /** 协办: one instance per co-unit */
    public static final String CO_UNIT_PART = "SubProcess_CoUnitPart";
    public static final String CO_UNIT_SIGN_FOR = "UserTask_CoUnitSignFor";
    public static final String CO_UNIT_REPORT = "UserTask_CoUnitReport";
    public static final String CO_UNIT_WAIVED = "StartEvent_CoUnitWaived";
    public static final String CO_UNITS_DONE = "EndEvent_CoUnitsDone";
    /** 逾期升级: the ladder */
    public static final String ESCALATION = "SubProcess_Escalation";
    public static final String TIMER_REMINDER = "TimerEvent_Reminder";
    public static final String REMIND = "ServiceTask_Remind";
    public static final String TIMER_OVERDUE = "TimerEvent_Overdue";
    public static final String MARK_OVERDUE = "ServiceTask_MarkOverdue";
    public static final String TIMER_NEXT_CHASE = "TimerEvent_NextChase";
    public static final String CHASE = "ServiceTask_Chase";
    public static final String TIMER_SUPERVISE = "TimerEvent_Supervise";
    public static final String START_SUPERVISION = "ServiceTask_StartSupervision";
    /** 督办: the office issues a 督办单 */
    public static final String SUPERVISE = "UserTask_Supervise";
    public static final String ISSUE_SUPERVISION_ORDER = "ServiceTask_IssueSupervisionOrder";
    public static final String TIMER_BULLETIN = "TimerEvent_Bulletin";
    public static final String BULLETIN = "ServiceTask_Bulletin";
    public static final String DEADLINE_CHANGED = "BoundaryEvent_DeadlineChanged";
    /** 按周期进度反馈: from 签收 (or a 退回 at 销号) to 申请办结, for an item with a reporting cycle */
    public static final String REPORTING_FORK = "Gateway_ReportingFork";
    public static final String HAS_REPORT_CYCLE = "Gateway_HasReportCycle";
    public static final String NO_REPORT_CYCLE = "EndEvent_NoReportCycle";
    public static final String REPORT_CYCLE = "SubProcess_ReportCycle";
    public static final String TIMER_REPORT_REMINDER = "TimerEvent_ReportReminder";
    public static final String REMIND_REPORT = "ServiceTask_RemindReport";
    public static final String TIMER_REPORT_DUE = "TimerEvent_ReportDue";
    public static final String CLOSE_REPORT_PERIOD = "ServiceTask_CloseReportPeriod";
    public static final String REPORTING_STOPPED = "BoundaryEvent_ReportingStopped";
    public static final String REPORT_CYCLE_DEADLINE_CHANGED = "BoundaryEvent_ReportCycleDeadlineChanged";

    private Elements() {
    }
  }

  /** Process variables. */
  public static final class Variables {
    public static final String ITEM_CODE = "itemCode";
    public static final String TITLE = "title";
    public static final String REQUIREMENT = "requirement";
    public static final String UNIT_ID = "unitId";
    public static final String UNIT_NAME = "unitName";
    public static final String ASSIGNEE = "assignee";
    public static final String CO_UNIT_IDS = "coUnitIds";
    public static final String LEADER_ID = "leaderId";
    /** 完成时限 as yyyy-MM-dd */
    public static final String DEADLINE = "deadline";
    /** the deadline's end of day, used for the tasks' due dates */
    public static final String DUE_AT = "dueAt";
    public static final String REPORTING_CYCLE = "reportingCycle";
    public static final String LIST_CODE = "listCode";

    public static final String SIGN_FOR_DECISION = "signForDecision";
    public static final String RETURN_REASON = "returnReason";
    public static final String NEW_UNIT_ID = "newUnitId";
    public static final String NEW_ASSIGNEE = "newAssignee";
    public static final String HANDLE_ACTION = "handleAction";
    public static final String PROGRESS_TEXT = "progressText";
    public static final String RESULT_TEXT = "resultText";
    public static final String EXTENSION_REASON = "extensionReason";
    public static final String EXTENSION_DATE = "extensionDate";
    public static final String EXTENSION_DECISION = "extensionDecision";
    public static final String EXTENSION_COMMENT = "extensionComment";
    public static final String SIGN_OFF_DECISION = "signOffDecision";
    public static final String SIGN_OFF_COMMENT = "signOffComment";
    /** 办结质量评价 at 销号: a {@link QualityRating} name, and the remark (required for 较差) */
    public static final String QUALITY_RATING = "qualityRating";
    public static final String QUALITY_REMARK = "qualityRemark";
    /** the co-unit of one 协办 instance (local to it) */
    public static final String CO_UNIT_ID = "coUnitId";
    /** a co-unit's report of its part, kept local to its task so parallel co-units never collide */
    public static final String CO_UNIT_REPORT = "coUnitReport";
    /** the office's 督办单 */
    public static final String SUPERVISION_ORDER = "supervisionOrder";
    /**
     * the working day a ladder step was planned for, kept by instances started before 2026-12 (local to the step's
     * branch); now each step reads it from its timer's due date
     */
    public static final String ESCALATION_DAY = "escalationDay";
    /** the reporting period being waited for (local to the 按周期进度反馈 subprocess): first and last day, yyyy-MM-dd */
    public static final String REPORT_PERIOD_START = "reportPeriodStart";
    public static final String REPORT_PERIOD_END = "reportPeriodEnd";
    /** the period's due time (a date): the last working day's 17:00, or the deadline's */
    public static final String REPORT_DUE_AT = "reportDueAt";

    private Variables() {
    }
  }

  /** Messages of the item process. */
  public static final class Messages {
    /** The office waives a co-unit's part (correlated with the co-unit's {@code coUnitId}). */
    public static final String CO_UNIT_WAIVED = "duban-co-unit-waived";
    /** An approved extension restarts the escalation ladder against the new deadline. */
    public static final String DEADLINE_CHANGED = "duban-deadline-changed";
    /** 申请办结 stops the reporting cycle (correlated by the completion's service task). */
    public static final String REPORTING_STOPPED = "duban-reporting-stopped";

    private Messages() {
    }
  }

  /** The values of the decision variables (forms show Chinese labels for them). */
  public static final class Decisions {
    public static final String ACCEPT = "ACCEPT";
    public static final String RETURN = "RETURN";
    public static final String PROGRESS = "PROGRESS";
    public static final String COMPLETE = "COMPLETE";
    public static final String EXTEND = "EXTEND";
    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";
    public static final String SIGN_OFF = "SIGN_OFF";

    private Decisions() {
    }
  }

  /**
   * Form inputs that belong to one pass through a task: removed when the task is created again, so its form
   * opens empty (history keeps every value submitted).
   */
  static final Map<String, List<String>> INPUTS_CLEARED_ON_CREATE = Map.of(
      Elements.SIGN_FOR, List.of(Variables.SIGN_FOR_DECISION, Variables.RETURN_REASON),
      Elements.REASSIGN, List.of(Variables.NEW_UNIT_ID, Variables.NEW_ASSIGNEE),
      Elements.HANDLE, List.of(Variables.HANDLE_ACTION, Variables.PROGRESS_TEXT, Variables.RESULT_TEXT,
          Variables.EXTENSION_REASON, Variables.EXTENSION_DATE),
      Elements.APPROVE_EXTENSION, List.of(Variables.EXTENSION_DECISION, Variables.EXTENSION_COMMENT),
      Elements.SIGN_OFF, List.of(Variables.SIGN_OFF_DECISION, Variables.SIGN_OFF_COMMENT, Variables.QUALITY_RATING,
          Variables.QUALITY_REMARK),
      Elements.SUPERVISE, List.of(Variables.SUPERVISION_ORDER));

  /** Copied to each task, so Tasklist's filters can show them to people who may only read their own tasks. */
  static final List<String> SHOWN_IN_TASKLIST = List.of(Variables.ITEM_CODE, Variables.TITLE, Variables.UNIT_NAME,
      Variables.DEADLINE);

  /** Feedback shown once on the 承办 form (the office's or the leader's reasons), removed when it is completed. */
  static final List<String> FEEDBACK_SHOWN_ON_HANDLE = List.of(Variables.SIGN_OFF_DECISION,
      Variables.SIGN_OFF_COMMENT, Variables.EXTENSION_DECISION, Variables.EXTENSION_COMMENT);
}

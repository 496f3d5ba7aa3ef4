package cn.duban.item;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of action one may search the history for (审计查询 "操作类型"), with their Chinese names. A code matches
 * an event whose {@code kind} or {@code action} is that code.
 */
public final class TimelineKinds {

  public static final Map<String, String> SEARCHABLE = new LinkedHashMap<>();

  /** The kinds of timeline events, with their Chinese names. */
  public static final Map<String, String> KINDS = Map.ofEntries(Map.entry("ISSUED", "交办"),
      Map.entry("TASK_CREATED", "生成任务"), Map.entry("TASK_COMPLETED", "完成任务"), Map.entry("TASK_ENDED", "任务结束"),
      Map.entry("OPERATION", "人工操作"), Map.entry("COMMENT", "评论"), Map.entry("ATTACHMENT", "附件"),
      Map.entry("ESCALATION", "逾期升级"), Map.entry("DEADLINE_CHANGED", "完成时限变更"),
      Map.entry("CO_UNIT_WAIVED", "豁免协办"), Map.entry("CLOSED", "流程结束"), Map.entry("ENDED", "流程被终止"));

  static {
    SEARCHABLE.put("ISSUED", "交办");
    SEARCHABLE.put("TASK_CREATED", "生成任务");
    SEARCHABLE.put("Claim", "认领任务");
    SEARCHABLE.put("TASK_COMPLETED", "完成任务（全部）");
    SEARCHABLE.put("ACCEPT", "签收");
    SEARCHABLE.put("RETURN", "退回");
    SEARCHABLE.put("REASSIGN", "改派");
    SEARCHABLE.put("PROGRESS", "进度反馈");
    SEARCHABLE.put("COMPLETE", "申请办结");
    SEARCHABLE.put("EXTEND", "申请延期");
    SEARCHABLE.put("APPROVE", "同意延期");
    SEARCHABLE.put("REJECT", "不同意延期");
    SEARCHABLE.put("DEADLINE_CHANGED", "完成时限变更");
    SEARCHABLE.put("ESCALATION", "逾期升级（全部）");
    SEARCHABLE.put("REMIND", "临期提醒");
    SEARCHABLE.put("CHASE", "逾期催办");
    SEARCHABLE.put("SUPERVISE", "督办");
    SEARCHABLE.put("SUPERVISION_ORDER", "督办单");
    SEARCHABLE.put("BULLETIN", "通报");
    SEARCHABLE.put("SIGN_OFF", "销号");
    SEARCHABLE.put("CO_UNIT_REPORT", "协办反馈");
    SEARCHABLE.put("CO_UNIT_WAIVED", "豁免协办");
    SEARCHABLE.put("COMMENT", "评论");
    SEARCHABLE.put("ATTACHMENT", "附件");
    SEARCHABLE.put("OPERATION", "人工操作（Cockpit、REST，全部）");
    SEARCHABLE.put("BreakGlass", "紧急授权下删除历史");
    SEARCHABLE.put("CLOSED", "流程结束");
    SEARCHABLE.put("ENDED", "流程被终止");
  }

  private TimelineKinds() {
  }

  public static boolean matches(String code, TimelineEvent event) {
    return code.equals(event.kind()) || code.equals(event.action());
  }
}

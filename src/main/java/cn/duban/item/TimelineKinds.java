package cn.duban.item;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of action one may search the history for (审计查询 "操作类型"), with their Chinese names. A code matches
 * an event whose {@code kind} or {@code action} is that code.
 */
public final class TimelineKinds {

  public static final Map<String, String> SEARCHABLE = new LinkedHashMap<>();

  /** The kinds of timeline events, with their Chinese names ({@link TimelineKind}). */
  public static final Map<String, String> KINDS = TimelineKind.labels();

  static {
    kind(TimelineKind.ISSUED);
    kind(TimelineKind.TASK_CREATED);
    SEARCHABLE.put("Claim", "认领任务");
    SEARCHABLE.put(TimelineKind.TASK_COMPLETED.name(), "完成任务（全部）");
    SEARCHABLE.put("ACCEPT", "签收");
    SEARCHABLE.put("RETURN", "退回");
    SEARCHABLE.put("REASSIGN", "改派");
    SEARCHABLE.put("PROGRESS", "进度反馈");
    SEARCHABLE.put("COMPLETE", "申请办结");
    SEARCHABLE.put("EXTEND", "申请延期");
    SEARCHABLE.put("APPROVE", "同意延期");
    SEARCHABLE.put("REJECT", "不同意延期");
    kind(TimelineKind.DEADLINE_CHANGED);
    SEARCHABLE.put(TimelineKind.ESCALATION.name(), "逾期升级（全部）");
    SEARCHABLE.put("REMIND", "临期提醒");
    SEARCHABLE.put("CHASE", "逾期催办");
    SEARCHABLE.put("SUPERVISE", "督办");
    SEARCHABLE.put("SUPERVISION_ORDER", "督办单");
    SEARCHABLE.put("BULLETIN", "通报");
    SEARCHABLE.put("SIGN_OFF", "销号");
    SEARCHABLE.put("CO_UNIT_REPORT", "协办反馈");
    kind(TimelineKind.CO_UNIT_WAIVED);
    kind(TimelineKind.LATE_REPORT);
    kind(TimelineKind.COMMENT);
    kind(TimelineKind.ATTACHMENT);
    SEARCHABLE.put(TimelineKind.OPERATION.name(), "人工操作（Cockpit、REST，全部）");
    SEARCHABLE.put("BreakGlass", "紧急授权下删除历史");
    kind(TimelineKind.CLOSED);
    kind(TimelineKind.ENDED);
  }

  private TimelineKinds() {
  }

  private static void kind(TimelineKind kind) {
    SEARCHABLE.put(kind.name(), kind.label());
  }

  public static boolean matches(String code, TimelineEvent event) {
    return code.equals(event.kind()) || code.equals(event.action());
  }
}

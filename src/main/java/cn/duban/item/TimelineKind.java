package cn.duban.item;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of an item's timeline events, in one place: the code the API and the audit export carry
 * ({@link TimelineEvent#kind()}), the Chinese name, and the rank that orders events of the same instant (cause before
 * effect: the issue before its first task, a completion before the task it creates, the end last).
 */
public enum TimelineKind {
  ISSUED("交办", 0),
  OPERATION("人工操作", 1),
  COMMENT("评论", 1),
  ATTACHMENT("附件", 1),
  TASK_COMPLETED("完成任务", 2),
  TASK_ENDED("任务结束", 2),
  ESCALATION("逾期升级", 3),
  DEADLINE_CHANGED("完成时限变更", 3),
  CO_UNIT_WAIVED("豁免协办", 3),
  LATE_REPORT("反馈逾期", 3),
  TASK_CREATED("生成任务", 4),
  CLOSED("流程结束", 5),
  ENDED("流程被终止", 5);

  private final String label;
  private final int rank;

  TimelineKind(String label, int rank) {
    this.label = label;
    this.rank = rank;
  }

  public String label() {
    return label;
  }

  /** The rank of an event's kind code (unknown codes rank with the operations). */
  static int rank(String code) {
    return Arrays.stream(values()).filter(k -> k.name().equals(code)).findFirst().map(k -> k.rank).orElse(1);
  }

  /** Every kind by its code, with its Chinese name. */
  static Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    for (TimelineKind kind : values()) {
      labels.put(kind.name(), kind.label);
    }
    return Map.copyOf(labels);
  }
}

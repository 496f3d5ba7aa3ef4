package cn.duban.item;

import java.util.Arrays;
import java.util.Optional;

/** 反馈周期: how often the assignee reports progress. Accepts the code or the Chinese label. */
public enum ReportingCycle {
  WEEKLY("每周"),
  BIWEEKLY("每两周"),
  MONTHLY("每月"),
  QUARTERLY("每季度");

  private final String label;

  ReportingCycle(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<ReportingCycle> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(v) || c.label.equals(v)).findFirst();
  }
}

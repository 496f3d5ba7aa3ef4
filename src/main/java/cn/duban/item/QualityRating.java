package cn.duban.item;

import java.util.Arrays;

/** 办结质量评价: how the office rates an item's result when it signs the item off (销号). */
public enum QualityRating {
  EXCELLENT("优秀"),
  GOOD("良好"),
  FAIR("一般"),
  POOR("较差");

  private final String label;

  QualityRating(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** A poor result is defended item by item in 考核: the office says what was wrong. */
  boolean needsRemark() {
    return this == POOR;
  }

  static String[] names() {
    return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
  }
}

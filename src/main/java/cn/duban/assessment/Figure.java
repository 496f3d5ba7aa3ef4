package cn.duban.assessment;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * A figure of the 考核, its Chinese name and what one of it is worth under the rules (signed: a deduction is
 * negative). {@link #CLOSED_LATE} is shown for context and worth nothing itself: a late closing costs its working
 * days overdue ({@link #LATE_DAYS}).
 */
public enum Figure {
  CLOSED_ON_TIME("按期销号", r -> r.closedOnTime()),
  CLOSED_LATE("逾期销号", r -> BigDecimal.ZERO),
  LATE_DAYS("逾期销号工作日", r -> r.lateDay().negate()),
  OPEN_OVERDUE("期末逾期未销号", r -> r.openOverdue().negate()),
  LATE_REPORT("反馈逾期", r -> r.lateReport().negate()),
  EXTENSION("延期", r -> r.extension().negate()),
  RETURNED("退回", r -> r.returned().negate()),
  SUPERVISED("督办", r -> r.supervised().negate()),
  BULLETINED("通报", r -> r.bulletined().negate()),
  RATED_EXCELLENT("评价优秀", r -> r.excellent()),
  RATED_GOOD("评价良好", r -> r.good()),
  RATED_FAIR("评价一般", r -> r.fair()),
  RATED_POOR("评价较差", r -> r.poor()),
  CO_PART_DONE("协办完成", r -> r.coPartDone()),
  CO_PART_WAIVED("协办豁免", r -> r.coPartWaived().negate());

  private final String label;
  private final Function<AssessmentRules, BigDecimal> worth;

  Figure(String label, Function<AssessmentRules, BigDecimal> worth) {
    this.label = label;
    this.worth = worth;
  }

  public String label() {
    return label;
  }

  /** What one of this figure adds to a score under {@code rules} (negative: deducts). */
  BigDecimal worth(AssessmentRules rules) {
    return worth.apply(rules);
  }
}

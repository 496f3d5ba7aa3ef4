package cn.duban.item.escalation;

import java.util.ArrayList;
import java.util.List;

import cn.duban.system.web.FieldProblem;

/**
 * The ladder's thresholds in working days: 临期提醒 so many days before the deadline, 督办 and 通报 so many days
 * after it. A list may override any of them; a null field keeps the default ({@code duban.escalation.*}).
 */
public record EscalationThresholds(Integer remindWorkingDaysBefore, Integer superviseWorkingDaysAfter,
                                   Integer bulletinWorkingDaysAfter) {

  public static final int MAX_REMIND = 20;
  public static final int MAX_SUPERVISE = 30;
  public static final int MAX_BULLETIN = 60;

  public static EscalationThresholds none() {
    return new EscalationThresholds(null, null, null);
  }

  public boolean isEmpty() {
    return remindWorkingDaysBefore == null && superviseWorkingDaysAfter == null && bulletinWorkingDaysAfter == null;
  }

  /** These overrides on top of the defaults: every field set. */
  public EscalationThresholds over(EscalationThresholds defaults) {
    return new EscalationThresholds(
        remindWorkingDaysBefore != null ? remindWorkingDaysBefore : defaults.remindWorkingDaysBefore(),
        superviseWorkingDaysAfter != null ? superviseWorkingDaysAfter : defaults.superviseWorkingDaysAfter(),
        bulletinWorkingDaysAfter != null ? bulletinWorkingDaysAfter : defaults.bulletinWorkingDaysAfter());
  }

  /**
   * Every problem of a complete set of thresholds (after {@link #over}), in Chinese, with the field it is about:
   * each within its range, and 通报 after 督办 (the ladder climbs).
   */
  public List<FieldProblem> problems() {
    List<FieldProblem> problems = new ArrayList<>();
    range(problems, "remindWorkingDaysBefore", remindWorkingDaysBefore, 0, MAX_REMIND, "临期提醒（完成时限前的工作日数）");
    range(problems, "superviseWorkingDaysAfter", superviseWorkingDaysAfter, 1, MAX_SUPERVISE, "督办（逾期后的工作日数）");
    range(problems, "bulletinWorkingDaysAfter", bulletinWorkingDaysAfter, 1, MAX_BULLETIN, "通报（逾期后的工作日数）");
    if (problems.isEmpty() && bulletinWorkingDaysAfter <= superviseWorkingDaysAfter) {
      problems.add(new FieldProblem("bulletinWorkingDaysAfter", bulletinWorkingDaysAfter,
          "通报须晚于督办：逾期后第 " + bulletinWorkingDaysAfter + " 个工作日通报不晚于第 " + superviseWorkingDaysAfter
              + " 个工作日督办"));
    }
    return problems;
  }

  private static void range(List<FieldProblem> problems, String field, Integer value, int min, int max, String what) {
    if (value == null) {
      problems.add(new FieldProblem(field, null, what + "未设置"));
    } else if (value < min || value > max) {
      problems.add(new FieldProblem(field, value, what + "应在 " + min + " 到 " + max + " 之间，而不是 " + value));
    }
  }
}

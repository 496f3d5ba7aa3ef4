package cn.duban.item.escalation;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * Which thresholds the ladder of an item uses: its list's, where the office chose some when issuing the list,
 * otherwise the bureau's defaults ({@code duban.escalation.*}). A list's thresholds are fixed when it is issued:
 * the timers of its items are planned against them.
 */
@Service
public class EscalationPolicy {

  private final JdbcTemplate jdbc;
  private final EscalationThresholds defaults;

  EscalationPolicy(JdbcTemplate jdbc, EscalationProperties properties) {
    this.jdbc = jdbc;
    this.defaults = new EscalationThresholds(properties.remindWorkingDaysBefore(),
        properties.superviseWorkingDaysAfter(), properties.bulletinWorkingDaysAfter());
    List<FieldProblem> problems = defaults.problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("duban.escalation.* is not a valid ladder: " + problems.stream()
          .map(p -> p.field() + ": " + p.message()).toList());
    }
  }

  public EscalationThresholds defaults() {
    return defaults;
  }

  /**
   * Checks a list's overrides before anything is written: every problem at once, in Chinese, with the request
   * parameter it is about.
   */
  public void check(EscalationThresholds overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return;
    }
    List<FieldProblem> problems = overrides.over(defaults).problems();
    if (!problems.isEmpty()) {
      throw new InvalidInputException("升级阈值有误：" + String.join("；", problems.stream().map(FieldProblem::message)
          .toList()), problems);
    }
  }

  /** Keeps a list's overrides (in the transaction that issues the list, before its items start). */
  public void saveForList(String listCode, EscalationThresholds overrides) {
    check(overrides);
    if (overrides == null || overrides.isEmpty()) {
      return;
    }
    jdbc.update("insert into duban.task_list_escalation (list_code, remind_working_days_before, "
            + "supervise_working_days_after, bulletin_working_days_after) values (?, ?, ?, ?)", listCode,
        overrides.remindWorkingDaysBefore(), overrides.superviseWorkingDaysAfter(), overrides.bulletinWorkingDaysAfter());
  }

  /** The overrides a list was issued with (empty fields where it keeps the default). */
  public EscalationThresholds overridesOf(String listCode) {
    if (listCode == null) {
      return EscalationThresholds.none();
    }
    return jdbc.query("select remind_working_days_before, supervise_working_days_after, bulletin_working_days_after "
            + "from duban.task_list_escalation where list_code = ?", (rs, n) -> new EscalationThresholds(
            (Integer) rs.getObject(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3)), listCode)
        .stream().findFirst().orElse(EscalationThresholds.none());
  }

  /** The complete thresholds of an item of this list (or of no list). */
  public EscalationThresholds forList(String listCode) {
    return overridesOf(listCode).over(defaults);
  }
}

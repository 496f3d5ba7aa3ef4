package cn.duban.item.escalation;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import cn.duban.calendar.CalendarService;
import cn.duban.item.ItemProcess;
import cn.duban.system.BureauClock;

/**
 * The dates of the escalation ladder in {@code duban-item.bpmn} ({@code ${itemEscalation.reminderAt(execution)}} …),
 * counted in working days against the item's current deadline D, at 09:00 in the bureau's zone:
 * 临期提醒 on the 3rd working day before D; 逾期催办 when D has passed, then every working day; 督办 on the 2nd and
 * 通报 on the 5th working day after D (the defaults: a list may have its own, see {@link EscalationPolicy}). The step
 * reads its day back from its timer's due date (no variable is written for it: a variable costs each step an insert
 * into the runtime table, two into history and a delete).
 */
@Component("itemEscalation")
public class ItemEscalation {

  static final LocalTime NINE = LocalTime.of(9, 0);

  private final CalendarService calendar;
  private final BureauClock clock;
  private final EscalationPolicy policy;

  ItemEscalation(CalendarService calendar, BureauClock clock, EscalationPolicy policy) {
    this.calendar = calendar;
    this.clock = clock;
    this.policy = policy;
  }

  public Date reminderAt(DelegateExecution execution) {
    return planned(calendar.addWorkingDays(deadline(execution), -thresholds(execution).remindWorkingDaysBefore()));
  }

  /** The moment the deadline has passed: the end of day D. */
  public Date overdueAt(DelegateExecution execution) {
    return Date.from(clock.endOfDay(deadline(execution)).plusSeconds(1));
  }

  /** The next 09:00 of a working day after now. */
  public Date nextChaseAt(DelegateExecution execution) {
    ZonedDateTime now = clock.now().atZone(clock.zone());
    LocalDate day = now.toLocalDate();
    if (!calendar.isWorkingDay(day) || !now.toLocalTime().isBefore(NINE)) {
      day = calendar.addWorkingDays(day, 1);
    }
    return planned(day);
  }

  public Date superviseAt(DelegateExecution execution) {
    return planned(calendar.addWorkingDays(deadline(execution), thresholds(execution).superviseWorkingDaysAfter()));
  }

  public Date bulletinAt(DelegateExecution execution) {
    return planned(calendar.addWorkingDays(deadline(execution), thresholds(execution).bulletinWorkingDaysAfter()));
  }

  /** The 督办 task is due by the end of the next working day. */
  public Date supervisionDue(DelegateExecution execution) {
    return Date.from(clock.endOfDay(calendar.addWorkingDays(clock.today(), 1)));
  }

  private Date planned(LocalDate day) {
    return Date.from(ZonedDateTime.of(day, NINE, clock.zone()).toInstant());
  }

  /** The item's list's thresholds, or the defaults. */
  private EscalationThresholds thresholds(DelegateExecution execution) {
    Object list = execution.getVariable(ItemProcess.Variables.LIST_CODE);
    return policy.forList(list == null || list.toString().isBlank() ? null : list.toString());
  }

  static LocalDate deadline(DelegateExecution execution) {
    return LocalDate.parse(execution.getVariable(ItemProcess.Variables.DEADLINE).toString());
  }
}

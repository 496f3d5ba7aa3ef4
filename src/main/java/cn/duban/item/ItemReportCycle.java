package cn.duban.item;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import cn.duban.calendar.CalendarService;
import cn.duban.item.ItemProcess.Variables;
import cn.duban.system.BureauClock;

/**
 * The timer dates of 按周期进度反馈 in {@code duban-item.bpmn} ({@code ${itemReportCycle.reminderAt(execution)}} …),
 * from the item's reporting cycle, 签收 and deadline in the read model and the bureau's working-day calendar. The
 * period waited for is kept on the subprocess (its first and last day and due time), so that the reminder, the
 * due timer and the closing of the period agree however late their jobs run: in the subprocess's own variables
 * (its input parameters), which end with it.
 */
@Component("itemReportCycle")
public class ItemReportCycle {

  private final ItemFacts facts;
  private final CalendarService calendar;
  private final BureauClock clock;

  ItemReportCycle(ItemFacts facts, CalendarService calendar, BureauClock clock) {
    this.facts = facts;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** Does the item owe reports on a cycle (每周, 每两周, 每月, 每季度)? */
  public boolean applies(DelegateExecution execution) {
    return ReportingCycle.parse(facts.item(execution).reportingCycle()).isPresent();
  }

  /** 09:00 of the current period's last working day; the period is kept on the subprocess. */
  public Date reminderAt(DelegateExecution execution) {
    ReportPeriod period = current(facts.item(execution), clock.now());
    execution.setVariable(Variables.REPORT_PERIOD_START, period.start().toString());
    execution.setVariable(Variables.REPORT_PERIOD_END, period.end().toString());
    execution.setVariable(Variables.REPORT_DUE_AT, Date.from(period.dueAt()));
    return Date.from(period.remindAt());
  }

  /** 17:00 of the period's last working day (or the deadline's), as {@link #reminderAt} planned it. */
  public Date dueAt(DelegateExecution execution) {
    return Date.from(period(execution).dueAt());
  }

  /** The period the subprocess waits for. */
  ReportPeriod period(DelegateExecution execution) {
    Instant due = ((Date) execution.getVariable(Variables.REPORT_DUE_AT)).toInstant();
    return new ReportPeriod(LocalDate.parse(execution.getVariable(Variables.REPORT_PERIOD_START).toString()),
        LocalDate.parse(execution.getVariable(Variables.REPORT_PERIOD_END).toString()),
        due.minus(java.time.Duration.between(ReportPeriod.REMIND_AT, ReportPeriod.DUE_AT)), due);
  }

  /** The period owed at {@code now} for an item with a cycle that has been signed for. */
  ReportPeriod current(ItemRow item, Instant now) {
    ReportingCycle cycle = ReportingCycle.parse(item.reportingCycle())
        .orElseThrow(() -> new IllegalStateException("Item " + item.code() + " has no reporting cycle"));
    LocalDate signedOn = LocalDate.ofInstant(item.signedAt() != null ? item.signedAt() : now, clock.zone());
    return ReportPeriod.current(cycle, signedOn, item.deadline(), now, clock.zone(), calendar);
  }

  /** The start of the period's first day in the bureau's zone. */
  Instant startOf(ReportPeriod period) {
    return period.start().atStartOfDay(clock.zone()).toInstant();
  }

}

package cn.duban.item;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.organisation.OrganisationService;
import cn.duban.organisation.Person;
import cn.duban.system.BureauClock;

/**
 * The service tasks of 按周期进度反馈: the reminder at 09:00 of a period's last working day, and the closing of the
 * period at its due time, which records a 反馈逾期 for the lead unit (no report in the period) and for each co-unit
 * that had signed for its part and not yet filed its 协办反馈. Both act in the job's own transaction, so the
 * notices (notify's outbox) and the rows commit with the step or not at all.
 */
@Configuration(proxyBeanMethods = false)
class ReportCycleDelegates {

  private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ItemFacts facts;
  private final ItemReportCycle cycle;
  private final LateReports lateReports;
  private final OrganisationService organisation;
  private final ApplicationEventPublisher events;
  private final BureauClock clock;

  ReportCycleDelegates(ItemFacts facts, ItemReportCycle cycle, LateReports lateReports,
                       OrganisationService organisation, ApplicationEventPublisher events, BureauClock clock) {
    this.facts = facts;
    this.cycle = cycle;
    this.lateReports = lateReports;
    this.organisation = organisation;
    this.events = events;
    this.clock = clock;
  }

  /** 提醒反馈进度: the assignee if the period has no report yet, and the co-units' people who owe theirs. */
  @Bean
  JavaDelegate remindReportDelegate() {
    return execution -> {
      ItemRow item = facts.item(execution);
      ReportPeriod period = cycle.period(execution);
      if (!owing(item)) {
        return;
      }
      Set<String> recipients = new LinkedHashSet<>();
      if (!lateReports.reported(item.code(), cycle.startOf(period), clock.now())) {
        recipients.addAll(handlers(item.assignee(), item.unitId()));
      }
      for (LateReports.CoUnitOwing co : lateReports.coUnitsOwing(item.code(), clock.now())) {
        recipients.addAll(handlers(co.assignee(), co.unitId()));
      }
      if (!recipients.isEmpty()) {
        LocalDate day = LocalDate.ofInstant(period.dueAt(), clock.zone());
        events.publishEvent(new ItemEscalated(ItemEscalated.Step.REPORT_REMINDER, item.code(), item.title(),
            item.deadline(), day, List.copyOf(recipients), "本期（" + period.start() + " 至 " + period.end()
            + "）尚未反馈进度，请于 " + DUE.format(period.dueAt().atZone(clock.zone())) + " 前反馈。"));
      }
    };
  }

  /** 结束本周期: a period without a report is a 反馈逾期 (the lead unit's, and each co-unit's that owed one). */
  @Bean
  JavaDelegate closeReportPeriodDelegate() {
    return execution -> {
      ItemRow item = facts.item(execution);
      ReportPeriod period = cycle.period(execution);
      if (!owing(item)) {
        return;
      }
      if (!lateReports.reported(item.code(), cycle.startOf(period), period.dueAt())) {
        lateReports.record(item.code(), item.unitId(), false, item.assignee(), period, clock.now());
      }
      for (LateReports.CoUnitOwing co : lateReports.coUnitsOwing(item.code(), period.dueAt())) {
        lateReports.record(item.code(), co.unitId(), true, co.assignee(), period, clock.now());
      }
    };
  }

  /** Between 签收 and 申请办结 (the subprocess ends at 申请办结; this guards a job that ran past it). */
  private static boolean owing(ItemRow item) {
    return item.status() == ItemStatus.IN_PROGRESS || item.status() == ItemStatus.EXTENSION_PENDING;
  }

  private Set<String> handlers(String assignee, String unitId) {
    Set<String> ids = new LinkedHashSet<>();
    if (assignee != null) {
      ids.add(assignee);
    } else {
      organisation.members(unitId).stream().map(Person::id).forEach(ids::add);
    }
    return ids;
  }

}

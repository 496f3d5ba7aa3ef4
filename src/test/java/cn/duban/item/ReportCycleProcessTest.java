package cn.duban.item;

import static cn.duban.item.ItemProcess.Decisions.ACCEPT;
import static cn.duban.item.ItemProcess.Decisions.APPROVE;
import static cn.duban.item.ItemProcess.Decisions.COMPLETE;
import static cn.duban.item.ItemProcess.Decisions.EXTEND;
import static cn.duban.item.ItemProcess.Decisions.PROGRESS;
import static cn.duban.item.ItemProcess.Decisions.RETURN;
import static cn.duban.item.ItemProcess.Decisions.SIGN_OFF;
import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.item.ItemProcess.Variables;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/**
 * 按周期进度反馈 in {@code duban-item}, one test per path, on the engine's clock: a period's report in time, none
 * (reminder at 09:00, 反馈逾期 at 17:00 of the last working day), a period ending on a holiday, 申请办结 stopping the
 * cycle, an approved extension recomputing it, a co-unit owing its 协办反馈, an item without a cycle.
 */
@DubanSpringTest
class ReportCycleProcessTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ItemService items;
  @Autowired ItemQueries itemQueries;
  @Autowired ItemTasks tasks;
  @Autowired Users users;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void init() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Date at(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  /** Issued and signed for by alice (甲科) at {@code when}. */
  String issueAndSign(String when, String deadline, String cycle, List<String> coUnits) {
    ClockUtil.setCurrentTime(at(when));
    String code = items.issue(new ItemDraft("按月报送税收收入分析", "逐月分析并报送", UNIT_A, null, coUnits, LEADER,
        deadline, cycle, null), users.get(OFFICE), false);
    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    return code;
  }

  ProcessInstance instance(String code) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult();
  }

  void work(String code, String taskKey, String user, Map<String, Object> values) {
    tasks.complete(code, taskKey, users.get(user), values);
  }

  void report(String code, String when) {
    ClockUtil.setCurrentTime(at(when));
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, PROGRESS, Variables.PROGRESS_TEXT, "本期已完成分析"));
  }

  Date due(ProcessInstance pi, String timerId) {
    var job = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(timerId).singleResult();
    assertThat(job).as("timer " + timerId).isNotNull();
    return job.getDuedate();
  }

  long timers(ProcessInstance pi, String timerId) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).activityId(timerId).count();
  }

  /** Moves the clock to the timer's due time and runs its job, as the job executor would. */
  void fire(ProcessInstance pi, String timerId) {
    var job = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(timerId).singleResult();
    assertThat(job).as("timer " + timerId).isNotNull();
    ClockUtil.setCurrentTime(job.getDuedate());
    managementService.executeJob(job.getId());
  }

  List<String> reminded(String code) {
    return jdbc.queryForList("select recipient || '@' || day from duban.notification where item_code = ? "
        + "and step = 'REPORT_REMINDER' order by id", String.class, code);
  }

  List<String> lateRows(String code) {
    return jdbc.queryForList("select unit_id || ':' || co_unit || ':' || period_start || '..' || period_end "
        + "from duban.late_report where item_code = ? order by id", String.class, code);
  }

  ItemDetail detail(String code) {
    return itemQueries.detail(code, users.get(OFFICE));
  }

  @Test
  void shouldRecordNothingWhenTheWeeksReportIsFiledInTime() {
    // Tuesday 2026-12-01: the week Mon 11-30 – Sun 12-06 is due Friday 12-04 at 17:00, reminded at 09:00
    String code = issueAndSign("2026-12-01T10:00:00", "2026-12-31", "每周", List.of());
    ProcessInstance pi = instance(code);
    assertThat(pi).hasPassed(Elements.REPORTING_FORK, Elements.HAS_REPORT_CYCLE)
        .isWaitingAt(Elements.HANDLE, Elements.TIMER_REPORT_REMINDER);
    assertThat(due(pi, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-12-04T09:00:00"));
    assertThat(detail(code).nextReportDue()).isEqualTo(at("2026-12-04T17:00:00").toInstant());

    report(code, "2026-12-02T15:00:00");
    fire(pi, Elements.TIMER_REPORT_REMINDER);
    assertThat(reminded(code)).isEmpty();
    assertThat(due(pi, Elements.TIMER_REPORT_DUE)).isEqualTo(at("2026-12-04T17:00:00"));
    fire(pi, Elements.TIMER_REPORT_DUE);

    assertThat(pi).hasPassed(Elements.REMIND_REPORT, Elements.CLOSE_REPORT_PERIOD);
    assertThat(lateRows(code)).isEmpty();
    // the next week: Friday 12-11
    assertThat(due(pi, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-12-11T09:00:00"));
    assertThat(detail(code).nextReportDue()).isEqualTo(at("2026-12-11T17:00:00").toInstant());
    assertThat(detail(code).lateReports()).isEmpty();
  }

  @Test
  void shouldRemindAtNineAndRecordALateReportWhenThePeriodClosesWithoutOne() {
    String code = issueAndSign("2026-12-01T10:00:00", "2026-12-31", "每周", List.of());
    ProcessInstance pi = instance(code);

    fire(pi, Elements.TIMER_REPORT_REMINDER);
    assertThat(reminded(code)).containsExactly(ALICE + "@2026-12-04");
    assertThat(jdbc.queryForObject("select body from duban.notification where item_code = ? and step = 'REPORT_REMINDER'",
        String.class, code)).contains("2026-11-30 至 2026-12-06").contains("2026-12-04 17:00");
    fire(pi, Elements.TIMER_REPORT_DUE);

    assertThat(lateRows(code)).containsExactly(UNIT_A + ":false:2026-11-30..2026-12-06");
    ItemDetail detail = detail(code);
    assertThat(detail.lateReports()).singleElement().satisfies(l -> {
      assertThat(l.start()).isEqualTo(LocalDate.parse("2026-11-30"));
      assertThat(l.end()).isEqualTo(LocalDate.parse("2026-12-06"));
      assertThat(l.due()).isEqualTo(at("2026-12-04T17:00:00").toInstant());
      assertThat(l.coUnit()).isFalse();
      assertThat(l.assignee()).isEqualTo(ALICE);
    });
    assertThat(detail.timeline()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(TimelineKind.LATE_REPORT.name());
      assertThat(e.label()).contains("2026-11-30 至 2026-12-06");
    });

    // a report filed afterwards (Saturday) does not erase it, nor count for the next week
    report(code, "2026-12-05T10:00:00");
    assertThat(lateRows(code)).hasSize(1);
    fire(pi, Elements.TIMER_REPORT_REMINDER);
    assertThat(reminded(code)).containsExactly(ALICE + "@2026-12-04", ALICE + "@2026-12-11");
  }

  @Test
  void shouldBeDueOnThePreviousWorkingDayWhenThePeriodEndsOnAHoliday() {
    // the week Mon 2026-06-15 – Sun 06-21: Friday 06-19 is 端午节, so the report is due Thursday 06-18
    String code = issueAndSign("2026-06-15T10:00:00", "2026-07-31", "WEEKLY", List.of());
    ProcessInstance pi = instance(code);
    assertThat(due(pi, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-06-18T09:00:00"));
    fire(pi, Elements.TIMER_REPORT_REMINDER);
    assertThat(reminded(code)).containsExactly(ALICE + "@2026-06-18");
    assertThat(due(pi, Elements.TIMER_REPORT_DUE)).isEqualTo(at("2026-06-18T17:00:00"));
    fire(pi, Elements.TIMER_REPORT_DUE);
    assertThat(lateRows(code)).containsExactly(UNIT_A + ":false:2026-06-15..2026-06-21");
  }

  @Test
  void shouldCountMonthsQuartersAndFortnightsFromTheWeekOfSigning() {
    // monthly: December 2026 is due Thursday 12-31
    ProcessInstance monthly = instance(issueAndSign("2026-12-01T10:00:00", "2027-03-31", "每月", List.of()));
    assertThat(due(monthly, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-12-31T09:00:00"));
    // quarterly: Q3 2026 ends Wednesday 09-30
    ProcessInstance quarterly = instance(issueAndSign("2026-08-10T10:00:00", "2026-12-31", "每季度", List.of()));
    assertThat(due(quarterly, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-09-30T09:00:00"));
    // fortnightly from the week of 签收 (Wed 2026-11-04: Mon 11-02 – Sun 11-15), due Friday 11-13, then 11-27
    ProcessInstance fortnightly = instance(issueAndSign("2026-11-04T10:00:00", "2026-12-31", "每两周", List.of()));
    assertThat(due(fortnightly, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-11-13T09:00:00"));
    fire(fortnightly, Elements.TIMER_REPORT_REMINDER);
    fire(fortnightly, Elements.TIMER_REPORT_DUE);
    assertThat(due(fortnightly, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-11-27T09:00:00"));
  }

  @Test
  void shouldStopTheCycleWhenCompletionIsAppliedForAndResumeWhenTheResultIsReturned() {
    String code = issueAndSign("2026-12-01T10:00:00", "2026-12-31", "每周", List.of());
    ProcessInstance pi = instance(code);
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已完成"));

    assertThat(pi).hasPassed(Elements.REPORTING_STOPPED).isWaitingAt(Elements.SIGN_OFF);
    assertThat(timers(pi, Elements.TIMER_REPORT_REMINDER) + timers(pi, Elements.TIMER_REPORT_DUE)).isZero();
    assertThat(detail(code).nextReportDue()).isNull();

    // the office returns the result on Monday 12-07: reports are owed again, this week's by Friday 12-11
    ClockUtil.setCurrentTime(at("2026-12-07T10:00:00"));
    work(code, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, RETURN, Variables.SIGN_OFF_COMMENT, "请补充数据"));
    assertThat(due(pi, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-12-11T09:00:00"));
    assertThat(lateRows(code)).as("the week the office held the result owed nothing").isEmpty();

    // 销号 ends everything
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已补充"));
    work(code, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    assertThat(pi).isEnded();
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  @Test
  void shouldRecomputeThePeriodWhenAnExtensionIsApproved() {
    // deadline Thursday 12-03 falls in the week: its report is due with the deadline, Thursday 17:00
    String code = issueAndSign("2026-12-01T10:00:00", "2026-12-03", "每周", List.of());
    ProcessInstance pi = instance(code);
    assertThat(due(pi, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-12-03T09:00:00"));

    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, EXTEND, Variables.EXTENSION_REASON, "需等待上级数据",
        Variables.EXTENSION_DATE, "2026-12-31"));
    assertThat(pi).isWaitingAt(Elements.APPROVE_EXTENSION, Elements.TIMER_REPORT_REMINDER);
    work(code, Elements.APPROVE_EXTENSION, LEADER, Map.of(Variables.EXTENSION_DECISION, APPROVE));

    assertThat(pi).hasPassed(Elements.REPORT_CYCLE_DEADLINE_CHANGED).isWaitingAt(Elements.HANDLE,
        Elements.TIMER_REPORT_REMINDER);
    assertThat(timers(pi, Elements.TIMER_REPORT_REMINDER)).isEqualTo(1);
    assertThat(due(pi, Elements.TIMER_REPORT_REMINDER)).isEqualTo(at("2026-12-04T09:00:00"));
    assertThat(detail(code).nextReportDue()).isEqualTo(at("2026-12-04T17:00:00").toInstant());
  }

  @Test
  void shouldRecordACoUnitsLateReportOnTheLeadUnitsCycle() {
    String code = issueAndSign("2026-12-01T10:00:00", "2026-12-31", "每周", List.of(UNIT_B));
    ProcessInstance pi = instance(code);
    work(code, Elements.CO_UNIT_SIGN_FOR, BOB, Map.of());
    report(code, "2026-12-02T09:30:00");

    fire(pi, Elements.TIMER_REPORT_REMINDER);
    assertThat(reminded(code)).containsExactly(BOB + "@2026-12-04");
    fire(pi, Elements.TIMER_REPORT_DUE);
    assertThat(lateRows(code)).containsExactly(UNIT_B + ":true:2026-11-30..2026-12-06");
    assertThat(detail(code).lateReports()).singleElement().satisfies(l -> {
      assertThat(l.coUnit()).isTrue();
      assertThat(l.assignee()).isEqualTo(BOB);
    });

    // the co-unit reports in the next week: nothing more is owed by it
    ClockUtil.setCurrentTime(at("2026-12-08T10:00:00"));
    work(code, Elements.CO_UNIT_REPORT, BOB, Map.of(Variables.CO_UNIT_REPORT, "乙科已排查 30 户"));
    report(code, "2026-12-09T10:00:00");
    fire(pi, Elements.TIMER_REPORT_REMINDER);
    fire(pi, Elements.TIMER_REPORT_DUE);
    assertThat(lateRows(code)).hasSize(1);
  }

  @Test
  void shouldDoNothingForAnItemWithoutACycle() {
    String code = issueAndSign("2026-12-01T10:00:00", "2026-12-31", null, List.of());
    ProcessInstance pi = instance(code);
    assertThat(pi).hasPassed(Elements.HAS_REPORT_CYCLE, Elements.NO_REPORT_CYCLE).isWaitingAt(Elements.HANDLE);
    assertThat(timers(pi, Elements.TIMER_REPORT_REMINDER)).isZero();
    assertThat(detail(code).nextReportDue()).isNull();
    assertThat(detail(code).lateReports()).isEmpty();
  }

  @Test
  void shouldComputeThePeriodOwedAtAMoment() {
    var noHolidays = new cn.duban.calendar.WorkingDays() {
      public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek().getValue() <= 5;
      }

      public LocalDate addWorkingDays(LocalDate from, int n) {
        throw new UnsupportedOperationException();
      }

      public int workingDaysBetween(LocalDate a, LocalDate b) {
        throw new UnsupportedOperationException();
      }
    };
    Instant fridayEvening = at("2026-12-04T17:00:00").toInstant();
    // at the due time itself the week is over: the next week is owed
    ReportPeriod next = ReportPeriod.current(ReportingCycle.WEEKLY, LocalDate.parse("2026-12-01"), null,
        fridayEvening, SHANGHAI, noHolidays);
    assertThat(next.start()).isEqualTo(LocalDate.parse("2026-12-07"));
    assertThat(next.dueAt()).isEqualTo(at("2026-12-11T17:00:00").toInstant());
    // Q1 2027 ends on Wednesday 03-31
    ReportPeriod quarter = ReportPeriod.current(ReportingCycle.QUARTERLY, LocalDate.parse("2027-01-04"), null,
        at("2027-02-10T10:00:00").toInstant(), SHANGHAI, noHolidays);
    assertThat(quarter.start()).isEqualTo(LocalDate.parse("2027-01-01"));
    assertThat(quarter.end()).isEqualTo(LocalDate.parse("2027-03-31"));
    assertThat(quarter.remindAt()).isEqualTo(at("2027-03-31T09:00:00").toInstant());
  }
}

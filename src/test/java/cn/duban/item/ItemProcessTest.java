package cn.duban.item;

import static cn.duban.item.ItemProcess.Decisions.ACCEPT;
import static cn.duban.item.ItemProcess.Decisions.APPROVE;
import static cn.duban.item.ItemProcess.Decisions.COMPLETE;
import static cn.duban.item.ItemProcess.Decisions.EXTEND;
import static cn.duban.item.ItemProcess.Decisions.PROGRESS;
import static cn.duban.item.ItemProcess.Decisions.REJECT;
import static cn.duban.item.ItemProcess.Decisions.RETURN;
import static cn.duban.item.ItemProcess.Decisions.SIGN_OFF;
import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.item.ItemProcess.Variables;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestExecutionListeners;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/**
 * One test per path of {@code duban-item}; together they pass every sequence flow (see the process test coverage
 * report in target/process-test-coverage).
 */
@DubanSpringTest
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ItemProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ItemService items;
  @Autowired ItemQueries itemQueries;
  @Autowired ItemTasks tasks;
  @Autowired ItemRepository repository;
  @Autowired Users users;
  @Autowired CoUnitParts coUnitParts;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  @BeforeEach
  void init() {
    BpmnAwareTests.init(engine);
  }

  String issue(String unit, String assignee) {
    return items.issue(new ItemDraft("落实税费优惠政策", "逐项梳理政策落实情况，形成报告。", unit, assignee, List.of(),
        LEADER, today.plusDays(20).toString(), "每月", null), users.get(OFFICE), false);
  }

  ProcessInstance instance(String code) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult();
  }

  void work(String code, String taskKey, String user, Map<String, Object> values) {
    tasks.complete(code, taskKey, users.get(user), values);
  }

  @Test
  void shouldCloseWhenSignedOff() {
    String code = issue(UNIT_A, null);
    ProcessInstance pi = instance(code);
    assertThat(pi).isWaitingAt(Elements.SIGN_FOR);
    assertThat(task()).hasCandidateGroup(UNIT_A).isNotAssigned();
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.ISSUED);

    work(code, Elements.SIGN_FOR, ANDY, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    assertThat(pi).isWaitingAt(Elements.HANDLE);
    assertThat(task()).isAssignedTo(ANDY);
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.IN_PROGRESS);

    work(code, Elements.HANDLE, ANDY, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已完成并形成报告"));
    assertThat(pi).isWaitingAt(Elements.SIGN_OFF);
    assertThat(task()).hasCandidateGroup("duban-office");
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.PENDING_SIGNOFF);

    work(code, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    assertThat(pi).hasPassedInOrder(Elements.START, Elements.REGISTER, Elements.SIGN_FOR, Elements.SIGN_FOR_DECISION,
        Elements.HANDLE, Elements.HANDLE_ACTION, Elements.RECORD_COMPLETION, Elements.SIGN_OFF,
        Elements.SIGN_OFF_DECISION, Elements.CLOSE, Elements.END).isEnded();
    ItemRow closed = repository.find(code).orElseThrow();
    assertThat(closed.status()).isEqualTo(ItemStatus.CLOSED);
    assertThat(closed.closedAt()).isNotNull();
    assertThat(closed.assignee()).isEqualTo(ANDY);
    assertThat(repository.reports(code)).extracting(ProgressReport::kind).containsExactly("COMPLETION");
  }

  @Test
  void shouldReassignWhenUnitReturnsItem() {
    String code = issue(UNIT_A, ALICE);
    ProcessInstance pi = instance(code);
    assertThat(pi).isWaitingAt(Elements.SIGN_FOR);
    assertThat(task()).isAssignedTo(ALICE);

    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, RETURN, Variables.RETURN_REASON, "属于乙科职责"));
    assertThat(pi).isWaitingAt(Elements.REASSIGN);
    assertThat(task()).hasCandidateGroup("duban-office");
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.RETURNED);

    work(code, Elements.REASSIGN, OFFICE, Map.of(Variables.NEW_UNIT_ID, UNIT_B));
    assertThat(pi).isWaitingAt(Elements.SIGN_FOR);
    assertThat(task()).hasCandidateGroup(UNIT_B).isNotAssigned();
    ItemRow row = repository.find(code).orElseThrow();
    assertThat(row.unitId()).isEqualTo(UNIT_B);
    assertThat(row.status()).isEqualTo(ItemStatus.ISSUED);
    assertThat(row.returnCount()).isEqualTo(1);

    work(code, Elements.SIGN_FOR, BOB, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    assertThat(pi).hasPassed(Elements.REASSIGN).isWaitingAt(Elements.HANDLE);
    assertThat(task()).isAssignedTo(BOB);
  }

  @Test
  void shouldRecordProgressAndStayInHandling() {
    String code = issue(UNIT_A, null);
    ProcessInstance pi = instance(code);
    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, PROGRESS, Variables.PROGRESS_TEXT, "已完成摸底"));
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, PROGRESS, Variables.PROGRESS_TEXT, "已形成初稿"));

    assertThat(pi).hasPassed(Elements.RECORD_PROGRESS).isWaitingAt(Elements.HANDLE);
    assertThat(task()).isAssignedTo(ALICE);
    // the form opens clean for the next report; history keeps both
    assertThat(runtimeService.getVariable(pi.getId(), Variables.PROGRESS_TEXT)).isNull();
    assertThat(repository.reports(code)).extracting(ProgressReport::content).containsExactly("已完成摸底", "已形成初稿");
  }

  @Test
  void shouldMoveDeadlineWhenExtensionApproved() {
    String code = issue(UNIT_A, null);
    ProcessInstance pi = instance(code);
    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    String newDate = today.plusDays(40).toString();
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, EXTEND, Variables.EXTENSION_REASON, "需等待上级数据",
        Variables.EXTENSION_DATE, newDate));
    assertThat(pi).isWaitingAt(Elements.APPROVE_EXTENSION);
    assertThat(task()).isAssignedTo(LEADER);
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.EXTENSION_PENDING);

    work(code, Elements.APPROVE_EXTENSION, LEADER, Map.of(Variables.EXTENSION_DECISION, APPROVE));
    assertThat(pi).hasPassed(Elements.EXTENSION_DECISION, Elements.APPLY_EXTENSION).isWaitingAt(Elements.HANDLE);
    ItemRow row = repository.find(code).orElseThrow();
    assertThat(row.deadline()).isEqualTo(LocalDate.parse(newDate));
    assertThat(row.extensionCount()).isEqualTo(1);
    assertThat(runtimeService.getVariable(pi.getId(), Variables.DEADLINE)).isEqualTo(newDate);
    // the next task is due at the end of the new deadline in the bureau's zone
    assertThat(task().getDueDate().toInstant())
        .isEqualTo(LocalDate.parse(newDate).atTime(23, 59, 59).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    assertThat(repository.deadlineChanges(code)).singleElement()
        .satisfies(c -> {
          assertThat(c.oldDeadline()).isEqualTo(today.plusDays(20));
          assertThat(c.approvedBy()).isEqualTo(LEADER);
          assertThat(c.requestedBy()).isEqualTo(ALICE);
        });
  }

  @Test
  void shouldKeepDeadlineWhenExtensionRejected() {
    String code = issue(UNIT_A, null);
    ProcessInstance pi = instance(code);
    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, EXTEND, Variables.EXTENSION_REASON, "工作量大",
        Variables.EXTENSION_DATE, today.plusDays(30).toString()));
    work(code, Elements.APPROVE_EXTENSION, LEADER, Map.of(Variables.EXTENSION_DECISION, REJECT,
        Variables.EXTENSION_COMMENT, "请按原时限完成"));

    assertThat(pi).hasPassed(Elements.EXTENSION_DECISION).hasNotPassed(Elements.APPLY_EXTENSION)
        .isWaitingAt(Elements.HANDLE);
    ItemRow row = repository.find(code).orElseThrow();
    assertThat(row.deadline()).isEqualTo(today.plusDays(20));
    assertThat(row.status()).isEqualTo(ItemStatus.IN_PROGRESS);
    assertThat(row.extensionCount()).isZero();
  }

  @Test
  void shouldReturnToAssigneeWhenSignOffRejected() {
    String code = issue(UNIT_A, null);
    ProcessInstance pi = instance(code);
    work(code, Elements.SIGN_FOR, ANDY, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    work(code, Elements.HANDLE, ANDY, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已完成"));
    work(code, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, RETURN, Variables.SIGN_OFF_COMMENT, "缺少佐证材料"));

    assertThat(pi).hasPassed(Elements.SIGN_OFF_DECISION).isWaitingAt(Elements.HANDLE);
    assertThat(task()).isAssignedTo(ANDY);
    // the 承办 form shows the office's reason
    assertThat(runtimeService.getVariable(pi.getId(), Variables.SIGN_OFF_COMMENT)).isEqualTo("缺少佐证材料");
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.IN_PROGRESS);
  }

  String issueWithCoUnit() {
    return items.issue(new ItemDraft("联合开展发票风险排查", "乙科协助排查", UNIT_A, null, List.of(UNIT_B), LEADER,
        today.plusDays(20).toString(), null, null), users.get(OFFICE), false);
  }

  @Test
  void shouldLetTheLeadUnitApplyForCompletionOnlyAfterTheCoUnitReported() {
    String code = issueWithCoUnit();
    ProcessInstance pi = instance(code);
    assertThat(pi).isWaitingAt(Elements.SIGN_FOR, Elements.CO_UNIT_SIGN_FOR);
    assertThat(task(Elements.CO_UNIT_SIGN_FOR)).hasCandidateGroup(UNIT_B);
    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));

    // the co-unit has not reported: 申请办结 is refused
    assertThatThrownBy(() -> work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE,
        Variables.RESULT_TEXT, "已完成")))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("协办部门尚未完成：乙科（待签收）");

    work(code, Elements.CO_UNIT_SIGN_FOR, BOB, Map.of());
    assertThat(task(Elements.CO_UNIT_REPORT)).isAssignedTo(BOB);
    assertThatThrownBy(() -> work(code, Elements.CO_UNIT_REPORT, BOB, Map.of()))
        .hasMessageContaining("请填写协办完成情况");
    work(code, Elements.CO_UNIT_REPORT, BOB, Map.of(Variables.CO_UNIT_REPORT, "乙科已排查 30 户"));
    assertThat(pi).hasPassed(Elements.CO_UNIT_REPORT, Elements.CO_UNITS_DONE).isWaitingAt(Elements.HANDLE);
    assertThat(runtimeService.getVariable(pi.getId(), Variables.CO_UNIT_REPORT)).as("kept on the task").isNull();
    assertThat(coUnitParts.of(code)).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(CoUnitPart.Status.DONE);
      assertThat(p.report()).isEqualTo("乙科已排查 30 户");
      assertThat(p.assignee()).isEqualTo(BOB);
    });

    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已完成"));
    work(code, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    assertThat(pi).hasPassed(Elements.SPLIT_CO_UNITS, Elements.CO_UNIT_PART, Elements.END).isEnded();
  }

  @Test
  void shouldLetTheOfficeWaiveACoUnitWithAReason() {
    String code = issueWithCoUnit();
    ProcessInstance pi = instance(code);
    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    work(code, Elements.CO_UNIT_SIGN_FOR, BOB, Map.of());

    assertThatThrownBy(() -> items.waiveCoUnit(code, UNIT_B, "不需要了", users.get(ALICE)))
        .hasMessageContaining("只有督查室");
    assertThatThrownBy(() -> items.waiveCoUnit(code, UNIT_B, " ", users.get(OFFICE)))
        .hasMessageContaining("请填写豁免理由");
    items.waiveCoUnit(code, UNIT_B, "乙科人员抽调，由甲科独立完成", users.get(OFFICE));

    assertThat(pi).hasPassed(Elements.CO_UNIT_WAIVED).isWaitingAt(Elements.HANDLE);
    assertThat(coUnitParts.of(code)).singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(CoUnitPart.Status.WAIVED));
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已完成"));
    assertThat(pi).isWaitingAt(Elements.SIGN_OFF);
    assertThat(itemQueries.detail(code, users.get(OFFICE)).timeline()).extracting(TimelineEvent::kind).contains("CO_UNIT_WAIVED");
  }

  // --- the escalation ladder, with the engine's clock and its jobs (no sleeping) -------------------------------

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static java.util.Date at(String localDateTime) {
    return java.util.Date.from(java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  /** Moves the clock to the timer's due date and runs its job, as the job executor would. */
  void fire(ProcessInstance pi, String timerId) {
    var job = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(timerId).singleResult();
    assertThat(job).as("timer " + timerId).isNotNull();
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date(job.getDuedate().getTime() + 1000));
    managementService.executeJob(job.getId());
  }

  java.util.Date due(ProcessInstance pi, String timerId) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).activityId(timerId).singleResult()
        .getDuedate();
  }

  List<String> notified(String code, String kind) {
    return jdbc.queryForList("select recipient || '@' || day from duban.notification where item_code = ? and kind = ? "
        + "order by id", String.class, code, kind);
  }

  /** Deadline Tuesday 2026-12-15, issued on Tuesday 2026-12-01 to 甲科 (alice, head, and andy). */
  String issueOnFirstOfDecember() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(at("2026-12-01T10:00:00"));
    return items.issue(new ItemDraft("清理欠缴税款", "按户清理", UNIT_A, null, List.of(), LEADER, "2026-12-15", null,
        null), users.get(OFFICE), false);
  }

  @org.junit.jupiter.api.AfterEach
  void resetClock() {
    org.camunda.bpm.engine.impl.util.ClockUtil.reset();
  }

  @Test
  void shouldClimbTheLadderInWorkingDaysWhenTheItemStaysOverdue() {
    String code = issueOnFirstOfDecember();
    ProcessInstance pi = instance(code);
    // 3rd working day before Tue 12-15: Thu 12-10, 09:00
    assertThat(due(pi, Elements.TIMER_REMINDER)).isEqualTo(at("2026-12-10T09:00:00"));

    fire(pi, Elements.TIMER_REMINDER);
    // before 签收: everyone in 甲科 (other tests may have added members)
    assertThat(notified(code, "REMINDER")).contains("alice@2026-12-10", "andy@2026-12-10").allMatch(r -> r.endsWith("@2026-12-10"));
    assertThat(repository.escalationLevel(code)).isEqualTo(EscalationLevel.REMINDED);

    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    assertThat(due(pi, Elements.TIMER_OVERDUE)).isEqualTo(at("2026-12-16T00:00:00"));
    fire(pi, Elements.TIMER_OVERDUE);
    assertThat(notified(code, "CHASE")).containsExactly("alice@2026-12-16");
    assertThat(repository.escalationLevel(code)).isEqualTo(EscalationLevel.CHASED);
    // the daily chase at 09:00 the same day is the same notification: still one per person per day
    assertThat(due(pi, Elements.TIMER_NEXT_CHASE)).isEqualTo(at("2026-12-16T09:00:00"));
    fire(pi, Elements.TIMER_NEXT_CHASE);
    assertThat(notified(code, "CHASE")).containsExactly("alice@2026-12-16");
    assertThat(due(pi, Elements.TIMER_NEXT_CHASE)).isEqualTo(at("2026-12-17T09:00:00"));

    // 督办: 2nd working day after the deadline (Thu 12-17); the leader in charge is told, the office issues a 督办单
    assertThat(due(pi, Elements.TIMER_SUPERVISE)).isEqualTo(at("2026-12-17T09:00:00"));
    fire(pi, Elements.TIMER_SUPERVISE);
    assertThat(notified(code, "SUPERVISION")).containsExactly("leo@2026-12-17");
    assertThat(pi).isWaitingAt(Elements.SUPERVISE);
    assertThat(task(Elements.SUPERVISE)).hasCandidateGroup("duban-office");
    work(code, Elements.SUPERVISE, OFFICE, Map.of(Variables.SUPERVISION_ORDER, "限 12 月 18 日前报送清欠进度"));
    assertThat(jdbc.queryForObject("select count(*) from duban.notification where item_code = ? and step = "
        + "'SUPERVISION_ORDER' and recipient = ?", Long.class, code, ALICE)).isEqualTo(1);
    assertThat(repository.escalationLevel(code)).isEqualTo(EscalationLevel.SUPERVISED);

    // 通报: 5th working day after the deadline (Tue 12-22), to bureau leadership
    assertThat(due(pi, Elements.TIMER_BULLETIN)).isEqualTo(at("2026-12-22T09:00:00"));
    fire(pi, Elements.TIMER_BULLETIN);
    assertThat(notified(code, "BULLETIN")).contains("leo@2026-12-22").allMatch(r -> r.endsWith("@2026-12-22"));
    ItemView view = itemQueries.view(repository.find(code).orElseThrow());
    assertThat(view.escalationLevel()).isEqualTo(EscalationLevel.BULLETINED);
    assertThat(view.markedForBulletin()).isTrue();
    assertThat(view.overdueWorkingDays()).isEqualTo(5);

    // 销号 stops everything
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已清理"));
    work(code, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    assertThat(pi).hasPassed(Elements.REMIND, Elements.MARK_OVERDUE, Elements.CHASE, Elements.START_SUPERVISION,
        Elements.ISSUE_SUPERVISION_ORDER, Elements.BULLETIN).isEnded();
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  @Test
  void shouldRestartTheLadderAgainstTheNewDeadlineWhenAnExtensionIsApproved() {
    String code = issueOnFirstOfDecember();
    ProcessInstance pi = instance(code);
    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    fire(pi, Elements.TIMER_REMINDER);
    fire(pi, Elements.TIMER_OVERDUE);
    fire(pi, Elements.TIMER_SUPERVISE);
    assertThat(pi).isWaitingAt(Elements.SUPERVISE);

    // overdue, 督办 pending: the leader approves a new deadline, Thu 2026-12-31
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, EXTEND, Variables.EXTENSION_REASON, "需外省协查",
        Variables.EXTENSION_DATE, "2026-12-31"));
    work(code, Elements.APPROVE_EXTENSION, LEADER, Map.of(Variables.EXTENSION_DECISION, APPROVE));

    assertThat(pi).hasPassed(Elements.DEADLINE_CHANGED).isWaitingAt(Elements.HANDLE, Elements.TIMER_REMINDER);
    assertThat(taskQuery().taskDefinitionKey(Elements.SUPERVISE).count()).as("督办 cancelled").isZero();
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId(Elements.TIMER_BULLETIN)
        .count()).isZero();
    // 3rd working day before Thu 12-31: Mon 12-28, 09:00
    assertThat(due(pi, Elements.TIMER_REMINDER)).isEqualTo(at("2026-12-28T09:00:00"));
    assertThat(repository.escalationLevel(code)).isEqualTo(EscalationLevel.NONE);
  }

  @Test
  void shouldNotChaseWhileTheOfficeHoldsTheBall() {
    String code = issueOnFirstOfDecember();
    ProcessInstance pi = instance(code);
    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, COMPLETE, Variables.RESULT_TEXT, "已完成"));
    fire(pi, Elements.TIMER_REMINDER);
    fire(pi, Elements.TIMER_OVERDUE);
    assertThat(notified(code, "CHASE")).isEmpty();
    ItemView view = itemQueries.view(repository.find(code).orElseThrow());
    assertThat(view.light()).isEqualTo(ItemLight.RED);
    assertThat(view.lightLabel()).contains("待销号");
  }

  @Test
  void refusesIncompleteFormsWithChineseMessagesAndChangesNothing() {
    String code = issue(UNIT_A, null);
    ProcessInstance pi = instance(code);

    assertThatThrownBy(() -> work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, RETURN)))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("请填写退回理由");
    assertThat(pi).isWaitingAt(Elements.SIGN_FOR);

    work(code, Elements.SIGN_FOR, ALICE, Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    assertThatThrownBy(() -> work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, EXTEND,
        Variables.EXTENSION_REASON, "来不及", Variables.EXTENSION_DATE, today.minusDays(1).toString())))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("不能早于今天");
    // a value the form does not offer is refused at the trust boundary, before the process sees it
    assertThatThrownBy(() -> work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, "DELETE")))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("只能选择表单中给出的选项");
    assertThatThrownBy(() -> work(code, Elements.HANDLE, ALICE, Map.of()))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("请选择办理操作");
    assertThat(pi).isWaitingAt(Elements.HANDLE);
    assertThat(repository.find(code).orElseThrow().extensionCount()).isZero();
  }
}

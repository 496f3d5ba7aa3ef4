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
  @Autowired ItemTasks tasks;
  @Autowired ItemRepository repository;
  @Autowired Users users;
  @Autowired CoUnitParts coUnitParts;

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

    work(code, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF));
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
    work(code, Elements.SIGN_OFF, OFFICE, Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF));
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
    assertThat(items.detail(code, users.get(OFFICE)).timeline()).extracting(TimelineEvent::kind).contains("CO_UNIT_WAIVED");
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
    assertThatThrownBy(() -> work(code, Elements.HANDLE, ALICE, Map.of(Variables.HANDLE_ACTION, "DELETE")))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("请选择办理操作");
    assertThat(pi).isWaitingAt(Elements.HANDLE);
    assertThat(repository.find(code).orElseThrow().extensionCount()).isZero();
  }
}

package cn.duban.lists;

import static cn.duban.item.ItemProcess.Decisions.ACCEPT;
import static cn.duban.item.ItemProcess.Decisions.COMPLETE;
import static cn.duban.item.ItemProcess.Decisions.SIGN_OFF;
import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.item.ItemProcess.Variables;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemTasks;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;
import cn.duban.system.web.InvalidInputException;

/** A list is issued as a whole (all items or none) and its process ends when its last item is signed off. */
@DubanSpringTest
class ListLifecycleTest {

  @Autowired ListService lists;
  @Autowired ItemTasks tasks;
  @Autowired Users users;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;

  final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  @BeforeEach
  void init() {
    BpmnAwareTests.init(engine);
  }

  ListService.ListRow row(String n, String title, String unit) {
    return new ListService.ListRow(n, new ItemDraft(title, "按要求完成", unit, null, List.of(), null,
        today.plusDays(10).toString(), "每月", null), "备注" + n);
  }

  void close(String code, String user) {
    tasks.complete(code, Elements.SIGN_FOR, users.get(user), Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    tasks.complete(code, Elements.HANDLE, users.get(user), Map.of(Variables.HANDLE_ACTION, COMPLETE,
        Variables.RESULT_TEXT, "完成"));
    tasks.complete(code, Elements.SIGN_OFF, users.get(OFFICE), Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
  }

  @Test
  void theListEndsWhenItsLastItemIsSignedOff() {
    var issued = lists.issue("2026年测试清单", UNIT_A, "会议决定", "清单.xlsx",
        List.of(row("1", "清理欠税", UNIT_A), row("2", "排查发票风险", UNIT_B)), users.get(OFFICE), false);
    String code = issued.list().code();
    assertThat(code).matches("QD\\d{4}-\\d{3}");
    assertThat(issued.itemCodes()).hasSize(2);
    var process = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(ListProcess.KEY).singleResult();
    assertThat(process).isWaitingAt(ListProcess.Elements.WAIT);
    assertThat(jdbc.queryForObject("select remark from duban.item where code = ?", String.class,
        issued.itemCodes().get(1))).isEqualTo("备注2");

    close(issued.itemCodes().get(0), ALICE);
    assertThat(process).isWaitingAt(ListProcess.Elements.WAIT);
    var summary = lists.summary(code, users.get(OFFICE));
    assertThat(summary.byStatus()).containsEntry("CLOSED", 1L).containsEntry("ISSUED", 1L);
    assertThat(summary.byLight()).containsEntry("CLOSED_ON_TIME", 1L);
    assertThat(summary.onTimeRate()).isEqualTo(1.0);

    close(issued.itemCodes().get(1), BOB);
    assertThat(process).hasPassed(ListProcess.Elements.CLOSE).isEnded();
    assertThat(lists.get(code).closedAt()).isNotNull();
    // a cadre of 甲科 sees only the item of 甲科 in the list
    assertThat(lists.summary(code, users.get(ALICE)).items()).hasSize(1);
  }

  @Test
  void aFailureInTheMiddleLeavesNoHalfIssuedList() {
    long listsBefore = jdbc.queryForObject("select count(*) from duban.task_list", Long.class);
    long itemsBefore = jdbc.queryForObject("select count(*) from duban.item", Long.class);
    long processesBefore = runtimeService.createProcessInstanceQuery().count();

    assertThatThrownBy(() -> lists.issue("半途失败的清单", UNIT_A, null, null,
        List.of(row("1", "第一项", UNIT_A), row("2", "第二项", "NO-SUCH-UNIT"), row("3", "第三项", UNIT_B)),
        users.get(OFFICE), false)).isInstanceOf(InvalidInputException.class);

    assertThat(jdbc.queryForObject("select count(*) from duban.task_list", Long.class)).isEqualTo(listsBefore);
    assertThat(jdbc.queryForObject("select count(*) from duban.item", Long.class)).isEqualTo(itemsBefore);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(processesBefore);
  }
}

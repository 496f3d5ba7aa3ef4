package cn.duban.notify;

import static cn.duban.item.ItemProcess.Decisions.ACCEPT;
import static cn.duban.item.ItemProcess.Decisions.COMPLETE;
import static cn.duban.item.ItemProcess.Decisions.RETURN;
import static cn.duban.item.ItemProcess.Decisions.SIGN_OFF;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess.Elements;
import cn.duban.item.ItemProcess.Variables;
import cn.duban.item.ItemService;
import cn.duban.item.ItemTasks;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/** 退回 and 销号 reach the assignee through the outbox, stored with the office's decision. */
@DubanSpringTest
class ItemNotificationsIntegrationTest {

  @Autowired ItemService items;
  @Autowired ItemTasks tasks;
  @Autowired Users users;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theAssigneeIsToldWhenTheOfficeReturnsTheResultAndWhenItSignsTheItemOff() {
    LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30);
    String code = items.issue(new ItemDraft("整理纳税人档案", "按户整理归档", UNIT_A, null, List.of(), LEADER,
        deadline.toString(), null, null), users.get(OFFICE), false);
    tasks.complete(code, Elements.SIGN_FOR, users.get(ANDY), Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    tasks.complete(code, Elements.HANDLE, users.get(ANDY), Map.of(Variables.HANDLE_ACTION, COMPLETE,
        Variables.RESULT_TEXT, "已整理完毕"));

    tasks.complete(code, Elements.SIGN_OFF, users.get(OFFICE), Map.of(Variables.SIGN_OFF_DECISION, RETURN,
        Variables.SIGN_OFF_COMMENT, "缺少 2025 年档案"));
    assertThat(told(code)).singleElement().satisfies(n -> {
      assertThat(n.get("kind")).isEqualTo("RETURNED");
      assertThat(n.get("subject")).isEqualTo("【退回】" + code + " 整理纳税人档案");
      assertThat((String) n.get("body")).contains("督查室退回理由：缺少 2025 年档案");
    });

    tasks.complete(code, Elements.HANDLE, users.get(ANDY), Map.of(Variables.HANDLE_ACTION, COMPLETE,
        Variables.RESULT_TEXT, "已补齐 2025 年档案"));
    tasks.complete(code, Elements.SIGN_OFF, users.get(OFFICE), Map.of(Variables.SIGN_OFF_DECISION, SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    assertThat(told(code)).extracting(n -> n.get("kind")).containsExactly("RETURNED", "SIGNED_OFF");
    assertThat(told(code).get(1).get("subject")).isEqualTo("【销号】" + code + " 整理纳税人档案");
  }

  private List<Map<String, Object>> told(String code) {
    return jdbc.queryForList("select kind, subject, body from duban.notification where item_code = ? and recipient = ? "
        + "and kind in ('RETURNED', 'SIGNED_OFF') order by id", code, ANDY);
  }
}

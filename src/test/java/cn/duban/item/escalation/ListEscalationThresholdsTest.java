package cn.duban.item.escalation;

import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemLight;
import cn.duban.item.ItemProcess;
import cn.duban.item.ItemQueries;
import cn.duban.item.ItemService;
import cn.duban.lists.ListFiles;
import cn.duban.lists.ListService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Users;

/** A list issued with its own ladder: its items are reminded, supervised and bulletined by its thresholds. */
@DubanSpringTest
class ListEscalationThresholdsTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired ListService lists;
  @Autowired ItemService items;
  @Autowired ItemQueries itemQueries;
  @Autowired Users users;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Date at(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  @Test
  void aListsOwnThresholdsPlanItsItemsLadderAndTheLightFollowsTheEarlyReminder() {
    // issued Tuesday 2026-12-01, due Wednesday 2026-12-23
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00"));
    ListService.ListRow row = new ListService.ListRow("1", new ItemDraft("年终清缴专项督办", null, UNIT_B, BOB, List.of(),
        null, "2026-12-23", null, null), null);
    String own = lists.issue("自定阈值清单", null, null, null, List.of(row), users.get(OFFICE), false,
        new EscalationThresholds(8, 3, 6)).itemCodes().get(0);
    String standard = lists.issue("默认阈值清单", null, null, null, List.of(row), users.get(OFFICE), false)
        .itemCodes().get(0);

    // 8 working days before 12-23 is Friday 12-11; the defaults remind 3 working days before, on Friday 12-18
    assertThat(due(own, ItemProcess.Elements.TIMER_REMINDER)).isEqualTo(at("2026-12-11T09:00:00"));
    assertThat(due(standard, ItemProcess.Elements.TIMER_REMINDER)).isEqualTo(at("2026-12-18T09:00:00"));

    ClockUtil.setCurrentTime(at("2026-12-11T09:00:01"));
    managementService.executeJob(job(own, ItemProcess.Elements.TIMER_REMINDER).getId());
    assertThat(itemQueries.view(itemQueries.visible(own, users.get(OFFICE))).light()).as("reminded 8 working days ahead: yellow")
        .isEqualTo(ItemLight.YELLOW);
    assertThat(itemQueries.view(itemQueries.visible(standard, users.get(OFFICE))).light()).isEqualTo(ItemLight.GREEN);

    ClockUtil.setCurrentTime(at("2026-12-24T00:00:01"));
    managementService.executeJob(job(own, ItemProcess.Elements.TIMER_OVERDUE).getId());
    // 3 working days after 12-23: Monday 12-28 (督办); 6 working days: Thursday 12-31 (通报)
    assertThat(due(own, ItemProcess.Elements.TIMER_SUPERVISE)).isEqualTo(at("2026-12-28T09:00:00"));
    assertThat(due(own, ItemProcess.Elements.TIMER_BULLETIN)).isEqualTo(at("2026-12-31T09:00:00"));
  }

  @Test
  void thresholdsThatDoNotClimbAreRefusedWithEveryProblemAndNothingIsIssued() {
    long before = jdbc.queryForObject("select count(*) from duban.task_list", Long.class);
    byte[] file = ListFiles.xlsx(List.of(
        ListFiles.row("序号", "事项名称", "责任部门", "完成时限"),
        ListFiles.row("1", "清理欠税", "乙科", "2030-06-30")));
    Http.Response response = Http.basic(port, OFFICE, PASSWORD).upload("/api/lists", "清单.xlsx", file,
        Map.of("name", "阈值有误的清单", "remindWorkingDaysBefore", "25", "superviseWorkingDaysAfter", "4",
            "bulletinWorkingDaysAfter", "4"));

    assertThat(response.status()).as(response.body()).isEqualTo(422);
    JsonNode errors = response.json().get("errors");
    assertThat(errors.findValuesAsText("field")).containsExactly("remindWorkingDaysBefore");
    assertThat(errors.get(0).get("message").asText()).contains("0 到 20");
    assertThat(jdbc.queryForObject("select count(*) from duban.task_list", Long.class)).isEqualTo(before);

    Http.Response notClimbing = Http.basic(port, OFFICE, PASSWORD).upload("/api/lists", "清单.xlsx", file,
        Map.of("name", "阈值有误的清单", "superviseWorkingDaysAfter", "4", "bulletinWorkingDaysAfter", "4"));
    assertThat(notClimbing.status()).isEqualTo(422);
    assertThat(notClimbing.json().at("/errors/0/field").asText()).isEqualTo("bulletinWorkingDaysAfter");
    assertThat(notClimbing.json().get("detail").asText()).contains("通报须晚于督办");
    assertThat(jdbc.queryForObject("select count(*) from duban.task_list", Long.class)).isEqualTo(before);
  }

  @Test
  void aListIssuedOverHttpKeepsItsThresholdsAndShowsThem() {
    byte[] file = ListFiles.xlsx(List.of(
        ListFiles.row("序号", "事项名称", "责任部门", "完成时限"),
        ListFiles.row("1", "整改巡察反馈问题", "乙科", "2030-06-28")));
    Http office = Http.basic(port, OFFICE, PASSWORD);
    Http.Response issued = office.upload("/api/lists", "清单.xlsx", file,
        Map.of("name", "巡察整改清单", "superviseWorkingDaysAfter", "1"));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    JsonNode list = office.get("/api/lists/" + issued.json().get("listCode").asText()).json();
    assertThat(list.at("/escalation/remindWorkingDaysBefore").asInt()).as("default").isEqualTo(3);
    assertThat(list.at("/escalation/superviseWorkingDaysAfter").asInt()).isEqualTo(1);
    assertThat(list.at("/escalation/bulletinWorkingDaysAfter").asInt()).as("default").isEqualTo(5);
  }

  private Date due(String itemCode, String timer) {
    return job(itemCode, timer).getDuedate();
  }

  private Job job(String itemCode, String timer) {
    String instance = jdbc.queryForObject("select process_instance_id from duban.item where code = ?", String.class,
        itemCode);
    return managementService.createJobQuery().processInstanceId(instance).activityId(timer).singleResult();
  }
}

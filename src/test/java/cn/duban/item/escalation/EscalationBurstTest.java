package cn.duban.item.escalation;

import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.EVE;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess;
import cn.duban.lists.ListService;
import cn.duban.notify.NotificationDeliverer;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/**
 * 1,000 items whose deadline passes at the same moment: exactly 1,000 逾期催办 steps, one notification per item and
 * person, and one digest per person for the day. Time is the engine's clock; jobs are run as the job executor would.
 */
@DubanSpringTest
class EscalationBurstTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final int ITEMS = 1000;

  @Autowired ListService lists;
  @Autowired Users users;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired NotificationDeliverer deliverer;
  @Autowired JdbcTemplate jdbc;

  static Date at(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aThousandItemsPassingTheirDeadlineTogetherAreChasedExactlyOnceEach() {
    // issued Tuesday 2026-12-01, all due Wednesday 2026-12-23, half to bob, half to eve (乙科)
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00"));
    List<ListService.ListRow> rows = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      rows.add(new ListService.ListRow(String.valueOf(i + 1), new ItemDraft("清理欠税（第" + (i + 1) + "户）", null, UNIT_B,
          i % 2 == 0 ? BOB : EVE, List.of(), null, "2026-12-23", null, null), null));
    }
    String list = lists.issue("千项清单", null, null, null, rows, users.get(OFFICE), false).list().code();
    List<String> instances = jdbc.queryForList("select process_instance_id from duban.item where list_code = ?",
        String.class, list);
    assertThat(instances).hasSize(ITEMS);

    runDue(instances, ItemProcess.Elements.TIMER_REMINDER, at("2026-12-18T09:00:00"));
    runDue(instances, ItemProcess.Elements.TIMER_OVERDUE, at("2026-12-24T00:00:00"));

    long chaseSteps = instances.stream().mapToLong(pi -> historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(pi).activityId(ItemProcess.Elements.MARK_OVERDUE).count()).sum();
    assertThat(chaseSteps).isEqualTo(ITEMS);
    assertThat(jdbc.queryForObject("select count(*) from duban.notification n join duban.item i on i.code = n.item_code "
        + "where i.list_code = ? and n.kind = 'CHASE'", Long.class, list)).isEqualTo(ITEMS);
    assertThat(jdbc.queryForObject("select count(*) from (select n.item_code, n.recipient, n.day from duban.notification n "
        + "join duban.item i on i.code = n.item_code where i.list_code = ? and n.kind = 'CHASE' "
        + "group by n.item_code, n.recipient, n.day having count(*) > 1) d", Long.class, list)).isZero();

    // after the digest delay: one message per person for the day, listing their 500 items
    ClockUtil.setCurrentTime(at("2026-12-24T00:30:00"));
    while (deliverer.deliverDue().didWork()) {
      // until everything due is composed and delivered
    }
    for (String person : List.of(BOB, EVE)) {
      assertThat(jdbc.queryForList("select item_count from duban.notification_message where recipient = ? "
          + "and kind = 'CHASE' and day = date '2026-12-24'", Integer.class, person)).containsExactly(ITEMS / 2);
    }
  }

  /** Moves the clock to {@code when} and runs every due job of the given timer for the given instances. */
  private void runDue(List<String> instances, String timer, Date when) {
    ClockUtil.setCurrentTime(new Date(when.getTime() + 1000));
    int run = 0;
    for (String instance : instances) {
      Job job = managementService.createJobQuery().processInstanceId(instance).activityId(timer).singleResult();
      assertThat(job.getDuedate()).isEqualTo(when);
      managementService.executeJob(job.getId());
      run++;
    }
    assertThat(run).isEqualTo(instances.size());
  }
}

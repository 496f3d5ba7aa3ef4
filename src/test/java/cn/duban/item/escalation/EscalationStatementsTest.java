package cn.duban.item.escalation;

import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess.Elements;
import cn.duban.lists.ListService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.StatementCounting;
import cn.duban.support.Users;

/**
 * What one step of the escalation ladder costs the database (issue #18): the statements each step sends (a JDBC
 * batch once) and the rows it writes, counted around the DataSource ({@link StatementCounting}) while the engine
 * runs the step's timer job on the test's thread, as the job executor would run it (the executor's own acquisition
 * and locking statements are not part of a step). Deterministic: two items going through the same ladder send the
 * same counts, step by step. Each step is held to today's figures ({@link #BASELINE}, docs/benchmarks.md): a change
 * that makes a step send more fails here and has to say why.
 */
@DubanSpringTest
class EscalationStatementsTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Date ISSUED = Date.from(LocalDateTime.parse("2026-12-01T10:00:00").atZone(SHANGHAI).toInstant());

  /** The ladder's steps by their timers, in the order they fire for an item that is never done. */
  static final Map<String, String> STEPS = new LinkedHashMap<>();

  static {
    STEPS.put(Elements.TIMER_REMINDER, "临期提醒");
    STEPS.put(Elements.TIMER_OVERDUE, "逾期催办");
    STEPS.put(Elements.TIMER_NEXT_CHASE, "每日催办");
    STEPS.put(Elements.TIMER_SUPERVISE, "督办");
    STEPS.put(Elements.TIMER_BULLETIN, "通报");
  }

  /**
   * Statements per step (a JDBC batch counts once; docs/benchmarks.md has the reads, writes and rows). Issue #18's
   * baseline, 2026-12-06: 临期提醒 26, 逾期催办 31, 每日催办 26, 督办 32, 通报 21; since then the planned day is read
   * from the timer instead of a variable per timer, and a step's notifications go in one batch.
   */
  static final Map<String, Integer> BASELINE = Map.of(
      "临期提醒", 21, "逾期催办", 26, "每日催办", 21, "督办", 30, "通报", 19);

  @Autowired ListService lists;
  @Autowired Users users;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;

  String list;

  /**
   * The items' messages leave the outbox with the test: they are BOB's 催办 of a day that other tests count digests
   * for (each test's own items are its business).
   */
  @AfterEach
  void resetClockAndOutbox() {
    ClockUtil.reset();
    StatementCounting.off();
    if (list != null) {
      jdbc.update("delete from duban.notification where item_code in (select code from duban.item where list_code = ?)",
          list);
    }
  }

  @Test
  void eachStepOfTheLadderSendsAKnownNumberOfStatements() {
    ClockUtil.setCurrentTime(ISSUED);
    List<ListService.ListRow> rows = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      rows.add(new ListService.ListRow(String.valueOf(i), new ItemDraft("清理欠税（第" + i + "户）", null, UNIT_B, BOB,
          List.of(), null, "2026-12-23", null, null), null));
    }
    list = lists.issue("计数清单", null, null, null, rows, users.get(OFFICE), false).list().code();
    List<String> instances = jdbc.queryForList("select process_instance_id from duban.item where list_code = ? "
        + "order by code", String.class, list);

    // the first item warms the engine's caches (deployment, definitions); the other two are counted
    ladder(instances.get(0));
    Map<String, StatementCounting.Counts> first = ladder(instances.get(1));
    Map<String, StatementCounting.Counts> second = ladder(instances.get(2));

    System.out.println("[statements] per escalation step (duban's configuration):");
    first.forEach((step, counts) -> System.out.printf("[statements] %s: %s%n  %s%n", step, counts,
        String.join("\n  ", counts.log())));
    for (String step : STEPS.values()) {
      StatementCounting.Counts a = first.get(step);
      StatementCounting.Counts b = second.get(step);
      assertThat(a).as("%s ran", step).isNotNull();
      assertThat(List.of(b.statements(), b.selects(), b.writes(), b.rowsWritten())).as("%s: the same for every item", step)
          .isEqualTo(List.of(a.statements(), a.selects(), a.writes(), a.rowsWritten()));
      assertThat(a.rowsWritten()).as("%s writes its history and its notification", step).isPositive();
      assertThat(a.statements()).as("%s: statements per step, at most today's baseline (docs/benchmarks.md)", step)
          .isLessThanOrEqualTo(BASELINE.get(step));
    }
  }

  /**
   * Runs the item's ladder timer by timer, always the one due first, with the engine clock put just after its due
   * date, until the 通报 has run; the counts of the first run of each step. Every item's ladder starts on the day
   * the items were issued, so that each sees the same calendar (the 每日催办 is planned from the engine's now).
   */
  private Map<String, StatementCounting.Counts> ladder(String instance) {
    ClockUtil.setCurrentTime(ISSUED);
    Map<String, StatementCounting.Counts> counted = new LinkedHashMap<>();
    for (int guard = 0; guard < 40 && !counted.containsKey("通报"); guard++) {
      Job job = managementService.createJobQuery().processInstanceId(instance).timers().list().stream()
          .filter(j -> STEPS.containsKey(activity(j)))
          .min(Comparator.comparing(Job::getDuedate)).orElseThrow(() -> new AssertionError("no ladder timer"));
      String step = STEPS.get(activity(job));
      ClockUtil.setCurrentTime(new Date(Math.max(job.getDuedate().getTime() + 1000,
          ClockUtil.getCurrentTime().getTime())));
      StatementCounting.Counts counts = StatementCounting.on();
      try {
        managementService.executeJob(job.getId());
      } finally {
        StatementCounting.off();
      }
      counted.putIfAbsent(step, counts);
    }
    assertThat(counted.keySet()).as("every step of the ladder ran").containsExactlyInAnyOrderElementsOf(STEPS.values());
    return counted;
  }

  private String activity(Job job) {
    return jdbc.queryForObject("select d.act_id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_ "
        + "where j.id_ = ?", String.class, job.getId());
  }
}

package cn.duban.item.escalation;

import static cn.duban.item.ItemProcess.Decisions.ACCEPT;
import static cn.duban.item.ItemProcess.Decisions.APPROVE;
import static cn.duban.item.ItemProcess.Decisions.EXTEND;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.item.EscalationLevel;
import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess.Elements;
import cn.duban.item.ItemProcess.Variables;
import cn.duban.item.ItemRepository;
import cn.duban.item.ItemRow;
import cn.duban.item.ItemService;
import cn.duban.item.ItemTasks;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/**
 * The leader approves an extension (延期) at the very moment the item's 逾期催办 falls due. Whichever commits first
 * wins; the other is rolled back and retried (the person's approval by duban, the job by the job executor), and
 * the item ends with one ladder, planned against the new deadline: never timers for both deadlines, never a 催办
 * for the old deadline after the new one is in force.
 * <p>
 * The two are made to overlap for real: a test connection holds the item's row lock until both transactions are
 * waiting for it, so both have done their engine work against the same state before either commits.
 */
@DubanSpringTest
class ExtensionRaceIntegrationTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String NEW_DEADLINE = "2026-12-31";

  @Autowired ItemService items;
  @Autowired ItemTasks tasks;
  @Autowired ItemRepository repository;
  @Autowired Users users;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;

  static Date at(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** Issued 2026-12-01 to 甲科, due Tuesday 12-15; signed for, reminded, extension to 12-31 asked; now 12-16 00:00. */
  String itemWithExtensionPendingAndChaseDue() {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00"));
    String code = items.issue(new ItemDraft("清理欠缴税款", "按户清理", UNIT_A, null, List.of(), LEADER, "2026-12-15",
        null, null), users.get(OFFICE), false);
    tasks.complete(code, Elements.SIGN_FOR, users.get(ALICE), Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
    ClockUtil.setCurrentTime(at("2026-12-10T09:00:01"));
    managementService.executeJob(job(code, Elements.TIMER_REMINDER).getId());
    tasks.complete(code, Elements.HANDLE, users.get(ALICE), Map.of(Variables.HANDLE_ACTION, EXTEND,
        Variables.EXTENSION_REASON, "需外省协查", Variables.EXTENSION_DATE, NEW_DEADLINE));
    ClockUtil.setCurrentTime(at("2026-12-16T00:00:01"));
    assertThat(job(code, Elements.TIMER_OVERDUE).getDuedate()).isBefore(ClockUtil.getCurrentTime());
    return code;
  }

  void approve(String code) {
    tasks.complete(code, Elements.APPROVE_EXTENSION, users.get(LEADER), Map.of(Variables.EXTENSION_DECISION, APPROVE));
  }

  /** Runs the job as the job executor would: a lost race rolls it back; retried, a cancelled job is simply gone. */
  void runLikeTheJobExecutor(String jobId) {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (managementService.createJobQuery().jobId(jobId).count() == 0) {
        return;
      }
      try {
        managementService.executeJob(jobId);
        return;
      } catch (OptimisticLockingException lostTheRace) {
        // rolled back entirely; the job executor tries again (without using up a retry)
      }
    }
  }

  @Test
  void chaseFirstThenExtension() {
    String code = itemWithExtensionPendingAndChaseDue();
    runLikeTheJobExecutor(job(code, Elements.TIMER_OVERDUE).getId());
    approve(code);
    assertOneLadderForTheNewDeadline(code, true);
  }

  @Test
  void extensionFirstThenTheStaleChaseJob() {
    String code = itemWithExtensionPendingAndChaseDue();
    String chase = job(code, Elements.TIMER_OVERDUE).getId();
    approve(code);
    runLikeTheJobExecutor(chase);
    assertOneLadderForTheNewDeadline(code, false);
  }

  @Test
  void chaseAndExtensionOverlappingChaseCommitsFirst() throws Exception {
    race(true);
  }

  @Test
  void chaseAndExtensionOverlappingExtensionCommitsFirst() throws Exception {
    race(false);
  }

  private void race(boolean chaseFirst) throws Exception {
    String code = itemWithExtensionPendingAndChaseDue();
    String chaseJob = job(code, Elements.TIMER_OVERDUE).getId();
    try (Connection gate = dataSource.getConnection()) {
      gate.setAutoCommit(false);
      try (var lock = gate.prepareStatement("select code from duban.item where code = ? for update")) {
        lock.setString(1, code);
        lock.executeQuery().close();
      }
      Runnable chase = () -> runLikeTheJobExecutor(chaseJob);
      Runnable extension = () -> approve(code);
      CompletableFuture<Void> first = CompletableFuture.runAsync(chaseFirst ? chase : extension);
      awaitWaitersOnTheItemRow(1);
      CompletableFuture<Void> second = CompletableFuture.runAsync(chaseFirst ? extension : chase);
      awaitWaitersOnTheItemRow(2);
      gate.commit();
      first.get(60, TimeUnit.SECONDS);
      second.get(60, TimeUnit.SECONDS);
    }
    assertOneLadderForTheNewDeadline(code, chaseFirst);
  }

  private void awaitWaitersOnTheItemRow(int waiters) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
        + "and datname = current_database()", Long.class) < waiters) {
      assertThat(System.nanoTime()).as("both transactions waiting for the item's row").isLessThan(until);
      Thread.sleep(20);
    }
  }

  private void assertOneLadderForTheNewDeadline(String code, boolean chased) {
    String instance = repository.find(code).orElseThrow().processInstanceId();
    ItemRow row = repository.find(code).orElseThrow();
    assertThat(row.deadline()).isEqualTo(LocalDate.parse(NEW_DEADLINE));
    assertThat(row.escalationLevel()).as("the ladder starts again").isEqualTo(EscalationLevel.NONE);
    assertThat(jdbc.queryForObject("select count(*) from duban.deadline_change where item_code = ?", Long.class, code))
        .isEqualTo(1);

    // one timer: the reminder for the new deadline, 3 working days before Thursday 12-31 (Monday 12-28, 09:00)
    List<Job> jobs = managementService.createJobQuery().processInstanceId(instance).list();
    assertThat(jobs).extracting(Job::getDuedate).containsExactly(at("2026-12-28T09:00:00"));
    assertThat(managementService.createJobQuery().processInstanceId(instance).activityId(Elements.TIMER_REMINDER)
        .count()).isEqualTo(1);
    assertThat(managementService.createJobQuery().processInstanceId(instance).withException().count()).isZero();

    // the 催办 for the old deadline happened exactly once, or not at all
    long chaseSteps = historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(Elements.MARK_OVERDUE).finished().count();
    List<String> chaseNotices = jdbc.queryForList("select recipient || '@' || deadline || '@' || day "
        + "from duban.notification where item_code = ? and kind = 'CHASE'", String.class, code);
    if (chased) {
      assertThat(chaseSteps).isEqualTo(1);
      assertThat(chaseNotices).containsExactly("alice@2026-12-15@2026-12-16");
    } else {
      assertThat(chaseSteps).isZero();
      assertThat(chaseNotices).isEmpty();
    }
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(Elements.APPLY_EXTENSION).finished().count()).isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(Elements.HANDLE).unfinished().count()).as("back to the assignee").isEqualTo(1);
  }

  private Job job(String code, String timer) {
    String instance = repository.find(code).orElseThrow().processInstanceId();
    return managementService.createJobQuery().processInstanceId(instance).activityId(timer).singleResult();
  }
}

package cn.duban.bench;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

import cn.duban.item.ItemProcess.Elements;
import cn.duban.notify.NotificationDeliverer;
import cn.duban.notify.NotifyProperties;
import cn.duban.system.security.DubanUser;
import cn.duban.support.Node;

/**
 * Scenario 2, escalation burst (issue #3): N items whose deadline passes at the same moment. Set-up (not measured):
 * the items are started on Monday 2026-12-21 with deadline Wednesday 2026-12-23 and their 临期提醒 run by the
 * bench. Measured: the engine clock is put at the deadline (it keeps running), the variant's job executor is
 * started, and the bench waits until every 逾期催办 job has run; then the clock passes the digest delay and the
 * notifications are composed and delivered. Lag per item = the 逾期催办 step's start − the timer's due date.
 */
final class EscalationScenario {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  record Result(int items, double jobsSeconds, double deliverySeconds, double stepsPerSecond, Stats lagMillis,
                int notifications) {

    double clearSeconds() {
      return jobsSeconds + deliverySeconds;
    }
  }

  private EscalationScenario() {
  }

  static Result run(Variant variant, Variant other, int items, int threads, String label) {
    ManagementService management = variant.bean(ManagementService.class);
    DubanUser office = BenchItems.user(variant, BenchBureau.OFFICE);
    String prefix = label + "-";
    try {
      ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse("2026-12-21T10:00:00").atZone(SHANGHAI).toInstant()));
      variant.deactivate();
      other.deactivate();
      long s0 = System.nanoTime();
      // 20 real items (one per unit) reminded by the engine, then copied to N items in all (InstanceCloner)
      List<String> templates = new java.util.ArrayList<>();
      for (int u = 0; u < BenchBureau.UNITS; u++) {
        String unit = BenchBureau.unit(u);
        templates.add(BenchItems.start(variant, office, prefix + "T" + "%02d".formatted(u), unit,
            BenchBureau.members(unit).get(1 + u % 2), "2026-12-23"));
      }
      for (Job reminder : management.createJobQuery().activityId(Elements.TIMER_REMINDER).list()) {
        if (templates.contains(reminder.getProcessInstanceId())) {
          management.executeJob(reminder.getId());
        }
      }
      int first = 1;
      for (int u = 0; u < templates.size(); u++) {
        int copies = (items - templates.size()) / templates.size() + (u < (items - templates.size()) % templates.size() ? 1 : 0);
        InstanceCloner.copy(variant.jdbc, templates.get(u), BenchItems.code(variant, templates.get(u)), first, copies,
            "'" + prefix + "' || lpad(g::text, 5, '0')");
        first += copies;
      }
      for (String table : List.of("act_ru_execution", "act_ru_job", "act_ru_variable", "act_ru_task",
          "act_hi_actinst", "act_hi_procinst", "act_hi_varinst", "duban.item")) {
        variant.jdbc.execute("analyze " + table);
      }
      System.out.printf("BENCH set-up  %s: %d items waiting for their deadline in %.1f s%n", variant.name, items,
          (System.nanoTime() - s0) / 1e9);

      long overdue = remaining(variant, false);
      if (overdue != items) {
        throw new IllegalStateException("expected " + items + " overdue timers, found " + overdue);
      }
      Date due = management.createJobQuery().processInstanceId(templates.get(0)).activityId(Elements.TIMER_OVERDUE)
          .singleResult().getDuedate();
      // the deadline passes now; the engine clock runs on from there
      ClockUtil.offset(due.getTime() - System.currentTimeMillis());
      long t0 = System.nanoTime();
      variant.jobExecutor().start();
      long deadline = t0 + 20L * 60 * 1_000_000_000;
      while (remaining(variant, false) > 0) {
        if (remaining(variant, true) > 0) {
          throw new IllegalStateException("a 逾期催办 job failed: see the job's exception");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("escalation burst did not clear within 20 minutes");
        }
        Node.pause(250);
      }
      long t1 = System.nanoTime();
      variant.deactivate();

      // notifications: the digests wait for the digest delay; the clock jumps over it, then delivery runs dry
      NotifyProperties notify = variant.bean(NotifyProperties.class);
      // (the engine clock ran on during the burst: the last notification waits from when its step ran)
      long afterDigest = ClockUtil.getCurrentTime().getTime() + notify.digestDelay().toMillis() + 1000;
      long t2 = System.nanoTime();
      ClockUtil.offset(afterDigest - System.currentTimeMillis());
      NotificationDeliverer deliverer = variant.bean(NotificationDeliverer.class);
      while (deliverer.deliverDue().didWork()) {
        // until everything due is composed and delivered
      }
      long t3 = System.nanoTime();

      List<Double> lags = variant.jdbc.queryForList("select extract(epoch from (a.start_time_ - ?::timestamp)) * 1000 "
          + "from act_hi_actinst a join act_hi_procinst p on p.id_ = a.proc_inst_id_ "
          + "where a.act_id_ = ? and p.business_key_ like ?", Double.class, new java.sql.Timestamp(due.getTime()),
          Elements.MARK_OVERDUE, prefix + "%");
      Integer messages = variant.jdbc.queryForObject("select count(*) from duban.notification n "
          + "where n.item_code like ? and n.kind = 'CHASE'", Integer.class, prefix + "%");
      Integer waiting = variant.jdbc.queryForObject("select (select count(*) from duban.notification "
          + "where message_id is null) + (select count(*) from duban.notification_delivery where status <> 'SENT')",
          Integer.class);
      if (waiting == null || waiting > 0) {
        throw new IllegalStateException(variant.name + ": " + waiting + " notifications or deliveries not done");
      }
      double jobsSeconds = (t1 - t0) / 1e9;
      return new Result(items, jobsSeconds, (t3 - t2) / 1e9, lags.size() / jobsSeconds, Stats.of(lags),
          messages == null ? 0 : messages);
    } finally {
      variant.deactivate();
      ClockUtil.reset();
    }
  }

  /** Every 逾期催办 job of the burst ran exactly once. */
  static void check(Variant variant, Result result) {
    if (result.lagMillis().count() != result.items()) {
      throw new IllegalStateException(variant.name + ": " + result.lagMillis().count() + " 逾期催办 steps for "
          + result.items() + " items");
    }
  }

  /**
   * The burst's 逾期催办 timer jobs still to run (or those that failed), by their job definition (index
   * ACT_IDX_JOB_JOB_DEF_ID): cheap enough to ask four times a second. In the variant's database only the burst's
   * items have reached that timer (every other item's deadline is later).
   */
  private static long remaining(Variant variant, boolean failed) {
    Long count = variant.jdbc.queryForObject("select count(*) from act_ru_job where job_def_id_ in "
        + "(select id_ from act_ru_jobdef where act_id_ = ?)" + (failed ? " and exception_msg_ is not null" : ""),
        Long.class, Elements.TIMER_OVERDUE);
    return count == null ? 0 : count;
  }
}

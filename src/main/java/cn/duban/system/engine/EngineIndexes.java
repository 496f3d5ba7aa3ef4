package cn.duban.system.engine;

import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Indexes duban adds to the engine's tables. The engine creates its tables while it is built
 * ({@code camunda.bpm.database.schema-update}), after Flyway has run on duban's schema, so these cannot be a Flyway
 * migration: they are created right after the engine is built, idempotently ({@code if not exists}). Each one is
 * justified by a benchmark scenario (README, 基准测试 / Benchmarks).
 */
class EngineIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

  static final List<String> INDEXES = List.of(
      // Due-date ordered job acquisition (jobExecutorAcquireByDueDate, as Camunda recommends): the acquisition query
      // orders ACT_RU_JOB by DUEDATE_; without it, PostgreSQL sorts every acquirable job each round.
      // Scenario 2 (escalation burst, 10,000 items overdue at once): see the README's figures.
      "create index if not exists act_idx_job_duedate on act_ru_job (duedate_)",
      // Tasklist lists every filter by due date (我的待办, 本部门待办, 即将到期, 已逾期), 50 at a time: with this index
      // PostgreSQL walks the tasks in due-date order and stops after the first page instead of joining and sorting
      // every candidate task of the person's units. Scenario 3 (本部门待办 at 100,000 open items).
      "create index if not exists act_idx_task_due_date on act_ru_task (due_date_)",
      // 本部门待办 and its count select the candidate links of the person's units: with the task id in the index they
      // are read from the index alone (the engine's own index has the group only, each link is then read from the
      // table). Scenario 3.
      "create index if not exists act_idx_ident_lnk_group_task on act_ru_identitylink (group_id_, type_, task_id_)",
      // ... and the count joins those links to their tasks to keep the unclaimed ones (ASSIGNEE_ is null): with the
      // assignee beside the id, from the index alone instead of reading every task row. Scenario 3.
      "create index if not exists act_idx_task_id_assignee on act_ru_task (id_) include (assignee_)");

  private final DataSource dataSource;

  EngineIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    for (String index : INDEXES) {
      jdbc.execute(index);
    }
    // ensureJobDueDateNotNull (application.yaml) acquires only jobs with a due date: jobs created before it was on
    // (or by an engine without it) get "due now", as Camunda's documentation of the option advises
    int undated = jdbc.update("update act_ru_job set duedate_ = coalesce(create_time_, current_timestamp) "
        + "where duedate_ is null");
    if (undated > 0) {
      log.info("{} jobs without a due date are due now (ensureJobDueDateNotNull)", undated);
    }
    log.debug("Engine indexes ensured: {}", INDEXES.size());
  }
}

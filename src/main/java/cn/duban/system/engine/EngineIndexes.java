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
 * justified by a benchmark scenario (docs/benchmarks.md), in the comment beside it and in the catalogue.
 */
public class EngineIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

  /** An index on an engine table, and why duban adds it (also written to the catalogue: psql \di+). */
  record Index(String name, String definition, String reason) {
  }

  static final List<Index> INDEXES = List.of(
      // Due-date ordered job acquisition (jobExecutorAcquireByDueDate, as Camunda recommends): the acquisition query
      // orders ACT_RU_JOB by DUEDATE_; without it, PostgreSQL sorts every acquirable job each round.
      new Index("act_idx_job_duedate", "act_ru_job (duedate_)",
          "due-date ordered job acquisition reads due jobs in order and stops after a batch (scenario 2: escalation)"),
      // Tasklist lists every filter by due date (我的待办, 本部门待办, 即将到期, 已逾期), 50 at a time: with this index
      // PostgreSQL walks the tasks in due-date order and stops after the first page instead of joining and sorting
      // every candidate task of the person's units.
      new Index("act_idx_task_due_date", "act_ru_task (due_date_)",
          "Tasklist filters sorted by due date read the first page in order (scenario 3: tasklist)"),
      // 本部门待办 and its count select the candidate links of the person's units: with the task id in the index they
      // are read from the index alone (the engine's own index has the group only, each link is then read from the
      // table).
      new Index("act_idx_ident_lnk_group_task", "act_ru_identitylink (group_id_, type_, task_id_)",
          "candidate links of a person's units read from the index alone (scenario 3: tasklist)"),
      // ... and the count joins those links to their tasks to keep the unclaimed ones (ASSIGNEE_ is null) outside any
      // tenant (the engine's tenant check adds TENANT_ID_ is null): with both beside the id, from the index alone
      // instead of reading every task row.
      new Index("act_idx_task_id_assignee_tenant", "act_ru_task (id_) include (assignee_, tenant_id_)",
          "unclaimed candidate tasks counted from the index alone (scenario 3: tasklist count)"));

  /** The names of the indexes duban adds to the engine's tables (the benchmark's default variant drops them). */
  public static List<String> names() {
    return INDEXES.stream().map(Index::name).toList();
  }

  private final DataSource dataSource;

  EngineIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    for (Index index : INDEXES) {
      jdbc.execute("create index if not exists " + index.name() + " on " + index.definition());
      jdbc.execute("comment on index " + index.name() + " is '" + index.reason().replace("'", "''") + "'");
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

package cn.duban.system.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.support.DubanSpringTest;

/**
 * duban's engine tuning is in effect. The job executor's tuning (application.yaml, justified by the benchmark's escalation burst) is in effect, and the
 * acquisition query walks the due-date index instead of sorting every due job.
 */
@DubanSpringTest
class EngineTuningTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  @Test
  void jobsAreAcquiredByDueDateThroughTheIndexDubanAdds() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
    assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
    assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'act_ru_job'", String.class))
        .contains("act_idx_job_duedate");
    assertThat(jdbc.queryForObject("select count(*) from act_ru_job where duedate_ is null", Long.class)).isZero();

    // the shape of the engine's acquisition query with these settings: due date as a range, ordered, limited;
    // seq and bitmap scans off because the test database's job table is too small for the planner to bother with an index
    String plan = jdbc.execute((ConnectionCallback<String>) connection -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute("set enable_seqscan = off");
        statement.execute("set enable_bitmapscan = off");
        StringBuilder lines = new StringBuilder();
        try (ResultSet rs = statement.executeQuery("explain select id_ from act_ru_job where retries_ > 0 "
            + "and duedate_ <= now() and (lock_owner_ is null or lock_exp_time_ < now()) and suspension_state_ = 1 "
            + "order by duedate_ limit 12")) {
          while (rs.next()) {
            lines.append(rs.getString(1)).append('\n');
          }
        } finally {
          statement.execute("reset enable_seqscan");
          statement.execute("reset enable_bitmapscan");
        }
        return lines.toString();
      }
    });
    assertThat(plan).contains("act_idx_job_duedate").doesNotContain("Sort");
  }

  @Test
  void theGroupsWithAuthorizationsAreFoundByTheLooseIndexScanWithTheEnginesResult() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDbSqlSessionFactory().mapStatement(AuthorizedGroupsQuery.ENGINE_STATEMENT))
        .isEqualTo(AuthorizedGroupsQuery.DUBAN_STATEMENT);
    List<String> engines = jdbc.queryForList("select distinct group_id_ from act_ru_authorization "
        + "where group_id_ is not null", String.class);
    assertThat(engines).isNotEmpty();
    assertThat(jdbc.queryForList(AuthorizedGroupsQuery.sql(""), String.class)).containsExactlyInAnyOrderElementsOf(engines);
    // and through the engine, as AuthorizationManager asks it
    List<String> viaEngine = configuration.getCommandExecutorTxRequired().execute(context ->
        context.getDbEntityManager().selectList(AuthorizedGroupsQuery.ENGINE_STATEMENT).stream()
            .map(String.class::cast).toList());
    assertThat(viaEngine).containsExactlyInAnyOrderElementsOf(engines);
  }
}

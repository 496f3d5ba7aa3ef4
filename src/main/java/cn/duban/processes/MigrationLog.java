package cn.duban.processes;

import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** duban's record of dry runs and migrations ({@code duban.process_migration}). */
@Repository
class MigrationLog {

  /** A row of the log as the admin page lists it. */
  record Entry(long id, String processKey, String sourceVersions, int targetVersion, boolean dryRun,
               String actedBy, java.time.Instant actedAt, int instances, int movable, int blocked, String batchIds) {
  }

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  MigrationLog(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  long record(MigrationReport report) {
    try {
      return jdbc.sql("""
              insert into duban.process_migration (process_key, source_versions, target_version, dry_run, acted_by,
                acted_at, instances, movable, blocked, batch_ids, report)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
          .params(report.processKey(), join(report.sourceVersions()), report.targetVersion(), report.dryRun(),
              report.actedBy(), Timestamp.from(report.actedAt()), report.instances().size(), (int) report.movable(),
              (int) report.blocked(), report.batchIds().isEmpty() ? null : String.join(",", report.batchIds()),
              json.writeValueAsString(report.instances()))
          .query(Long.class).single();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the migration report", e);
    }
  }

  List<Entry> latest(int limit) {
    return jdbc.sql("""
            select id, process_key, source_versions, target_version, dry_run, acted_by, acted_at, instances, movable,
                   blocked, batch_ids
            from duban.process_migration order by acted_at desc, id desc limit ?""")
        .param(limit)
        .query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("process_key"), rs.getString("source_versions"),
            rs.getInt("target_version"), rs.getBoolean("dry_run"), rs.getString("acted_by"),
            rs.getTimestamp("acted_at").toInstant(), rs.getInt("instances"), rs.getInt("movable"),
            rs.getInt("blocked"), rs.getString("batch_ids")))
        .list();
  }

  private static String join(List<Integer> versions) {
    return versions.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}

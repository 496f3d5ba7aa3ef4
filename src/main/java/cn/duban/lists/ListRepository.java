package cn.duban.lists;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import cn.duban.system.CodeSequences;

/** Task lists in {@code duban.task_list}. */
@Repository
class ListRepository {

  private static final String COLUMNS = "code, name, issued_by_unit, issued_on, source, file_name, process_instance_id, "
      + "created_by, created_at, item_count, closed_at";

  /** List codes: QD2026-001. */
  static final CodeSequences.Series CODES = new CodeSequences.Series("QD", 3, "duban.task_list");

  private final JdbcTemplate jdbc;
  private final CodeSequences codes;

  ListRepository(JdbcTemplate jdbc, CodeSequences codes) {
    this.jdbc = jdbc;
    this.codes = codes;
  }

  /** The next list code of the year (no lock held: codes of rolled-back imports are skipped, never reused). */
  String nextCode(int year) {
    return codes.next(CODES, year);
  }

  void insert(TaskList list) {
    jdbc.update("insert into duban.task_list (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        list.code(), list.name(), list.issuedByUnit(), list.issuedOn(), list.source(), list.fileName(),
        list.processInstanceId(), list.createdBy(), Timestamp.from(list.createdAt()), list.itemCount(),
        list.closedAt() == null ? null : Timestamp.from(list.closedAt()));
  }

  void setProcessInstance(String code, String processInstanceId) {
    jdbc.update("update duban.task_list set process_instance_id = ? where code = ?", processInstanceId, code);
  }

  Optional<TaskList> find(String code) {
    return jdbc.query("select " + COLUMNS + " from duban.task_list where code = ?", ROW, code).stream().findFirst();
  }

  /** Locks the list row: closing items of one list take turns deciding whether they were the last open one. */
  Optional<TaskList> lock(String code) {
    return jdbc.query("select " + COLUMNS + " from duban.task_list where code = ? for update", ROW, code).stream()
        .findFirst();
  }

  long openItems(String code) {
    Long n = jdbc.queryForObject("select count(*) from duban.item_report where list_code = ? and status <> 'CLOSED'", Long.class, code);
    return n == null ? 0 : n;
  }

  void markClosed(String code, Instant at) {
    jdbc.update("update duban.task_list set closed_at = ? where code = ?", Timestamp.from(at), code);
  }

  List<TaskList> all() {
    return jdbc.query("select " + COLUMNS + " from duban.task_list order by created_at desc, code desc", ROW);
  }

  private static final RowMapper<TaskList> ROW = (rs, n) -> new TaskList(rs.getString("code"), rs.getString("name"),
      rs.getString("issued_by_unit"), rs.getObject("issued_on", LocalDate.class), rs.getString("source"),
      rs.getString("file_name"), rs.getString("process_instance_id"), rs.getString("created_by"),
      rs.getTimestamp("created_at").toInstant(), rs.getInt("item_count"),
      rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant());
}

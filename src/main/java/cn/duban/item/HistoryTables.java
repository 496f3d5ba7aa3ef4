package cn.duban.item;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads Camunda's history tables (ACT_HI_*) and duban's own records for many process instances at once: one query
 * per table, whatever the number of items, so that the audit search over thousands of items stays a handful of
 * queries. Read-only; the columns used are those of Camunda 7's documented history schema.
 */
@Component
class HistoryTables {

  record ProcessRow(String id, Instant start, Instant end, String startUser, String deleteReason, String state) {
  }

  record TaskRow(String id, String processInstanceId, String activityInstanceId, String key, String name,
                 String assignee, Instant start, Instant end, String deleteReason, Instant due) {
  }

  record LinkRow(String taskId, String type, String userId, String groupId, String operation, Instant time,
                 String assigner) {
  }

  record OperationRow(String id, String processInstanceId, String taskId, String userId, Instant time,
                      String type, String operationId, String entityType, String property, String orgValue,
                      String newValue, String annotation) {
  }

  record CommentRow(String processInstanceId, String taskId, String userId, Instant time, String message) {
  }

  record EngineAttachmentRow(String processInstanceId, String taskId, String userId, String name, String url,
                             Instant time) {
  }

  record ActivityRow(String processInstanceId, String activityId, String name, Instant start, Instant end) {
  }

  record ItemCode(String processInstanceId, String code) {
  }

  record WaiverRow(String itemCode, String unitId, String waivedBy, String reason, Instant at) {
  }

  record DeadlineChangeRow(String itemCode, LocalDate oldDeadline, LocalDate newDeadline, String reason,
                           String requestedBy, String approvedBy, Instant at) {
  }

  record LateReportRow(String itemCode, String unitId, boolean coUnit, String assignee, LocalDate start,
                       LocalDate end, Instant due, Instant at) {
  }

  record AttachmentRow(String itemCode, long id, String fileName, long size, String sha256, String uploadedBy,
                       Instant at) {
  }

  private final JdbcTemplate jdbc;

  HistoryTables(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<ProcessRow> processes(Collection<String> ids) {
    return query("select id_, start_time_, end_time_, start_user_id_, delete_reason_, state_ from act_hi_procinst "
        + "where id_ = any(?)", ids, (rs, n) -> new ProcessRow(rs.getString(1), instant(rs, 2), instant(rs, 3),
        rs.getString(4), rs.getString(5), rs.getString(6)));
  }

  List<TaskRow> tasks(Collection<String> ids) {
    return query("select id_, proc_inst_id_, act_inst_id_, task_def_key_, name_, assignee_, start_time_, end_time_, "
        + "delete_reason_, due_date_ from act_hi_taskinst where proc_inst_id_ = any(?) order by start_time_, id_", ids,
        (rs, n) -> new TaskRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), instant(rs, 7), instant(rs, 8), rs.getString(9), instant(rs, 10)));
  }

  /** Identity links of the instances' tasks (item processes are root instances). */
  List<LinkRow> taskLinks(Collection<String> ids) {
    return query("select task_id_, type_, user_id_, group_id_, operation_type_, timestamp_, assigner_id_ "
        + "from act_hi_identitylink where root_proc_inst_id_ = any(?) and task_id_ is not null "
        + "order by timestamp_, id_", ids, (rs, n) -> new LinkRow(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getString(4), rs.getString(5), instant(rs, 6), rs.getString(7)));
  }

  List<OperationRow> operations(Collection<String> ids) {
    return query("select " + OPERATION_COLUMNS + " from act_hi_op_log where proc_inst_id_ = any(?) "
        + "order by timestamp_, id_", ids, OPERATION);
  }

  /** Operations on no process instance (deployments, identity, history, break-glass) in a period, by anyone or one user. */
  List<OperationRow> operationsOutsideInstances(Instant from, Instant to, String userId, int limit) {
    return jdbc.query("select " + OPERATION_COLUMNS + " from act_hi_op_log where proc_inst_id_ is null "
        + "and timestamp_ >= ? and timestamp_ < ? and (?::varchar is null or user_id_ = ?) "
        + "order by timestamp_, id_ limit ?", OPERATION, Timestamp.from(from), Timestamp.from(to), userId, userId, limit);
  }

  List<CommentRow> comments(Collection<String> ids) {
    return query("select proc_inst_id_, task_id_, user_id_, time_, message_, full_msg_ from act_hi_comment "
        + "where proc_inst_id_ = any(?) and type_ = 'comment' order by time_, id_", ids, (rs, n) -> {
          byte[] full = rs.getBytes(6);
          return new CommentRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
              full != null ? new String(full, StandardCharsets.UTF_8) : rs.getString(5));
        });
  }

  List<EngineAttachmentRow> engineAttachments(Collection<String> ids) {
    return query("select proc_inst_id_, task_id_, user_id_, name_, url_, create_time_ from act_hi_attachment "
        + "where proc_inst_id_ = any(?) order by create_time_, id_", ids, (rs, n) -> new EngineAttachmentRow(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6)));
  }

  List<ActivityRow> activities(Collection<String> ids, Collection<String> activityIds) {
    return jdbc.query(con -> {
      var ps = con.prepareStatement("select proc_inst_id_, act_id_, act_name_, start_time_, end_time_ from act_hi_actinst "
          + "where proc_inst_id_ = any(?) and act_id_ = any(?) order by start_time_, id_");
      ps.setArray(1, con.createArrayOf("varchar", ids.toArray()));
      ps.setArray(2, con.createArrayOf("varchar", activityIds.toArray()));
      return ps;
    }, (rs, n) -> new ActivityRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
        instant(rs, 5)));
  }

  List<ItemCode> itemCodes(Collection<String> ids) {
    return query("select process_instance_id, code from duban.item where process_instance_id = any(?)", ids,
        (rs, n) -> new ItemCode(rs.getString(1), rs.getString(2)));
  }

  List<WaiverRow> waivers(Collection<String> codes) {
    return query("select item_code, unit_id, waived_by, waive_reason, done_at from duban.co_unit_part "
        + "where item_code = any(?) and status = 'WAIVED'", codes, (rs, n) -> new WaiverRow(rs.getString(1),
        rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5)));
  }

  List<LateReportRow> lateReports(Collection<String> codes) {
    return query("select item_code, unit_id, co_unit, assignee, period_start, period_end, due_at, recorded_at "
        + "from duban.late_report where item_code = any(?) order by recorded_at, id", codes,
        (rs, n) -> new LateReportRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
            rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), instant(rs, 7), instant(rs, 8)));
  }

  List<DeadlineChangeRow> deadlineChanges(Collection<String> codes) {
    return query("select item_code, old_deadline, new_deadline, reason, requested_by, approved_by, changed_at "
        + "from duban.deadline_change where item_code = any(?) order by changed_at, id", codes,
        (rs, n) -> new DeadlineChangeRow(rs.getString(1), rs.getObject(2, LocalDate.class),
            rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5), rs.getString(6), instant(rs, 7)));
  }

  List<AttachmentRow> attachments(Collection<String> codes) {
    return query("select item_code, id, file_name, size_bytes, sha256, uploaded_by, uploaded_at from duban.attachment "
        + "where item_code = any(?) order by uploaded_at, id", codes, (rs, n) -> new AttachmentRow(rs.getString(1),
        rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), instant(rs, 7)));
  }

  private <T> List<T> query(String sql, Collection<String> ids, RowMapper<T> mapper) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.query(con -> {
      var ps = con.prepareStatement(sql);
      ps.setArray(1, con.createArrayOf("varchar", ids.toArray()));
      return ps;
    }, mapper);
  }

  private static final String OPERATION_COLUMNS = "id_, proc_inst_id_, task_id_, user_id_, timestamp_, "
      + "operation_type_, operation_id_, entity_type_, property_, org_value_, new_value_, annotation_";

  private static final RowMapper<OperationRow> OPERATION = (rs, n) -> new OperationRow(rs.getString(1),
      rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5), rs.getString(6), rs.getString(7),
      rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12));

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}

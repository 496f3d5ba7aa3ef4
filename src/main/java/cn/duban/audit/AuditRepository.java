package cn.duban.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The items an audit search must look at, the units a person heads, and the export log. */
@Repository
class AuditRepository {

  /** An item as the audit search shows it next to its events. */
  record ItemRef(String code, String processInstanceId, String title, String unitId, String listCode) {
  }

  /** One export: who, when, with which filters, how many rows, the digest of the file. */
  record ExportRecord(long id, String exportedBy, Instant exportedAt, String format, String filters, int rowCount,
                      String fileName, long sizeBytes, String sha256) {
  }

  private final JdbcTemplate jdbc;

  AuditRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<String> unitsHeadedBy(String userId) {
    return jdbc.queryForList("select unit_id from duban.unit_head_report where user_id = ? order by unit_id", String.class,
        userId);
  }

  /**
   * The items whose history may hold a matching event: of the unit (lead or co-unit), the code, the list; alive in the
   * period; for a person, only items they touched in any recorded way (started, worked a task, an operation, a
   * comment, an attachment, an approved extension, a waiver). {@code scope} null means every unit.
   */
  List<ItemRef> candidates(AuditFilter filter, List<String> scope, Instant from, Instant to, int limit) {
    StringBuilder sql = new StringBuilder("select code, process_instance_id, title, unit_id, list_code from duban.item_report i "
        + "where process_instance_id is not null");
    List<Object> args = new ArrayList<>();
    if (scope != null) {
      sql.append(" and (unit_id = any(?::varchar[]) or co_unit_ids && ?::varchar[])");
      String[] units = scope.toArray(String[]::new);
      args.add(units);
      args.add(units);
    }
    if (filter.unit() != null) {
      sql.append(" and (unit_id = ? or ? = any(co_unit_ids))");
      args.add(filter.unit());
      args.add(filter.unit());
    }
    if (filter.item() != null) {
      sql.append(" and code = ?");
      args.add(filter.item());
    }
    if (filter.list() != null) {
      sql.append(" and list_code = ?");
      args.add(filter.list());
    }
    if (to != null) {
      sql.append(" and issued_at < ?");
      args.add(Timestamp.from(to));
    }
    if (from != null) {
      sql.append(" and (closed_at is null or closed_at >= ?)");
      args.add(Timestamp.from(from));
    }
    if (filter.person() != null) {
      sql.append(" and (i.process_instance_id in (select id_ from act_hi_procinst where start_user_id_ = ?"
          + " union select proc_inst_id_ from act_hi_taskinst where assignee_ = ?"
          + " union select proc_inst_id_ from act_hi_op_log where user_id_ = ?"
          + " union select proc_inst_id_ from act_hi_comment where user_id_ = ?"
          + " union select proc_inst_id_ from act_hi_attachment where user_id_ = ?)"
          + " or i.code in (select item_code from duban.deadline_change_report where approved_by = ?"
          + " union select item_code from duban.attachment_report where uploaded_by = ?"
          + " union select item_code from duban.co_unit_part_report where waived_by = ?))");
      for (int i = 0; i < 8; i++) {
        args.add(filter.person());
      }
    }
    sql.append(" order by issued_at, code limit ?");
    args.add(limit);
    return jdbc.query(sql.toString(), (rs, n) -> new ItemRef(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getString(4), rs.getString(5)), args.toArray());
  }

  long insertExport(String user, Instant at, String format, String filters, int rows, String fileName, long size,
                    String sha256) {
    Long id = jdbc.queryForObject("insert into duban.audit_export (exported_by, exported_at, format, filters, "
        + "row_count, file_name, size_bytes, sha256) values (?, ?, ?, ?, ?, ?, ?, ?) returning id", Long.class, user,
        Timestamp.from(at), format, filters, rows, fileName, size, sha256);
    return id == null ? 0 : id;
  }

  List<ExportRecord> exports(int limit) {
    return jdbc.query("select * from duban.audit_export order by exported_at desc, id desc limit ?",
        (rs, n) -> new ExportRecord(rs.getLong("id"), rs.getString("exported_by"),
            rs.getTimestamp("exported_at").toInstant(), rs.getString("format"), rs.getString("filters"),
            rs.getInt("row_count"), rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("sha256")),
        limit);
  }
}

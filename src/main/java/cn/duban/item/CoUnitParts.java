package cn.duban.item;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import cn.duban.organisation.OrganisationService;

/** The co-unit parts of items ({@code duban.co_unit_part}). */
@Repository
public class CoUnitParts {

  private final JdbcTemplate jdbc;
  private final OrganisationService organisation;

  CoUnitParts(JdbcTemplate jdbc, OrganisationService organisation) {
    this.jdbc = jdbc;
    this.organisation = organisation;
  }

  void create(String itemCode, List<String> unitIds) {
    for (String unitId : unitIds) {
      jdbc.update("insert into duban.co_unit_part (item_code, unit_id, status) values (?, ?, 'PENDING')", itemCode, unitId);
    }
  }

  void signed(String itemCode, String unitId, String assignee, Instant at) {
    jdbc.update("update duban.co_unit_part set status = 'SIGNED', assignee = ?, signed_at = ? "
        + "where item_code = ? and unit_id = ?", assignee, Timestamp.from(at), itemCode, unitId);
  }

  void done(String itemCode, String unitId, String report, Instant at) {
    jdbc.update("update duban.co_unit_part set status = 'DONE', report = ?, done_at = ? "
        + "where item_code = ? and unit_id = ?", report, Timestamp.from(at), itemCode, unitId);
  }

  void waived(String itemCode, String unitId, String by, String reason, Instant at) {
    jdbc.update("update duban.co_unit_part set status = 'WAIVED', waived_by = ?, waive_reason = ?, done_at = ? "
        + "where item_code = ? and unit_id = ?", by, reason, Timestamp.from(at), itemCode, unitId);
  }

  String assignee(String itemCode, String unitId) {
    return jdbc.queryForList("select assignee from duban.co_unit_part where item_code = ? and unit_id = ?",
        String.class, itemCode, unitId).stream().findFirst().orElse(null);
  }

  public List<CoUnitPart> of(String itemCode) {
    return jdbc.query("select unit_id, status, assignee, signed_at, report, done_at, waived_by, waive_reason "
        + "from duban.co_unit_part where item_code = ? order by unit_id", (rs, n) -> {
          var status = CoUnitPart.Status.valueOf(rs.getString("status"));
          Timestamp signed = rs.getTimestamp("signed_at");
          Timestamp done = rs.getTimestamp("done_at");
          return new CoUnitPart(rs.getString("unit_id"), organisation.unitName(rs.getString("unit_id")), status,
              status.label(), rs.getString("assignee"), signed == null ? null : signed.toInstant(),
              rs.getString("report"), done == null ? null : done.toInstant(), rs.getString("waived_by"),
              rs.getString("waive_reason"));
        }, itemCode);
  }
}

package cn.duban.item;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The item's 反馈逾期 ({@code duban.late_report}, written only here) and the reports that decide them: whether the
 * lead unit filed a 进度反馈 in a period, which co-units owed their 协办反馈 when it closed.
 */
@Repository
class LateReports {

  /** A co-unit that owed its 协办反馈 when a period closed. */
  record CoUnitOwing(String unitId, String assignee) {
  }

  private final JdbcTemplate jdbc;

  LateReports(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Did the lead unit file a report (进度反馈 or 办结情况) from {@code from} up to {@code until}? */
  boolean reported(String code, Instant from, Instant until) {
    Boolean found = jdbc.queryForObject("select exists (select 1 from duban.progress_report where item_code = ? "
        + "and reported_at >= ? and reported_at <= ?)", Boolean.class, code, Timestamp.from(from), Timestamp.from(until));
    return Boolean.TRUE.equals(found);
  }

  /** The co-units that had signed for their part by {@code due} and had not reported it (nor been waived) by then. */
  List<CoUnitOwing> coUnitsOwing(String code, Instant due) {
    return jdbc.query("select unit_id, assignee from duban.co_unit_part where item_code = ? and signed_at <= ? "
        + "and (done_at is null or done_at > ?) order by unit_id",
        (rs, n) -> new CoUnitOwing(rs.getString(1), rs.getString(2)), code, Timestamp.from(due), Timestamp.from(due));
  }

  /** Records a 反馈逾期 once (a retried job or a second node records nothing new). */
  void record(String code, String unitId, boolean coUnit, String assignee, ReportPeriod period, Instant at) {
    jdbc.update("insert into duban.late_report (item_code, unit_id, co_unit, assignee, period_start, period_end, "
        + "due_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (item_code, unit_id, period_start) do nothing",
        code, unitId, coUnit, assignee, period.start(), period.end(), Timestamp.from(period.dueAt()), Timestamp.from(at));
  }

  /** The item's 反馈逾期, oldest first, the lead unit's before the co-units' of the same period. */
  List<LateReport> of(String code) {
    return jdbc.query("select unit_id, co_unit, assignee, period_start, period_end, due_at, recorded_at "
        + "from duban.late_report where item_code = ? order by period_start, co_unit, unit_id", (rs, n) ->
        new LateReport(rs.getString(1), null, rs.getBoolean(2), rs.getString(3), rs.getObject(4, LocalDate.class),
            rs.getObject(5, LocalDate.class), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()), code);
  }
}

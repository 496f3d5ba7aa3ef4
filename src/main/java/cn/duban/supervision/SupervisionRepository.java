package cn.duban.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import cn.duban.item.ItemLight;
import cn.duban.item.ItemScope;

/**
 * The 督办台's counts, straight from the item read model ({@code duban.item_report}), its deadline changes and its
 * 反馈逾期 (their report views).
 */
@Repository
class SupervisionRepository {

  /** Raw counts of one unit (or person); the service adds names and rates. */
  record Counts(String id, long green, long yellow, long red, long issued, long closedOnTime, long closedLate,
                long openOverdue) {
  }

  /** An item line before names are added. */
  record Line(String code, String title, String unitId, String assignee, LocalDate deadline, String status,
              String escalationLevel, Instant closedAt) {
  }

  record Month(String month, long issued, long closedOnTime, long closedLate) {
  }

  private static final String CLOSED_IN = "status = 'CLOSED' and closed_at >= ? and closed_at < ?";

  private final JdbcTemplate jdbc;

  SupervisionRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Per lead unit: open items by light at {@code now}, items issued and closed on time / late in the period, and
   * items open past their deadline at {@code asOf}.
   */
  List<Counts> unitCounts(ItemScope scope, String listCode, Instant now, Instant yellowFrom, Instant start,
                          Instant end, Instant asOf) {
    var args = new ArrayList<Object>(List.of(ts(now), ts(yellowFrom), ts(now), ts(yellowFrom), ts(now), ts(start),
        ts(end), ts(start), ts(end), ts(start), ts(end), ts(asOf), ts(asOf), ts(asOf)));
    String sql = "select unit_id as id, "
        + "count(*) filter (where " + ItemLight.GREEN_SQL + ") as green, "
        + "count(*) filter (where " + ItemLight.YELLOW_SQL + ") as yellow, "
        + "count(*) filter (where " + ItemLight.RED_SQL + ") as red, "
        + "count(*) filter (where issued_at >= ? and issued_at < ?) as issued, "
        + "count(*) filter (where " + CLOSED_IN + " and closed_at <= due_at) as closed_on_time, "
        + "count(*) filter (where " + CLOSED_IN + " and closed_at > due_at) as closed_late, "
        + "count(*) filter (where issued_at < ? and due_at < ? and (closed_at is null or closed_at > ?)) as open_overdue "
        + "from duban.item_report" + where(scope, listCode, null, args) + RECENT + " group by unit_id order by unit_id";
    Instant since = start.isBefore(asOf) ? start : asOf;
    args.add(ts(since));
    args.add(ts(since));
    return jdbc.query(sql, COUNTS, args.toArray());
  }

  /**
   * Leaves out what no figure counts: items closed before the period (or before {@code asOf}) and issued before it,
   * ten years of them. Every count above is of open items, of items issued in the period, closed in it, or still
   * open after {@code asOf}. Arguments: the earlier of the period's start and {@code asOf}, twice.
   */
  private static final String RECENT = " and (status <> 'CLOSED' or closed_at is null or closed_at >= ? or issued_at >= ?)";

  /** Deadline changes (延期) per lead unit within the period. */
  Map<String, Long> extensions(ItemScope scope, String listCode, Instant start, Instant end) {
    var args = new ArrayList<Object>();
    String where = where(scope, listCode, "i", args);
    args.add(ts(start));
    args.add(ts(end));
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query("select i.unit_id, count(*) as n from duban.deadline_change_report d join duban.item_report i on i.code = d.item_code"
            + where + " and d.changed_at >= ? and d.changed_at < ? group by i.unit_id",
        rs -> {
          counts.put(rs.getString("unit_id"), rs.getLong("n"));
        }, args.toArray());
    return counts;
  }

  /**
   * 反馈逾期 per unit that owed the report (the lead unit, or a co-unit in its 协办反馈), of the items in scope, whose
   * report was due within the period (through item's {@code late_report_report} view).
   */
  Map<String, Long> lateReports(ItemScope scope, String listCode, Instant start, Instant end) {
    var args = new ArrayList<Object>();
    String where = where(scope, listCode, "i", args);
    args.add(ts(start));
    args.add(ts(end));
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query("select l.unit_id, count(*) as n from duban.late_report_report l join duban.item_report i on i.code = l.item_code"
            + where + " and l.due_at >= ? and l.due_at < ? group by l.unit_id order by l.unit_id",
        rs -> {
          counts.put(rs.getString("unit_id"), rs.getLong("n"));
        }, args.toArray());
    return counts;
  }

  /** People with items open past the deadline now or closed late within the period, worst first. */
  List<Counts> overduePeople(ItemScope scope, String listCode, Instant now, Instant start, Instant end, int limit) {
    var args = new ArrayList<Object>(List.of(ts(now), ts(start), ts(end)));
    String sql = "select * from (select assignee as id, 0 as green, 0 as yellow, 0 as issued, 0 as open_overdue, "
        + "count(*) filter (where status <> 'CLOSED' and due_at < ?) as red, 0 as closed_on_time, "
        + "count(*) filter (where " + CLOSED_IN + " and closed_at > due_at) as closed_late "
        + "from duban.item_report" + where(scope, listCode, null, args) + RECENT + " and assignee is not null group by assignee) p "
        + "where red + closed_late > 0 order by red desc, closed_late desc, id limit ?";
    args.add(ts(start));
    args.add(ts(start));
    args.add(limit);
    return jdbc.query(sql, COUNTS, args.toArray());
  }

  /** Open items not yet overdue whose deadline is on or before {@code until}. */
  List<Line> dueSoon(ItemScope scope, String listCode, Instant now, LocalDate until, int limit) {
    var args = new ArrayList<Object>();
    String where = where(scope, listCode, null, args);
    args.addAll(List.of(ts(now), until, limit));
    return jdbc.query("select " + LINE + " from duban.item_report" + where
        + " and status <> 'CLOSED' and due_at >= ? and deadline <= ? order by due_at, code limit ?", LINES, args.toArray());
  }

  /** 督办 in progress: open items escalated to 督办 or further. */
  List<Line> supervised(ItemScope scope, String listCode, int limit) {
    var args = new ArrayList<Object>();
    String where = where(scope, listCode, null, args);
    args.add(limit);
    return jdbc.query("select " + LINE + " from duban.item_report" + where + " and status <> 'CLOSED' "
        + "and escalation_level in ('SUPERVISED', 'BULLETINED') order by due_at, code limit ?", LINES, args.toArray());
  }

  /** Items marked for 通报 (the ladder's 通报 step reached) within the period. */
  List<Line> bulletined(ItemScope scope, String listCode, Instant start, Instant end) {
    var args = new ArrayList<Object>();
    String where = where(scope, listCode, null, args);
    args.addAll(List.of(ts(start), ts(end)));
    return jdbc.query("select " + LINE + " from duban.item_report" + where
        + " and bulletin_at >= ? and bulletin_at < ? order by unit_id, due_at, code", LINES, args.toArray());
  }

  /** Issued, closed on time and closed late per month (in the bureau's zone) from {@code start} to {@code end}. */
  List<Month> months(ItemScope scope, String listCode, ZoneId zone, Instant start, Instant end) {
    var args = new ArrayList<Object>(List.of(zone.getId()));
    String where = where(scope, listCode, null, args);
    args.addAll(List.of(ts(start), ts(end)));
    Map<String, long[]> months = new LinkedHashMap<>();
    jdbc.query("select to_char(issued_at at time zone ?, 'YYYY-MM') as m, count(*) as n from duban.item_report" + where
        + " and issued_at >= ? and issued_at < ? group by m", rs -> {
          months.computeIfAbsent(rs.getString("m"), k -> new long[3])[0] = rs.getLong("n");
        }, args.toArray());
    jdbc.query("select to_char(closed_at at time zone ?, 'YYYY-MM') as m, "
        + "count(*) filter (where closed_at <= due_at) as on_time, count(*) filter (where closed_at > due_at) as late "
        + "from duban.item_report" + where + " and status = 'CLOSED' and closed_at >= ? and closed_at < ? group by m", rs -> {
          long[] m = months.computeIfAbsent(rs.getString("m"), k -> new long[3]);
          m[1] = rs.getLong("on_time");
          m[2] = rs.getLong("late");
        }, args.toArray());
    return months.entrySet().stream().map(e -> new Month(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
        .toList();
  }

  private static String where(ItemScope scope, String listCode, String alias, List<Object> args) {
    var where = new StringBuilder(" where true");
    scope.appendWhere(alias, where, args);
    if (listCode != null) {
      where.append(" and ").append(alias == null ? "" : alias + ".").append("list_code = ?");
      args.add(listCode);
    }
    return where.toString();
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  private static final String LINE = "code, title, unit_id, assignee, deadline, status, escalation_level, closed_at";

  private static final RowMapper<Line> LINES = (rs, n) -> {
    Timestamp closed = rs.getTimestamp("closed_at");
    return new Line(rs.getString("code"), rs.getString("title"), rs.getString("unit_id"), rs.getString("assignee"),
        rs.getObject("deadline", LocalDate.class), rs.getString("status"), rs.getString("escalation_level"),
        closed == null ? null : closed.toInstant());
  };

  private static final RowMapper<Counts> COUNTS = (rs, n) -> new Counts(rs.getString("id"), rs.getLong("green"),
      rs.getLong("yellow"), rs.getLong("red"), rs.getLong("issued"), rs.getLong("closed_on_time"),
      rs.getLong("closed_late"), rs.getLong("open_overdue"));
}

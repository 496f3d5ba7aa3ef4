package cn.duban.assessment;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The facts a period's 考核 is made of, one row per item and figure, read only through the items' report views
 * ({@code item_report}, {@code deadline_change_report}, {@code co_unit_part_report}, {@code late_report_report}).
 */
@Repository
class AssessmentRepository {

  /**
   * One fact: {@code figure} counted {@code amount} times for {@code unitId} and {@code person} (may be null) on the
   * item {@code code}. For a late closing, {@code deadline} and {@code closedAt} give the working days overdue.
   */
  record Fact(Figure figure, String unitId, String person, String code, long amount, LocalDate deadline,
              Instant closedAt) {
  }

  private static final String CLOSED_IN = "i.status = 'CLOSED' and i.closed_at >= ? and i.closed_at < ?";

  private final JdbcTemplate jdbc;

  AssessmentRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Every fact of the period [{@code start}, {@code end}) (open overdue items at {@code asOf}), of one list or all.
   * A lead unit (and its assignee) is scored on the item's deadline; a co-unit only on its own part.
   */
  List<Fact> facts(String listCode, Instant start, Instant end, Instant asOf) {
    String list = listCode == null ? "" : " and i.list_code = ?";
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    // closed on time / late within the period: as the 督办台 counts them
    part(sql, args, listCode, "'CLOSED_ON_TIME', i.unit_id, i.assignee, i.code, 1, i.deadline, i.closed_at",
        "duban.item_report i", CLOSED_IN + " and i.closed_at <= i.due_at" + list, ts(start), ts(end));
    part(sql, args, listCode, "'CLOSED_LATE', i.unit_id, i.assignee, i.code, 1, i.deadline, i.closed_at",
        "duban.item_report i", CLOSED_IN + " and i.closed_at > i.due_at" + list, ts(start), ts(end));
    // open past the deadline at the period's end (or now, while it runs): as the 通报 counts them
    part(sql, args, listCode, "'OPEN_OVERDUE', i.unit_id, i.assignee, i.code, 1, i.deadline, null",
        "duban.item_report i", "i.issued_at < ? and i.due_at < ? and (i.closed_at is null or i.closed_at > ?)" + list,
        ts(asOf), ts(asOf), ts(asOf));
    // 反馈逾期 of the lead unit, and late 协办反馈 of a co-unit: whose report was late is in the row
    part(sql, args, listCode, "'LATE_REPORT', l.unit_id, l.assignee, i.code, 1, null, null",
        "duban.late_report_report l join duban.item_report i on i.code = l.item_code",
        "l.due_at >= ? and l.due_at < ?" + list, ts(start), ts(end));
    // deadline changes (延期) within the period: as the 通报 counts them
    part(sql, args, listCode, "'EXTENSION', i.unit_id, i.assignee, i.code, 1, null, null",
        "duban.deadline_change_report d join duban.item_report i on i.code = d.item_code",
        "d.changed_at >= ? and d.changed_at < ?" + list, ts(start), ts(end));
    // 退回 (审核退回) as the item keeps them: counted at 销号, for items closed in the period
    part(sql, args, listCode, "'RETURNED', i.unit_id, i.assignee, i.code, i.return_count, null, null",
        "duban.item_report i", CLOSED_IN + " and i.return_count > 0" + list, ts(start), ts(end));
    // the escalation ladder's 督办 and 通报 steps reached within the period
    part(sql, args, listCode, "'SUPERVISED', i.unit_id, i.assignee, i.code, 1, null, null",
        "duban.item_report i", "i.supervised_at >= ? and i.supervised_at < ?" + list, ts(start), ts(end));
    part(sql, args, listCode, "'BULLETINED', i.unit_id, i.assignee, i.code, 1, null, null",
        "duban.item_report i", "i.bulletin_at >= ? and i.bulletin_at < ?" + list, ts(start), ts(end));
    // 办结质量评价 of the items closed in the period
    part(sql, args, listCode, "'RATED_' || i.quality_rating, i.unit_id, i.assignee, i.code, 1, null, null",
        "duban.item_report i", CLOSED_IN + " and i.quality_rating is not null" + list, ts(start), ts(end));
    // a co-unit's own part: done within the period, or waived on an item closed in the period
    part(sql, args, listCode, "'CO_PART_DONE', p.unit_id, p.assignee, i.code, 1, null, null",
        "duban.co_unit_part_report p join duban.item_report i on i.code = p.item_code",
        "p.status = 'DONE' and p.done_at >= ? and p.done_at < ?" + list, ts(start), ts(end));
    part(sql, args, listCode, "'CO_PART_WAIVED', p.unit_id, p.assignee, i.code, 1, null, null",
        "duban.co_unit_part_report p join duban.item_report i on i.code = p.item_code",
        "p.status = 'WAIVED' and " + CLOSED_IN + list, ts(start), ts(end));
    return jdbc.query(sql.toString(), (rs, n) -> {
      Timestamp closed = rs.getTimestamp("closed_at");
      return new Fact(Figure.valueOf(rs.getString("figure")), rs.getString("unit_id"), rs.getString("person"),
          rs.getString("code"), rs.getLong("amount"), rs.getObject("deadline", LocalDate.class),
          closed == null ? null : closed.toInstant());
    }, args.toArray());
  }

  private static void part(StringBuilder sql, List<Object> args, String listCode, String columns, String from,
                           String where, Object... bound) {
    if (!sql.isEmpty()) {
      sql.append(" union all ");
    }
    String[] c = columns.split(", ");
    sql.append("select ").append(c[0]).append(" as figure, ").append(c[1]).append(" as unit_id, ").append(c[2])
        .append(" as person, ").append(c[3]).append(" as code, ").append(c[4]).append("::bigint as amount, ")
        .append(c[5]).append("::date as deadline, ").append(c[6]).append("::timestamptz as closed_at from ")
        .append(from).append(" where ").append(where);
    args.addAll(List.of(bound));
    if (listCode != null) {
      args.add(listCode);
    }
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}

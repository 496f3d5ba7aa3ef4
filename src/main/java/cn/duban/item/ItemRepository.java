package cn.duban.item;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import cn.duban.system.CodeSequences;

/** The item read model and what belongs to an item (reports, deadline changes), in schema {@code duban}. */
@Repository
public class ItemRepository {

  private static final String COLUMNS = "code, process_instance_id, list_code, title, requirement, unit_id, "
      + "co_unit_ids, assignee, leader_id, deadline, due_at, reporting_cycle, status, issued_by, issued_at, "
      + "signed_at, completed_at, closed_at, extension_count, return_count";

  /** What is read: the written columns, what the escalation ladder and 销号's rating add. */
  private static final String SELECT = COLUMNS + ", escalation_level, bulletin_at, quality_rating, quality_remark";

  /** Item codes: DB2026-0001. */
  static final CodeSequences.Series CODES = new CodeSequences.Series("DB", 4, "duban.item");

  private final JdbcTemplate jdbc;
  private final CodeSequences codes;

  public ItemRepository(JdbcTemplate jdbc, CodeSequences codes) {
    this.jdbc = jdbc;
    this.codes = codes;
  }

  /** The next code of the year (no lock held: codes of rolled-back issues are skipped, never reused). */
  String nextCode(int year) {
    return codes.next(CODES, year);
  }

  void insert(ItemRow item) {
    jdbc.update(con -> {
      var ps = con.prepareStatement("insert into duban.item (" + COLUMNS + ", updated_at) "
          + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      int i = 1;
      ps.setString(i++, item.code());
      ps.setString(i++, item.processInstanceId());
      ps.setString(i++, item.listCode());
      ps.setString(i++, item.title());
      ps.setString(i++, item.requirement());
      ps.setString(i++, item.unitId());
      ps.setArray(i++, con.createArrayOf("varchar", item.coUnitIds().toArray()));
      ps.setString(i++, item.assignee());
      ps.setString(i++, item.leaderId());
      ps.setObject(i++, item.deadline());
      ps.setTimestamp(i++, Timestamp.from(item.dueAt()));
      ps.setString(i++, item.reportingCycle());
      ps.setString(i++, item.status().name());
      ps.setString(i++, item.issuedBy());
      ps.setTimestamp(i++, Timestamp.from(item.issuedAt()));
      ps.setTimestamp(i++, ts(item.signedAt()));
      ps.setTimestamp(i++, ts(item.completedAt()));
      ps.setTimestamp(i++, ts(item.closedAt()));
      ps.setInt(i++, item.extensionCount());
      ps.setInt(i++, item.returnCount());
      ps.setTimestamp(i, Timestamp.from(item.issuedAt()));
      return ps;
    });
  }

  public Optional<ItemRow> find(String code) {
    return jdbc.query("select " + SELECT + " from duban.item where code = ?", ROW, code).stream().findFirst();
  }

  Optional<ItemRow> findByProcessInstance(String processInstanceId) {
    return jdbc.query("select " + SELECT + " from duban.item where process_instance_id = ?", ROW, processInstanceId)
        .stream().findFirst();
  }

  /**
   * Moves the item to a status; an item already there is left as it is (the insert wrote the first status, so the
   * 签收 task that follows changes no row).
   */
  void updateStatus(String code, ItemStatus status, Instant at) {
    jdbc.update("update duban.item set status = ?, updated_at = ? where code = ? and status <> ?", status.name(),
        Timestamp.from(at), code, status.name());
  }

  /** Where the item stands in its task list (the row of the imported sheet) and the list's 备注 for it. */
  void placeInList(String code, String row, String remark) {
    jdbc.update("update duban.item set list_row = ?, remark = ? where code = ?", row, remark, code);
  }

  void markSigned(String code, String assignee, Instant at) {
    jdbc.update("update duban.item set assignee = ?, signed_at = coalesce(signed_at, ?), updated_at = ? where code = ?",
        assignee, Timestamp.from(at), Timestamp.from(at), code);
  }

  void markReturned(String code, Instant at) {
    jdbc.update("update duban.item set return_count = return_count + 1, updated_at = ? where code = ?", Timestamp.from(at), code);
  }

  void reassign(String code, String unitId, String assignee, Instant at) {
    jdbc.update("update duban.item set unit_id = ?, assignee = ?, signed_at = null, updated_at = ? where code = ?",
        unitId, assignee, Timestamp.from(at), code);
  }

  void markCompleted(String code, Instant at) {
    jdbc.update("update duban.item set completed_at = ?, updated_at = ? where code = ?", Timestamp.from(at), Timestamp.from(at), code);
  }

  void markClosed(String code, Instant at) {
    jdbc.update("update duban.item set status = 'CLOSED', closed_at = ?, updated_at = ? where code = ?",
        Timestamp.from(at), Timestamp.from(at), code);
  }

  /** 办结质量评价, given at 销号. */
  void rate(String code, QualityRating rating, String remark, Instant at) {
    jdbc.update("update duban.item set quality_rating = ?, quality_remark = ?, updated_at = ? where code = ?",
        rating.name(), remark, Timestamp.from(at), code);
  }

  /** An extension moves the deadline: the ladder starts again from the bottom against the new one. */
  void changeDeadline(String code, LocalDate deadline, Instant dueAt, Instant at) {
    jdbc.update("update duban.item set deadline = ?, due_at = ?, extension_count = extension_count + 1, "
        + "escalation_level = 'NONE', updated_at = ? where code = ?", deadline, Timestamp.from(dueAt),
        Timestamp.from(at), code);
  }

  /** A step of the escalation ladder happened: the level rises (never falls) and the step's time is kept. */
  public void escalated(String code, EscalationLevel level, Instant at) {
    String column = switch (level) {
      case REMINDED -> "reminded_at";
      case CHASED -> "chased_at";
      case SUPERVISED -> "supervised_at";
      case BULLETINED -> "bulletin_at";
      case NONE -> throw new IllegalArgumentException("NONE is no step");
    };
    jdbc.update("update duban.item set escalation_level = case when array_position(array['NONE','REMINDED','CHASED',"
        + "'SUPERVISED','BULLETINED']::varchar[], escalation_level) < array_position(array['NONE','REMINDED','CHASED',"
        + "'SUPERVISED','BULLETINED']::varchar[], ?::varchar) then ? else escalation_level end, "
        + column + " = coalesce(" + column + ", ?), updated_at = ? where code = ?",
        level.name(), level.name(), Timestamp.from(at), Timestamp.from(at), code);
  }

  public EscalationLevel escalationLevel(String code) {
    return EscalationLevel.valueOf(jdbc.queryForObject("select escalation_level from duban.item where code = ?",
        String.class, code));
  }

  /** Open items per light, bureau-wide (operators' figures): red, yellow, green. */
  long[] openByLight(Instant now, Instant yellowFrom) {
    Timestamp n = Timestamp.from(now);
    Timestamp y = Timestamp.from(yellowFrom);
    return jdbc.queryForObject("select count(*) filter (where " + ItemLight.RED_SQL + ") as red, "
            + "count(*) filter (where " + ItemLight.YELLOW_SQL + ") as yellow, "
            + "count(*) filter (where " + ItemLight.GREEN_SQL + ") as green from duban.item where status <> 'CLOSED'",
        (rs, i) -> new long[] {rs.getLong("red"), rs.getLong("yellow"), rs.getLong("green")}, n, n, y, n, y);
  }

  /** A page of items matching the filter and the reader's scope, sorted by deadline. */
  List<ItemRow> page(ItemFilter filter, ItemScope scope, Instant now, Instant yellowFrom) {
    var where = new StringBuilder(" where true");
    var args = new ArrayList<Object>();
    where(filter, scope, now, yellowFrom, where, args);
    args.add(filter.size());
    args.add((long) filter.page() * filter.size());
    return jdbc.query("select " + SELECT + " from duban.item" + where + " order by due_at, code limit ? offset ?",
        ROW, args.toArray());
  }

  long count(ItemFilter filter, ItemScope scope, Instant now, Instant yellowFrom) {
    var where = new StringBuilder(" where true");
    var args = new ArrayList<Object>();
    where(filter, scope, now, yellowFrom, where, args);
    Long count = jdbc.queryForObject("select count(*) from duban.item" + where, Long.class, args.toArray());
    return count == null ? 0 : count;
  }

  private static void where(ItemFilter filter, ItemScope scope, Instant now, Instant yellowFrom, StringBuilder where,
                            List<Object> args) {
    scope.appendWhere(null, where, args);
    if (filter.unitId() != null) {
      where.append(" and unit_id = ?");
      args.add(filter.unitId());
    }
    if (filter.status() != null) {
      where.append(" and status = ?");
      args.add(filter.status().name());
    }
    if (filter.listCode() != null) {
      where.append(" and list_code = ?");
      args.add(filter.listCode());
    }
    if (filter.assignee() != null) {
      where.append(" and assignee = ?");
      args.add(filter.assignee());
    }
    if (filter.leaderId() != null) {
      where.append(" and leader_id = ?");
      args.add(filter.leaderId());
    }
    if (filter.deadlineFrom() != null) {
      where.append(" and deadline >= ?");
      args.add(filter.deadlineFrom());
    }
    if (filter.deadlineTo() != null) {
      where.append(" and deadline <= ?");
      args.add(filter.deadlineTo());
    }
    if (filter.text() != null) {
      where.append(" and (code ilike ? escape '\\' or title ilike ? escape '\\' or requirement ilike ? escape '\\')");
      String like = "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      args.add(like);
      args.add(like);
      args.add(like);
    }
    if (filter.light() != null) {
      switch (filter.light()) {
        case RED -> {
          where.append(" and ").append(ItemLight.RED_SQL);
          args.add(Timestamp.from(now));
        }
        case YELLOW, GREEN -> {
          where.append(" and ").append(filter.light() == ItemLight.YELLOW ? ItemLight.YELLOW_SQL : ItemLight.GREEN_SQL);
          args.add(Timestamp.from(now));
          args.add(Timestamp.from(yellowFrom));
        }
        case CLOSED_ON_TIME -> where.append(" and status = 'CLOSED' and closed_at <= due_at");
        case CLOSED_LATE -> where.append(" and status = 'CLOSED' and closed_at > due_at");
      }
    }
  }

  // --- progress reports and deadline changes ---------------------------------------------------------------

  void insertReport(String code, String kind, String content, String author, Instant at, String taskId) {
    jdbc.update("insert into duban.progress_report (item_code, kind, content, author, reported_at, task_id) "
        + "values (?, ?, ?, ?, ?, ?)", code, kind, content, author, Timestamp.from(at), taskId);
  }

  List<ProgressReport> reports(String code) {
    return jdbc.query("select id, kind, content, author, reported_at from duban.progress_report where item_code = ? "
        + "order by reported_at, id", (rs, n) -> new ProgressReport(rs.getLong("id"), rs.getString("kind"),
        rs.getString("content"), rs.getString("author"), null, rs.getTimestamp("reported_at").toInstant()), code);
  }

  /** Who filed the item's latest report of a kind (the latest 申请办结 for 销号), or null. */
  String latestAuthor(String code, String kind) {
    return jdbc.queryForList("select author from duban.progress_report where item_code = ? and kind = ? "
        + "order by reported_at desc, id desc limit 1", String.class, code, kind).stream().findFirst().orElse(null);
  }

  void insertDeadlineChange(String code, LocalDate oldDeadline, LocalDate newDeadline, String reason,
                            String requestedBy, String approvedBy, Instant at) {
    jdbc.update("insert into duban.deadline_change (item_code, old_deadline, new_deadline, reason, requested_by, "
        + "approved_by, changed_at) values (?, ?, ?, ?, ?, ?, ?)", code, oldDeadline, newDeadline, reason,
        requestedBy, approvedBy, Timestamp.from(at));
  }

  List<DeadlineChange> deadlineChanges(String code) {
    return jdbc.query("select old_deadline, new_deadline, reason, requested_by, approved_by, changed_at "
        + "from duban.deadline_change where item_code = ? order by changed_at, id", (rs, n) -> new DeadlineChange(
        rs.getObject("old_deadline", LocalDate.class), rs.getObject("new_deadline", LocalDate.class),
        rs.getString("reason"), rs.getString("requested_by"), rs.getString("approved_by"),
        rs.getTimestamp("changed_at").toInstant()), code);
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static final RowMapper<ItemRow> ROW = (rs, n) -> {
    Array coUnits = rs.getArray("co_unit_ids");
    List<String> coUnitIds = coUnits == null ? List.of() : Arrays.asList((String[]) coUnits.getArray());
    return new ItemRow(rs.getString("code"), rs.getString("process_instance_id"), rs.getString("list_code"),
        rs.getString("title"), rs.getString("requirement"), rs.getString("unit_id"), List.copyOf(coUnitIds),
        rs.getString("assignee"), rs.getString("leader_id"), rs.getObject("deadline", LocalDate.class),
        instant(rs, "due_at"), rs.getString("reporting_cycle"), ItemStatus.valueOf(rs.getString("status")),
        rs.getString("issued_by"), instant(rs, "issued_at"), instant(rs, "signed_at"), instant(rs, "completed_at"),
        instant(rs, "closed_at"), rs.getInt("extension_count"), rs.getInt("return_count"),
        EscalationLevel.valueOf(rs.getString("escalation_level")), instant(rs, "bulletin_at"),
        rs.getString("quality_rating") == null ? null : QualityRating.valueOf(rs.getString("quality_rating")),
        rs.getString("quality_remark"));
  };
}

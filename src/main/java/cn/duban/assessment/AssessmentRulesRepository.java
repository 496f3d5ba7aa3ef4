package cn.duban.assessment;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The 考核 rules' versions ({@code duban.assessment_rules}); versions are only added, never changed. */
@Repository
class AssessmentRulesRepository {

  private static final String COLUMNS = "version, valid_from, base, floor, closed_on_time, late_day, open_overdue, "
      + "late_report, extension, returned, supervised, bulletined, excellent, good, fair, poor, co_part_done, "
      + "co_part_waived, changed_by, changed_at";

  private final JdbcTemplate jdbc;

  AssessmentRulesRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every version, the latest first. */
  List<AssessmentRules> all() {
    return jdbc.query("select " + COLUMNS + " from duban.assessment_rules order by version desc", RULES);
  }

  int latestVersion() {
    Integer v = jdbc.queryForObject("select max(version) from duban.assessment_rules", Integer.class);
    return v == null ? 0 : v;
  }

  /** The version in force on {@code day}: the latest valid_from on or before it, the highest version of that day. */
  Optional<AssessmentRules> inForce(LocalDate day) {
    return jdbc.query("select " + COLUMNS + " from duban.assessment_rules where valid_from <= ? "
        + "order by valid_from desc, version desc limit 1", RULES, day).stream().findFirst();
  }

  /** Adds a version; a second insert of the same version number (a concurrent change) fails on the primary key. */
  void insert(AssessmentRules r) {
    jdbc.update("insert into duban.assessment_rules (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?)", r.version(), r.validFrom(), r.base(), r.floor(), r.closedOnTime(), r.lateDay(),
        r.openOverdue(), r.lateReport(), r.extension(), r.returned(), r.supervised(), r.bulletined(), r.excellent(),
        r.good(), r.fair(), r.poor(), r.coPartDone(), r.coPartWaived(), r.changedBy(), Timestamp.from(r.changedAt()));
  }

  private static final RowMapper<AssessmentRules> RULES = (rs, n) -> new AssessmentRules(rs.getInt("version"),
      rs.getObject("valid_from", LocalDate.class), rs.getBigDecimal("base"), rs.getBigDecimal("floor"),
      rs.getBigDecimal("closed_on_time"), rs.getBigDecimal("late_day"), rs.getBigDecimal("open_overdue"),
      rs.getBigDecimal("late_report"), rs.getBigDecimal("extension"), rs.getBigDecimal("returned"),
      rs.getBigDecimal("supervised"), rs.getBigDecimal("bulletined"), rs.getBigDecimal("excellent"),
      rs.getBigDecimal("good"), rs.getBigDecimal("fair"), rs.getBigDecimal("poor"), rs.getBigDecimal("co_part_done"),
      rs.getBigDecimal("co_part_waived"), rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant());
}

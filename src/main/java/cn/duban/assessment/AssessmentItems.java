package cn.duban.assessment;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import cn.duban.item.ItemStatus;
import cn.duban.organisation.OrganisationService;

/** The items behind a figure, as lines of a table, from {@code item_report}. */
@Repository
class AssessmentItems {

  record Line(String code, String title, String unitName, String assigneeName, LocalDate deadline,
              String statusLabel) {
  }

  private final JdbcTemplate jdbc;
  private final OrganisationService organisation;

  AssessmentItems(JdbcTemplate jdbc, OrganisationService organisation) {
    this.jdbc = jdbc;
    this.organisation = organisation;
  }

  List<Line> lines(List<String> codes) {
    return jdbc.query("select code, title, unit_id, assignee, deadline, status from duban.item_report "
            + "where code = any(?::varchar[]) order by deadline, code",
        (rs, n) -> new Line(rs.getString("code"), rs.getString("title"),
            organisation.unitName(rs.getString("unit_id")), organisation.personName(rs.getString("assignee")),
            rs.getObject("deadline", LocalDate.class), ItemStatus.valueOf(rs.getString("status")).label()),
        (Object) codes.toArray(String[]::new));
  }
}

package cn.duban.item;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** 延期申请 as duban records them ({@code duban.extension_request}): what was asked, by whom, and the decision. */
@Repository
class ExtensionRequests {

  /** One request; {@code decision} is null while the leader has not decided. */
  record ExtensionRequest(long id, String itemCode, String requestedBy, Instant requestedAt, LocalDate newDeadline,
                          String reason, String decision, String decidedBy) {
  }

  private final JdbcTemplate jdbc;

  ExtensionRequests(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void requested(String code, String requestedBy, LocalDate newDeadline, String reason, Instant at) {
    jdbc.update("insert into duban.extension_request (item_code, requested_by, requested_at, new_deadline, reason) "
        + "values (?, ?, ?, ?, ?)", code, requestedBy, Timestamp.from(at), newDeadline, reason);
  }

  /** The item's latest request: the one its 延期审批 task is about. */
  Optional<ExtensionRequest> latest(String code) {
    return jdbc.query("select id, item_code, requested_by, requested_at, new_deadline, reason, decision, decided_by "
            + "from duban.extension_request where item_code = ? order by id desc limit 1",
        (rs, i) -> new ExtensionRequest(rs.getLong("id"), rs.getString("item_code"), rs.getString("requested_by"),
            rs.getTimestamp("requested_at").toInstant(), rs.getObject("new_deadline", LocalDate.class),
            rs.getString("reason"), rs.getString("decision"), rs.getString("decided_by")), code)
        .stream().findFirst();
  }

  void decided(long id, boolean approved, String decidedBy, String note, Instant at) {
    jdbc.update("update duban.extension_request set decision = ?, decided_by = ?, decided_at = ?, decision_note = ? "
        + "where id = ?", approved ? "APPROVED" : "REJECTED", decidedBy, Timestamp.from(at), note, id);
  }
}

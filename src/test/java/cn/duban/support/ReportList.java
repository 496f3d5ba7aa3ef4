package cn.duban.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.system.BureauClock;

/**
 * A task list of its own for a report test (督办台, 考核): its code ({@code KIND-XXXXXX}), the prefix of its items'
 * codes ({@code KINDXXXXXX}), today, and the period asked for: the last 40 days up to today, as instants from the
 * first day's start to the end of today in the bureau's zone.
 */
public record ReportList(String code, String prefix, Instant now, LocalDate today, LocalDate from, Instant start,
                         Instant end) {

  /** Inserts the list's row (issued today by olivia, 12 items) and returns it. */
  public static ReportList create(JdbcTemplate jdbc, BureauClock clock, String kind, String name) {
    String id = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    Instant now = clock.now();
    LocalDate today = clock.today();
    LocalDate from = today.minusDays(40);
    ReportList list = new ReportList(kind + "-" + id, kind + id, now, today, from,
        from.atStartOfDay(clock.zone()).toInstant(), today.plusDays(1).atStartOfDay(clock.zone()).toInstant());
    jdbc.update("insert into duban.task_list (code, name, issued_on, created_by, created_at, item_count) "
        + "values (?, ?, ?, 'olivia', ?, 12)", list.code(), name + id, today, Timestamp.from(now));
    return list;
  }

  /** The report's query string for this list and period. */
  public String query() {
    return "list=" + code + "&from=" + from + "&to=" + today;
  }
}

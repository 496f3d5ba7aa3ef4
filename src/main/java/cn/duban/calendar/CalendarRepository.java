package cn.duban.calendar;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The holiday arrangements stored by admins, in schema {@code duban}. */
@Repository
class CalendarRepository {

  /** A stored year with who stored it and when. */
  record StoredYear(YearArrangement arrangement, String updatedBy, Instant updatedAt) {
  }

  /** What changes whenever a year is stored or removed: compared to notice another node's changes. */
  record Fingerprint(long years, Instant lastUpdate) {
  }

  private final JdbcTemplate jdbc;

  CalendarRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<StoredYear> findAll() {
    Map<Integer, List<HolidayDay>> days = new HashMap<>();
    jdbc.query("select year, day, name, is_off_day from duban.calendar_day order by year, day", rs -> {
      days.computeIfAbsent(rs.getInt("year"), y -> new ArrayList<>()).add(
          new HolidayDay(rs.getObject("day", LocalDate.class), rs.getString("name"), rs.getBoolean("is_off_day")));
    });
    return jdbc.query("select year, papers, updated_by, updated_at from duban.calendar_year order by year",
        (rs, i) -> {
          int year = rs.getInt("year");
          return new StoredYear(new YearArrangement(year, days.getOrDefault(year, List.of()), papers(rs.getArray("papers"))),
              rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());
        });
  }

  Fingerprint fingerprint() {
    return jdbc.queryForObject("select count(*), max(updated_at) from duban.calendar_year", (rs, i) -> {
      Timestamp last = rs.getTimestamp(2);
      return new Fingerprint(rs.getLong(1), last == null ? null : last.toInstant());
    });
  }

  /** Stores a year, replacing what was stored for it before; all or nothing. */
  @Transactional
  public void replace(YearArrangement arrangement, String updatedBy, Instant updatedAt) {
    jdbc.update(con -> {
      var ps = con.prepareStatement("insert into duban.calendar_year as y (year, papers, updated_by, updated_at) "
          + "values (?, ?, ?, ?) on conflict (year) do update "
          + "set papers = excluded.papers, updated_by = excluded.updated_by, updated_at = excluded.updated_at");
      ps.setInt(1, arrangement.year());
      ps.setArray(2, con.createArrayOf("text", arrangement.papers().toArray()));
      ps.setString(3, updatedBy);
      ps.setTimestamp(4, Timestamp.from(updatedAt));
      return ps;
    });
    jdbc.update("delete from duban.calendar_day where year = ?", arrangement.year());
    jdbc.batchUpdate("insert into duban.calendar_day (year, day, name, is_off_day) values (?, ?, ?, ?)",
        arrangement.days(), 100, (ps, day) -> {
          ps.setInt(1, arrangement.year());
          ps.setObject(2, day.date());
          ps.setString(3, day.name());
          ps.setBoolean(4, day.offDay());
        });
  }

  /** Removes a stored year (its days go with it); false when none was stored. */
  @Transactional
  public boolean delete(int year) {
    return jdbc.update("delete from duban.calendar_year where year = ?", year) > 0;
  }

  private static List<String> papers(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}

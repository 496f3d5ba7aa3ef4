package cn.duban.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A loaded year as {@code GET /api/calendar/{year}} shows it: the arrangement in the published layout, where it
 * comes from and, for a stored year, who stored it and when.
 */
public record CalendarYear(int year, Source source, boolean overridesClasspath, String updatedBy, Instant updatedAt,
                           List<String> papers, List<HolidayDay> days) {

  /** Where a year's arrangement comes from. */
  public enum Source {
    /** A file shipped with the release ({@code calendar/holidays/<year>.json}). */
    CLASSPATH,
    /** Stored by an admin ({@code PUT /api/calendar/<year>}); overrides a file of the same year. */
    DATABASE;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static CalendarYear ofFile(YearArrangement arrangement) {
    return new CalendarYear(arrangement.year(), Source.CLASSPATH, false, null, null, arrangement.papers(),
        arrangement.days());
  }

  static CalendarYear ofDatabase(YearArrangement arrangement, boolean overridesClasspath, String updatedBy,
                                 Instant updatedAt) {
    return new CalendarYear(arrangement.year(), Source.DATABASE, overridesClasspath, updatedBy, updatedAt,
        arrangement.papers(), arrangement.days());
  }

  public YearArrangement arrangement() {
    return new YearArrangement(year, days, papers);
  }
}

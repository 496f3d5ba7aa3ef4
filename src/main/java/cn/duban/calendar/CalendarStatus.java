package cn.duban.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/calendar/status}: which years are loaded, and whether counting guesses Monday–Friday for today's
 * year or the next one ({@code fallbackInUse}, {@code message} in Chinese for a banner).
 *
 * @param missingYears      this year and next year, where not loaded
 * @param fallbackYearsUsed any years (still missing) that a computation has counted Monday–Friday since start-up
 * @param message           the Chinese warning, null when nothing is missing
 */
public record CalendarStatus(LocalDate today, List<Integer> loadedYears, List<Integer> missingYears,
                             boolean fallbackInUse, List<Integer> fallbackYearsUsed, String message,
                             List<YearSummary> years) {

  /** A loaded year in short: where it comes from and how many days it lists. */
  public record YearSummary(int year, CalendarYear.Source source, int days) {
  }
}

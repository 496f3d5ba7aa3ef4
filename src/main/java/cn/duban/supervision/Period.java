package cn.duban.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.duban.system.web.FieldProblem;

/**
 * The period a figure counts over: a month ({@code 2026-11}), a quarter ({@code 2026-Q4}) or the days
 * {@code from} to {@code to}, both included.
 *
 * @param key the period as it is written in a query ({@code 2026-Q4}, or {@code 2026-10-01~2026-12-31})
 */
public record Period(String key, String label, LocalDate from, LocalDate to) {

  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
  private static final int LONGEST_DAYS = 366 * 5;

  /**
   * The period asked for: {@code period} (a month or quarter), or {@code from} and {@code to}; neither means the
   * quarter of {@code today}. Bad input is refused with a Chinese reason (400).
   */
  public static Period parse(String period, String from, String to, LocalDate today) {
    boolean hasPeriod = period != null && !period.isBlank();
    boolean hasRange = (from != null && !from.isBlank()) || (to != null && !to.isBlank());
    if (hasPeriod && hasRange) {
      throw new InvalidQueryException(new FieldProblem("period", period,
          "请只用一种方式指定统计期间：period（月份或季度），或 from 与 to（起止日期）"));
    }
    if (hasRange) {
      return range(from, to);
    }
    if (!hasPeriod) {
      return quarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1);
    }
    String text = period.strip();
    Matcher quarter = QUARTER.matcher(text);
    if (quarter.matches()) {
      return quarter(year(text, quarter.group(1)), Integer.parseInt(quarter.group(2)));
    }
    Matcher month = MONTH.matcher(text);
    if (month.matches()) {
      int m = Integer.parseInt(month.group(2));
      if (m < 1 || m > 12) {
        throw new InvalidQueryException(new FieldProblem("period", period, "月份应在 1 到 12 之间，例如 2026-11"));
      }
      YearMonth ym = YearMonth.of(year(text, month.group(1)), m);
      return new Period(ym.toString(), ym.getYear() + "年" + ym.getMonthValue() + "月", ym.atDay(1), ym.atEndOfMonth());
    }
    throw new InvalidQueryException(new FieldProblem("period", period,
        "统计期间格式不对：月份写作 2026-11，季度写作 2026-Q4"));
  }

  static Period quarter(int year, int quarter) {
    LocalDate from = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    return new Period(year + "-Q" + quarter, year + "年第" + "一二三四".charAt(quarter - 1) + "季度", from,
        from.plusMonths(3).minusDays(1));
  }

  private static Period range(String from, String to) {
    LocalDate start = date("from", from, "起始日期");
    LocalDate end = date("to", to, "截止日期");
    if (end.isBefore(start)) {
      throw new InvalidQueryException(new FieldProblem("to", to, "截止日期不能早于起始日期「" + from.strip() + "」"));
    }
    if (end.toEpochDay() - start.toEpochDay() >= LONGEST_DAYS) {
      throw new InvalidQueryException(new FieldProblem("to", to, "统计期间最长五年"));
    }
    return new Period(start + "~" + end, start + " 至 " + end, start, end);
  }

  private static LocalDate date(String field, String value, String what) {
    if (value == null || value.isBlank()) {
      throw new InvalidQueryException(new FieldProblem(field, value, "按起止日期统计时须同时给出" + what + "，格式 2026-10-01"));
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException(new FieldProblem(field, value, what + "格式不对，应写作 2026-10-01"));
    }
  }

  private static int year(String text, String digits) {
    int year = Integer.parseInt(digits);
    if (year < 2000 || year > 2099) {
      throw new InvalidQueryException(new FieldProblem("period", text, "年份应在 2000 到 2099 之间"));
    }
    return year;
  }

  /** The first instant of the period in the bureau's zone. */
  public Instant start(ZoneId zone) {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the period. */
  public Instant end(ZoneId zone) {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }
}

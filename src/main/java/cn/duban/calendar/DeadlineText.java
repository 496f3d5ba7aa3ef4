package cn.duban.calendar;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deadline (完成时限) as people write it in task lists: a number of working days ({@code 5个工作日},
 * {@code ５个工作日内}, {@code 5 个工作日}, {@code 5工作日}, {@code 三个工作日}) or a date ({@code 2026-12-31},
 * {@code 2026/12/31}, {@code 2026.12.31}, {@code 2026年12月31日}). Full-width digits and spaces are read as
 * ordinary ones. Plain code; the calendar package has its own date parser so that it depends on no feature that
 * itself counts working days.
 */
public final class DeadlineText {

  /** More working days than this is not a deadline but a typing error. */
  static final int MAX_WORKING_DAYS = 1000;

  private static final Pattern WORKING_DAYS =
      Pattern.compile("(\\d{1,4}|[零〇一二两三四五六七八九十]{1,3})个?工作日(?:内|以内|之内)?");
  private static final Pattern DATE = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})");
  private static final Pattern CHINESE_DATE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日?");
  private static final String CHINESE_DIGITS = "零一二三四五六七八九";

  private DeadlineText() {
  }

  /** A parsed deadline: so many working days after the issue date, or a fixed date. */
  public sealed interface Deadline permits InWorkingDays, OnDate {

    /** The date this deadline falls on for an item issued on {@code issuedOn}. */
    LocalDate dueOn(LocalDate issuedOn, WorkingDays calendar);
  }

  /** {@code N个工作日}: the Nth working day after the issue date. */
  public record InWorkingDays(int workingDays) implements Deadline {
    @Override
    public LocalDate dueOn(LocalDate issuedOn, WorkingDays calendar) {
      return calendar.addWorkingDays(issuedOn, workingDays);
    }
  }

  /** A date given as such. */
  public record OnDate(LocalDate date) implements Deadline {
    @Override
    public LocalDate dueOn(LocalDate issuedOn, WorkingDays calendar) {
      return date;
    }
  }

  /** The deadline a text means, or empty when it is neither a number of working days (1–1000) nor a valid date. */
  public static Optional<Deadline> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    // NFKC turns full-width digits, slashes and spaces into ASCII ones
    String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    Matcher workingDays = WORKING_DAYS.matcher(plain);
    if (workingDays.matches()) {
      int n = number(workingDays.group(1));
      return n >= 1 && n <= MAX_WORKING_DAYS ? Optional.of(new InWorkingDays(n)) : Optional.empty();
    }
    return parseDate(plain).map(OnDate::new);
  }

  /** 2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日 (full-width digits allowed). */
  public static Optional<LocalDate> parseDate(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    Matcher m = DATE.matcher(plain);
    if (m.matches()) {
      return date(m.group(1), m.group(3), m.group(4));
    }
    m = CHINESE_DATE.matcher(plain);
    if (m.matches()) {
      return date(m.group(1), m.group(2), m.group(3));
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> date(String year, String month, String day) {
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** 5, 五, 两, 十, 十五, 二十, 二十五 (up to 九十九); -1 when it is no number. */
  public static int number(String text) {
    if (Character.isDigit(text.charAt(0))) {
      return Integer.parseInt(text);
    }
    String digits = text.replace('〇', '零').replace('两', '二');
    int ten = digits.indexOf('十');
    if (ten < 0) {
      return digits.length() == 1 ? CHINESE_DIGITS.indexOf(digits.charAt(0)) : -1;
    }
    String tens = digits.substring(0, ten);
    String ones = digits.substring(ten + 1);
    if (tens.length() > 1 || ones.length() > 1 || ones.contains("十")) {
      return -1;
    }
    int t = tens.isEmpty() ? 1 : CHINESE_DIGITS.indexOf(tens.charAt(0));
    int o = ones.isEmpty() ? 0 : CHINESE_DIGITS.indexOf(ones.charAt(0));
    return t <= 0 || o < 0 ? -1 : t * 10 + o;
  }
}

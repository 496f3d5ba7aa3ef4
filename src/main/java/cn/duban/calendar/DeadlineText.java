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
  public static final int MAX_WORKING_DAYS = 1000;

  private static final Pattern WORKING_DAYS =
      Pattern.compile("(\\d{1,4}|[零〇一二两三四五六七八九十]{1,3})个?工作日(?:内|以内|之内)?");
  /** A date, and the time a spreadsheet cell or a REST caller's date-time may add to it (the date is kept). */
  private static final Pattern DATE = Pattern.compile(
      "(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?:(?:T| )\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?");
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

  /**
   * What a deadline text says, for a reader that explains its refusals (the list import): the one place where the
   * forms of a deadline are defined.
   */
  public sealed interface Reading permits Days, Day, NoSuchDay, Unreadable {
  }

  /** {@code N个工作日}, whatever N (the caller holds it to 1–{@value #MAX_WORKING_DAYS}); -1 for a number not read. */
  public record Days(int workingDays) implements Reading {
  }

  /** A date, valid in the calendar. */
  public record Day(LocalDate date) implements Reading {
  }

  /** Written as a date, but no such day exists (2026-02-30). */
  public record NoSuchDay() implements Reading {
  }

  /** Neither a number of working days nor a date. */
  public record Unreadable() implements Reading {
  }

  /** Reads a deadline text: full-width digits and spaces as ordinary ones, spaces inside ignored. */
  public static Reading read(String text) {
    if (text == null) {
      return new Unreadable();
    }
    String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
    String compact = plain.replace(" ", "");
    Matcher workingDays = WORKING_DAYS.matcher(compact);
    if (workingDays.matches()) {
      return new Days(number(workingDays.group(1)));
    }
    for (Matcher m : new Matcher[] {DATE.matcher(compact), DATE.matcher(plain)}) {
      if (m.matches()) {
        return day(m.group(1), m.group(3), m.group(4));
      }
    }
    Matcher chinese = CHINESE_DATE.matcher(compact);
    if (chinese.matches()) {
      return day(chinese.group(1), chinese.group(2), chinese.group(3));
    }
    return new Unreadable();
  }

  /** The deadline a text means, or empty when it is neither a number of working days (1–1000) nor a valid date. */
  public static Optional<Deadline> parse(String text) {
    Reading reading = read(text);
    if (reading instanceof Days d && d.workingDays() >= 1 && d.workingDays() <= MAX_WORKING_DAYS) {
      return Optional.of(new InWorkingDays(d.workingDays()));
    }
    return reading instanceof Day d ? Optional.of(new OnDate(d.date())) : Optional.empty();
  }

  /**
   * 2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日 (full-width digits allowed); a date-time keeps its date
   * (a spreadsheet's "2026-12-31 00:00:00", a REST caller's "2026-12-31T00:00:00+08:00").
   */
  public static Optional<LocalDate> parseDate(String text) {
    return read(text) instanceof Day d ? Optional.of(d.date()) : Optional.empty();
  }

  private static Reading day(String year, String month, String day) {
    return date(year, month, day).<Reading>map(Day::new).orElseGet(NoSuchDay::new);
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

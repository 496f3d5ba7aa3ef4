package cn.duban.calendar;

import java.time.LocalDate;

/** Counting in working days (工作日): what both the plain {@link WorkingCalendar} and {@link CalendarService} offer. */
public interface WorkingDays {

  boolean isWorkingDay(LocalDate day);

  /**
   * The {@code n}th working day after {@code from} ({@code n} ≥ 1); for {@code n} = 0, {@code from} itself if it is a
   * working day, else the next working day; for negative {@code n}, the {@code |n|}th working day before {@code from}.
   */
  LocalDate addWorkingDays(LocalDate from, int n);

  /**
   * The working days after {@code a} up to and including {@code b}; negative when {@code b} is before {@code a}.
   * For a deadline and today, the working days an item is overdue (逾期工作日数).
   */
  int workingDaysBetween(LocalDate a, LocalDate b);
}

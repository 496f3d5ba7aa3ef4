package cn.duban.item;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

import cn.duban.calendar.WorkingDays;

/**
 * One period of an item's reporting cycle (反馈周期), in which the assignee owes one 进度反馈: its first and last day,
 * the moment it is due (17:00 of its last working day, or of the deadline's when the 完成时限 falls earlier in the
 * period) and the reminder (09:00 that day).
 */
public record ReportPeriod(LocalDate start, LocalDate end, Instant remindAt, Instant dueAt) {

  static final LocalTime REMIND_AT = LocalTime.of(9, 0);
  static final LocalTime DUE_AT = LocalTime.of(17, 0);

  /**
   * The period a report is owed for at {@code now}: the first period of the cycle, from the one holding now, whose
   * due time is still ahead (a period without any working day owes nothing and is skipped).
   *
   * @param signedOn the day of 签收: fortnights are counted from the Monday of its week
   * @param deadline the item's 完成时限
   */
  public static ReportPeriod current(ReportingCycle cycle, LocalDate signedOn, LocalDate deadline, Instant now,
                                     ZoneId zone, WorkingDays days) {
    LocalDate day = LocalDate.ofInstant(now, zone);
    for (int i = 0; i < 60; i++) {
      LocalDate start = start(cycle, signedOn, day);
      LocalDate end = end(cycle, start);
      Optional<ReportPeriod> period = of(start, end, deadline, zone, days);
      if (period.isPresent() && period.get().dueAt().isAfter(now)) {
        return period.get();
      }
      day = end.plusDays(1);
    }
    throw new IllegalStateException("No reporting period with a working day after " + now);
  }

  static LocalDate start(ReportingCycle cycle, LocalDate signedOn, LocalDate day) {
    return switch (cycle) {
      case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case BIWEEKLY -> {
        LocalDate anchor = signedOn.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long fortnights = Math.floorDiv(ChronoUnit.DAYS.between(anchor, day), 14);
        yield anchor.plusDays(14 * fortnights);
      }
      case MONTHLY -> day.withDayOfMonth(1);
      case QUARTERLY -> day.with(IsoFields.DAY_OF_QUARTER, 1);
    };
  }

  static LocalDate end(ReportingCycle cycle, LocalDate start) {
    return switch (cycle) {
      case WEEKLY -> start.plusDays(6);
      case BIWEEKLY -> start.plusDays(13);
      case MONTHLY -> start.with(TemporalAdjusters.lastDayOfMonth());
      case QUARTERLY -> start.plusMonths(3).minusDays(1);
    };
  }

  /** The period from start to end, due on its last working day (no later than the deadline's); none without one. */
  static Optional<ReportPeriod> of(LocalDate start, LocalDate end, LocalDate deadline, ZoneId zone, WorkingDays days) {
    LocalDate last = deadline != null && !deadline.isBefore(start) && deadline.isBefore(end) ? deadline : end;
    for (LocalDate d = last; !d.isBefore(start); d = d.minusDays(1)) {
      if (days.isWorkingDay(d)) {
        return Optional.of(new ReportPeriod(start, end, ZonedDateTime.of(d, REMIND_AT, zone).toInstant(),
            ZonedDateTime.of(d, DUE_AT, zone).toInstant()));
      }
    }
    return Optional.empty();
  }
}

package cn.duban.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Counting working days on the arrangements shipped with duban (2024–2026), without Spring or the engine. */
class WorkingCalendarUnitTest {

  static final WorkingCalendar CALENDAR = WorkingCalendar.of(HolidayFiles.load(new ObjectMapper()));

  static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void shipsTheYears2024To2026() {
    assertThat(CALENDAR.loadedYears()).containsExactly(2024, 2025, 2026);
    assertThat(CALENDAR.arrangement(2026).orElseThrow().papers())
        .containsExactly("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm");
  }

  @Test
  void knowsHolidaysWeekendsAndDeclaredWorkingWeekendDays() {
    assertThat(CALENDAR.isWorkingDay(d("2026-09-30"))).as("an ordinary Wednesday").isTrue();
    assertThat(CALENDAR.isWorkingDay(d("2026-10-01"))).as("国庆节").isFalse();
    assertThat(CALENDAR.isWorkingDay(d("2026-10-08"))).as("国庆节 holiday ends on the 7th").isTrue();
    assertThat(CALENDAR.isWorkingDay(d("2026-10-10"))).as("调休 Saturday").isTrue();
    assertThat(CALENDAR.isWorkingDay(d("2026-09-20"))).as("调休 Sunday").isTrue();
    assertThat(CALENDAR.isWorkingDay(d("2026-10-17"))).as("an ordinary Saturday").isFalse();
    assertThat(CALENDAR.isWorkingDay(d("2026-02-16"))).as("除夕 eve, 春节 holiday").isFalse();
    assertThat(CALENDAR.specialDay(d("2026-02-14")).orElseThrow())
        .isEqualTo(new HolidayDay(d("2026-02-14"), "春节", false));
  }

  @Nested
  class AddWorkingDays {

    @Test
    void acrossNationalDay2026LandsOnTheDeclaredWorkingSaturday() {
      // 1–7 October off; the 8th, the 9th and the 调休 Saturday the 10th
      assertThat(CALENDAR.addWorkingDays(d("2026-09-30"), 1)).isEqualTo(d("2026-10-08"));
      assertThat(CALENDAR.addWorkingDays(d("2026-09-30"), 3)).isEqualTo(d("2026-10-10"));
      assertThat(CALENDAR.addWorkingDays(d("2026-09-30"), 4)).isEqualTo(d("2026-10-12"));
    }

    @Test
    void acrossSpringFestival2026() {
      // Friday 13 February, then the 调休 Saturday the 14th, then 15–23 February off
      assertThat(CALENDAR.addWorkingDays(d("2026-02-13"), 1)).isEqualTo(d("2026-02-14"));
      assertThat(CALENDAR.addWorkingDays(d("2026-02-13"), 2)).isEqualTo(d("2026-02-24"));
      assertThat(CALENDAR.addWorkingDays(d("2026-02-14"), 1)).isEqualTo(d("2026-02-24"));
      // the 调休 Saturday the 28th counts too
      assertThat(CALENDAR.addWorkingDays(d("2026-02-26"), 2)).isEqualTo(d("2026-02-28"));
    }

    @Test
    void landsOnADeclaredWorkingSunday() {
      // Friday 18 September 2026, then Sunday the 20th is worked for 国庆节
      assertThat(CALENDAR.addWorkingDays(d("2026-09-18"), 1)).isEqualTo(d("2026-09-20"));
      assertThat(CALENDAR.addWorkingDays(d("2026-09-18"), 2)).isEqualTo(d("2026-09-21"));
    }

    @Test
    void acrossTheYearBoundaryIntoTheNewYearsHolidays() {
      // 1–3 January 2026 off, Sunday the 4th worked
      assertThat(CALENDAR.addWorkingDays(d("2025-12-31"), 1)).isEqualTo(d("2026-01-04"));
      assertThat(CALENDAR.addWorkingDays(d("2025-12-31"), 2)).isEqualTo(d("2026-01-05"));
      assertThat(CALENDAR.missingYearsBetween(d("2025-12-31"), d("2026-01-05"))).isEmpty();
    }

    @Test
    void intoAMissingYearFallsBackToMondayToFridayAndSaysSo() {
      // 2027 is not loaded: Friday 1 January 2027 (surely 元旦) is counted as a working day
      LocalDate result = CALENDAR.addWorkingDays(d("2026-12-31"), 1);
      assertThat(result).isEqualTo(d("2027-01-01"));
      assertThat(CALENDAR.missingYearsBetween(d("2026-12-31"), result)).containsExactly(2027);
      assertThat(CALENDAR.addWorkingDays(d("2027-10-01"), 1)).as("Mon–Fri only").isEqualTo(d("2027-10-04"));
      assertThat(CALENDAR.covers(2027)).isFalse();
    }

    @Test
    void zeroIsTheDayItselfOrTheNextWorkingDay() {
      assertThat(CALENDAR.addWorkingDays(d("2026-09-30"), 0)).isEqualTo(d("2026-09-30"));
      assertThat(CALENDAR.addWorkingDays(d("2026-10-01"), 0)).isEqualTo(d("2026-10-08"));
      assertThat(CALENDAR.addWorkingDays(d("2026-10-10"), 0)).isEqualTo(d("2026-10-10"));
    }

    @Test
    void negativeCountsBackwards() {
      assertThat(CALENDAR.addWorkingDays(d("2026-10-08"), -1)).isEqualTo(d("2026-09-30"));
      assertThat(CALENDAR.addWorkingDays(d("2026-10-12"), -1)).isEqualTo(d("2026-10-10"));
      // 25–27 September off for 中秋节, Sunday the 20th worked
      assertThat(CALENDAR.addWorkingDays(d("2026-09-28"), -1)).isEqualTo(d("2026-09-24"));
      assertThat(CALENDAR.addWorkingDays(d("2026-09-21"), -1)).isEqualTo(d("2026-09-20"));
      assertThat(CALENDAR.addWorkingDays(d("2026-01-05"), -2)).isEqualTo(d("2025-12-31"));
      // from a holiday, the working day before it
      assertThat(CALENDAR.addWorkingDays(d("2026-10-03"), -1)).isEqualTo(d("2026-09-30"));
    }

    @Test
    void addingAndCountingBackAreInverseOnWorkingDays() {
      for (LocalDate day = d("2024-01-01"); day.isBefore(d("2026-12-01")); day = day.plusDays(1)) {
        if (CALENDAR.isWorkingDay(day)) {
          LocalDate later = CALENDAR.addWorkingDays(day, 5);
          assertThat(CALENDAR.addWorkingDays(later, -5)).as("from %s", day).isEqualTo(day);
          assertThat(CALENDAR.workingDaysBetween(day, later)).as("from %s", day).isEqualTo(5);
        }
      }
    }

    @Test
    void refusesAbsurdCounts() {
      assertThatThrownBy(() -> CALENDAR.addWorkingDays(d("2026-01-01"), 1_000_000))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class WorkingDaysBetween {

    @Test
    void countsTheWorkingDaysAfterTheFirstUpToAndIncludingTheSecond() {
      assertThat(CALENDAR.workingDaysBetween(d("2026-09-30"), d("2026-10-10"))).isEqualTo(3);
      assertThat(CALENDAR.workingDaysBetween(d("2026-09-30"), d("2026-10-07"))).as("only holidays").isZero();
      assertThat(CALENDAR.workingDaysBetween(d("2026-09-30"), d("2026-09-30"))).isZero();
      assertThat(CALENDAR.workingDaysBetween(d("2026-02-13"), d("2026-02-24"))).isEqualTo(2);
      assertThat(CALENDAR.workingDaysBetween(d("2025-12-31"), d("2026-01-05"))).isEqualTo(2);
    }

    @Test
    void isNegativeWhenTheSecondIsEarlier() {
      assertThat(CALENDAR.workingDaysBetween(d("2026-10-10"), d("2026-09-30"))).isEqualTo(-3);
    }

    @Test
    void givesTheOverdueWorkingDaysOfADeadline() {
      // deadline Wednesday 30 September; on Friday 9 October the item is 2 working days overdue
      assertThat(CALENDAR.workingDaysBetween(d("2026-09-30"), d("2026-10-09"))).isEqualTo(2);
    }
  }

  @Test
  void aNextYearsNoticeDecidesTheDecemberDaysItLists() {
    // as the 2012 notice did: Saturday 31 December 2011 worked for 元旦 2012
    YearArrangement y2011 = new YearArrangement(2011, List.of(new HolidayDay(d("2011-10-01"), "国庆节", true)), List.of());
    YearArrangement y2012 = new YearArrangement(2012, List.of(new HolidayDay(d("2011-12-31"), "元旦", false),
        new HolidayDay(d("2012-01-02"), "元旦", true)), List.of());
    WorkingCalendar calendar = WorkingCalendar.of(List.of(y2012, y2011));
    assertThat(calendar.isWorkingDay(d("2011-12-31"))).isTrue();
    assertThat(calendar.addWorkingDays(d("2011-12-30"), 1)).isEqualTo(d("2011-12-31"));
    assertThat(calendar.addWorkingDays(d("2011-12-31"), 1)).isEqualTo(d("2012-01-03"));
  }

  @Test
  void withoutAnyArrangementEveryYearIsMissing() {
    WorkingCalendar none = WorkingCalendar.mondayToFriday();
    assertThat(none.addWorkingDays(d("2026-09-30"), 3)).isEqualTo(d("2026-10-05"));
    assertThat(none.missingYearsBetween(d("2026-12-31"), d("2025-01-01"))).containsExactly(2025, 2026);
  }
}

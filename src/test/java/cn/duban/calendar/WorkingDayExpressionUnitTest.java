package cn.duban.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The working-day syntax of BPMN timers and due dates, computed without the engine. */
class WorkingDayExpressionUnitTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final WorkingCalendar CALENDAR = WorkingCalendarUnitTest.CALENDAR;

  static Instant at(String localDateTime) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), SHANGHAI).toInstant();
  }

  static WorkingDayExpression parse(String text) {
    return WorkingDayExpression.parse(text).orElseThrow();
  }

  @Test
  void readsDurationsAndCycles() {
    assertThat(parse("P3WD")).isEqualTo(new WorkingDayExpression(false, 0, null, 3, null));
    assertThat(parse(" p3wd@9:30 ")).isEqualTo(new WorkingDayExpression(false, 0, null, 3, LocalTime.of(9, 30)));
    assertThat(parse("P0WD@17:00:30")).isEqualTo(new WorkingDayExpression(false, 0, null, 0, LocalTime.of(17, 0, 30)));
    assertThat(parse("R/P1WD@09:00"))
        .isEqualTo(new WorkingDayExpression(true, WorkingDayExpression.UNBOUNDED, null, 1, LocalTime.of(9, 0)));
    assertThat(parse("R3/2026-09-30T10:00:00/P2WD"))
        .isEqualTo(new WorkingDayExpression(true, 3, "2026-09-30T10:00:00", 2, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"P3D", "PT1H", "P1W", "2026-10-08T09:00:00", "R3/PT1H", "R/2026-09-30T10:00:00/P1D",
      "0 0 9 ? * MON-FRI"})
  void leavesIso8601AndCronToCamunda(String text) {
    assertThat(WorkingDayExpression.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3WD", "P3WDT09:00", "P-1WD", "P3WD@25:00", "P3WD@9", "PT3WD", "R/P0WD", "P3WD/R", "WD3T09:00"})
  void refusesWhatMentionsWorkingDaysButDoesNotFit(String text) {
    assertThatThrownBy(() -> WorkingDayExpression.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsWorkingDaysInTheBureausZoneKeepingTheTimeOfDay() {
    assertThat(parse("P3WD").after(at("2026-09-30T10:00"), SHANGHAI, CALENDAR)).isEqualTo(at("2026-10-10T10:00"));
    assertThat(parse("P1WD@09:00").after(at("2026-09-30T10:00"), SHANGHAI, CALENDAR)).isEqualTo(at("2026-10-08T09:00"));
    // 02:00 UTC on 30 September is already 10:00 in Shanghai; the day is the bureau's day
    assertThat(parse("P1WD").after(Instant.parse("2026-09-30T17:00:00Z"), SHANGHAI, CALENDAR))
        .as("01:00 on 1 October in Shanghai").isEqualTo(at("2026-10-08T01:00"));
  }

  @Test
  void zeroWorkingDaysIsTodayIfItIsAWorkingDay() {
    assertThat(parse("P0WD@17:00").after(at("2026-09-30T10:00"), SHANGHAI, CALENDAR)).isEqualTo(at("2026-09-30T17:00"));
    assertThat(parse("P0WD@17:00").after(at("2026-10-03T10:00"), SHANGHAI, CALENDAR)).isEqualTo(at("2026-10-08T17:00"));
  }

  @Test
  void aCycleStepsFromWorkingDayToWorkingDayUntilItsRepetitionsAreUsed() {
    WorkingDayExpression cycle = parse("R3/P1WD@09:00");
    Instant start = at("2026-09-30T10:00");
    assertThat(cycle.nextOccurrence(start, start, 0, SHANGHAI, CALENDAR)).isEqualTo(at("2026-10-08T09:00"));
    assertThat(cycle.nextOccurrence(start, at("2026-10-08T09:00"), 0, SHANGHAI, CALENDAR)).isEqualTo(at("2026-10-09T09:00"));
    assertThat(cycle.nextOccurrence(start, at("2026-10-09T09:01"), 0, SHANGHAI, CALENDAR)).isEqualTo(at("2026-10-10T09:00"));
    assertThat(cycle.nextOccurrence(start, at("2026-10-10T09:00"), 0, SHANGHAI, CALENDAR)).as("three times only").isNull();
    assertThat(parse("R/P1WD@09:00").nextOccurrence(start, at("2026-10-10T09:00"), 0, SHANGHAI, CALENDAR))
        .isEqualTo(at("2026-10-12T09:00"));
  }

  @Test
  void aCycleKeepsItsRhythmAfterAnOffset() {
    // a failed, retried job moved the cycle by ten minutes: the offset is kept
    WorkingDayExpression cycle = parse("R/P1WD@09:00");
    long tenMinutes = 600_000;
    assertThat(cycle.nextOccurrence(at("2026-09-30T10:00"), at("2026-10-08T09:10"), tenMinutes, SHANGHAI, CALENDAR))
        .isEqualTo(at("2026-10-09T09:10"));
  }
}

package cn.duban.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Deadlines as task lists write them: {@code 5个工作日} and dates in the usual Chinese forms. */
class DeadlineTextUnitTest {

  static final LocalDate ISSUED = LocalDate.parse("2026-09-30");

  @ParameterizedTest
  @CsvSource({
      "3个工作日, 3",
      "3 个工作日, 3",
      "３个工作日, 3",
      "３　个　工作日, 3",
      "3工作日, 3",
      "3个工作日内, 3",
      "10个工作日以内, 10",
      "三个工作日, 3",
      "两个工作日内, 2",
      "十个工作日, 10",
      "十五个工作日, 15",
      "二十个工作日, 20",
      "' 5个工作日 ', 5"})
  void readsANumberOfWorkingDays(String text, int workingDays) {
    assertThat(DeadlineText.parse(text)).contains(new DeadlineText.InWorkingDays(workingDays));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-31", "2026/12/31", "2026.12.31", "2026年12月31日", "2026年12月31", "２０２６－１２－３１",
      " 2026-12-31 ", "2026 年 12 月 31 日", "2026-12-31 00:00:00", "2026/12/31 0:00", "2026-12-31T00:00:00+08:00",
      "2026-12-31T16:00:00.000Z"})
  void readsADate(String text) {
    assertThat(DeadlineText.parse(text)).contains(new DeadlineText.OnDate(LocalDate.parse("2026-12-31")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "尽快", "0个工作日", "零个工作日", "5天", "5个自然日", "2026-02-30", "2026-12/31", "12/31/2026",
      "1001个工作日", "一二个工作日", "十十个工作日", "-3个工作日"})
  void refusesWhatIsNeither(String text) {
    assertThat(DeadlineText.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "3个工作日, 2026-10-10",
      "１个工作日, 2026-10-08",
      "2026年10月31日, 2026-10-31"})
  void givesTheDueDateForAnIssueDate(String text, LocalDate due) {
    assertThat(DeadlineText.parse(text).orElseThrow().dueOn(ISSUED, WorkingCalendarUnitTest.CALENDAR)).isEqualTo(due);
  }

  @ParameterizedTest
  @CsvSource({
      "2026-02-30, NoSuchDay",
      "2026年2月30日, NoSuchDay",
      "1001个工作日, Days",
      "尽快, Unreadable",
      "2026-12-31 25点, Unreadable"})
  void tellsTheListImportWhatWasWritten(String text, String kind) {
    assertThat(DeadlineText.read(text).getClass().getSimpleName()).isEqualTo(kind);
  }
}

package cn.duban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class PeriodUnitTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  @Test
  void monthCoversItsDays() {
    Period p = Period.parse("2026-02", null, null, TODAY);
    assertThat(p.from()).isEqualTo(LocalDate.of(2026, 2, 1));
    assertThat(p.to()).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(p.key()).isEqualTo("2026-02");
    assertThat(p.label()).isEqualTo("2026年2月");
  }

  @Test
  void quarterCoversThreeMonths() {
    Period p = Period.parse("2026-Q4", null, null, TODAY);
    assertThat(p.from()).isEqualTo(LocalDate.of(2026, 10, 1));
    assertThat(p.to()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(p.label()).isEqualTo("2026年第四季度");
    assertThat(Period.parse("2026-q1", null, null, TODAY).to()).isEqualTo(LocalDate.of(2026, 3, 31));
  }

  @Test
  void noPeriodMeansTheQuarterOfToday() {
    assertThat(Period.parse(null, "", " ", TODAY)).isEqualTo(Period.quarter(2026, 4));
  }

  @Test
  void rangeIncludesBothDays() {
    Period p = Period.parse(null, "2026-10-15", "2026-11-14", TODAY);
    assertThat(p.from()).isEqualTo(LocalDate.of(2026, 10, 15));
    assertThat(p.to()).isEqualTo(LocalDate.of(2026, 11, 14));
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    assertThat(p.start(shanghai)).isEqualTo("2026-10-14T16:00:00Z");
    assertThat(p.end(shanghai)).isEqualTo("2026-11-14T16:00:00Z");
  }

  @Test
  void badPeriodsAreRefusedWithTheReason() {
    assertRefused("2026-13", null, null, "period", "月份应在 1 到 12 之间");
    assertRefused("2026-Q5", null, null, "period", "统计期间格式不对");
    assertRefused("Q4", null, null, "period", "统计期间格式不对");
    assertRefused("1999-Q4", null, null, "period", "年份应在 2000 到 2099 之间");
    assertRefused("2026-Q4", "2026-10-01", null, "period", "请只用一种方式");
    assertRefused(null, "2026-10-01", null, "to", "须同时给出截止日期");
    assertRefused(null, "2026/10/01", "2026-10-31", "from", "起始日期格式不对");
    assertRefused(null, "2026-10-31", "2026-10-01", "to", "截止日期不能早于起始日期");
    assertRefused(null, "2010-01-01", "2026-10-01", "to", "统计期间最长五年");
  }

  private static void assertRefused(String period, String from, String to, String field, String reason) {
    assertThatThrownBy(() -> Period.parse(period, from, to, TODAY))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
          assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(reason);
          });
        });
  }
}

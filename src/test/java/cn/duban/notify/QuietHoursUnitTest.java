package cn.duban.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class QuietHoursUnitTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }

  @Test
  void aWindowOverMidnightHoldsUntilItsEndTheSameOrTheNextMorning() {
    QuietHours night = QuietHours.parse("22:00-07:30");
    assertThat(night.after(at("2026-12-01T23:10:00"), SHANGHAI)).isEqualTo(at("2026-12-02T07:30:00"));
    assertThat(night.after(at("2026-12-02T03:00:00"), SHANGHAI)).isEqualTo(at("2026-12-02T07:30:00"));
    assertThat(night.after(at("2026-12-02T07:30:00"), SHANGHAI)).isEqualTo(at("2026-12-02T07:30:00"));
    assertThat(night.after(at("2026-12-02T21:59:00"), SHANGHAI)).isEqualTo(at("2026-12-02T21:59:00"));
    assertThat(QuietHours.parse("12:00-14:00").after(at("2026-12-02T13:00:00"), SHANGHAI))
        .isEqualTo(at("2026-12-02T14:00:00"));
  }

  @Test
  void aPersonMayOnlyNarrowTheBureausWindow() {
    QuietHours bureau = QuietHours.parse("22:00-07:30");
    assertThat(QuietHours.parse("23:00-07:00").within(bureau)).isTrue();
    assertThat(QuietHours.parse("22:00-07:30").within(bureau)).isTrue();
    assertThat(QuietHours.NONE.within(bureau)).isTrue();
    assertThat(QuietHours.parse("21:00-07:00").within(bureau)).isFalse();
    assertThat(QuietHours.parse("23:00-08:00").within(bureau)).isFalse();
    assertThat(QuietHours.parse("08:00-09:00").within(bureau)).isFalse();
    assertThat(QuietHours.parse("23:00-07:00").within(QuietHours.NONE)).isFalse();
  }

  @Test
  void blankMeansNoneAndNonsenseIsRefusedInChinese() {
    assertThat(QuietHours.parse("").none()).isTrue();
    assertThat(QuietHours.parse(" 7:00 - 8:30 ")).isEqualTo(new QuietHours(LocalTime.of(7, 0), LocalTime.of(8, 30)));
    assertThatThrownBy(() -> QuietHours.parse("晚上")).hasMessageContaining("格式不对");
    assertThatThrownBy(() -> QuietHours.parse("25:00-07:00")).hasMessageContaining("时间不存在");
    assertThatThrownBy(() -> QuietHours.parse("07:00-07:00")).hasMessageContaining("相同");
  }
}

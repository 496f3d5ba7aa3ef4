package cn.duban.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/** A year's arrangement is checked completely, every problem reported at once in Chinese. */
class ArrangementRulesUnitTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void acceptsTheUpstreamLayoutAndSortsTheDays() {
    YearArrangement year = ArrangementRules.validate(json("""
        {'$schema': 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json', 'year': 2027,
         'papers': ['https://www.gov.cn/example'],
         'days': [{'name': '春节', 'date': '2027-02-06', 'isOffDay': false},
                  {'name': '元旦', 'date': '2027-01-01', 'isOffDay': true}]}"""), 2027);
    assertThat(year.year()).isEqualTo(2027);
    assertThat(year.papers()).containsExactly("https://www.gov.cn/example");
    assertThat(year.days()).containsExactly(new HolidayDay(LocalDate.parse("2027-01-01"), "元旦", true),
        new HolidayDay(LocalDate.parse("2027-02-06"), "春节", false));
  }

  @Test
  void acceptsDecemberDaysOfTheYearBeforeAsANoticeMayListThem() {
    YearArrangement year = ArrangementRules.validate(json("""
        {'year': 2012, 'days': [{'name': '元旦', 'date': '2011-12-31', 'isOffDay': false}]}"""), 2012);
    assertThat(year.days()).hasSize(1);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ArrangementRules.validate(json("""
        {'year': 2028, 'papers': 'gov.cn',
         'days': [{'name': '元旦', 'date': '2027-01-01', 'isOffDay': true},
                  {'name': '元旦', 'date': '2026-10-01', 'isOffDay': true},
                  {'name': '春节', 'date': '2027-02-30', 'isOffDay': true},
                  {'name': '春节', 'date': '2027-01-01', 'isOffDay': true},
                  {'date': '2027-02-10', 'isOffDay': false},
                  {'name': '清明节', 'date': '2027-04-05'},
                  {'name': '清明节', 'date': '2027/04/06', 'isOffDay': 'yes'},
                  'not a day']}"""), 2027));
    assertThat(e.getMessage()).isEqualTo("节假日安排有 11 处错误，未保存任何内容。");
    assertThat(e.problems()).extracting(FieldProblem::field).containsExactly(
        "year", "days[1].date", "days[2].date", "days[3].date", "days[4].name", "days[4].isOffDay",
        "days[5].isOffDay", "days[6].date", "days[6].isOffDay", "days[7]", "papers");
    assertThat(e.problems()).extracting(FieldProblem::message).containsExactly(
        "内容中的年份 2028 与要保存的年份 2027 不一致",
        "2026-10-01 不属于 2027 年：只能填写 2027 年的日期（元旦放假或调休涉及的上一年 12 月日期除外）",
        "「2027-02-30」不是有效日期，请写成 2027-01-01 的形式",
        "日期 2027-01-01 重复（与 days[0] 相同），每个日期只能出现一次",
        "缺少节日名称（name），如 \"春节\"",
        "2027-02-10 是星期三，本来就是工作日；isOffDay 为 false 只用于调休上班的周六、周日，请核对日期",
        "缺少 isOffDay（true 为放假，false 为周末调休上班）",
        "「2027/04/06」不是有效日期，请写成 2027-01-01 的形式",
        "isOffDay 只能是 true（放假）或 false（周末调休上班）",
        "应为 {\"date\": \"2027-01-01\", \"name\": \"元旦\", \"isOffDay\": true} 形式的对象",
        "papers 应为国务院办公厅通知网址的数组");
  }

  @Test
  void refusesAnEmptyOrMissingArrangement() {
    assertThat(catchThrowableOfType(InvalidInputException.class,
        () -> ArrangementRules.validate(json("{'year': 2027, 'days': []}"), 2027)).problems())
        .extracting(FieldProblem::field).containsExactly("days");
    assertThat(catchThrowableOfType(InvalidInputException.class,
        () -> ArrangementRules.validate(json("{}"), 2027)).problems())
        .extracting(FieldProblem::message).containsExactly("缺少年份（year），如 \"year\": 2027", "缺少节假日安排（days）");
    assertThat(catchThrowableOfType(InvalidInputException.class,
        () -> ArrangementRules.validate(json("[1, 2]"), 2027)).problems())
        .extracting(FieldProblem::field).containsExactly("body");
  }

  @Test
  void refusesYearsOutsideTheSupportedRange() {
    assertThat(catchThrowableOfType(InvalidInputException.class, () -> ArrangementRules.validate(json("""
        {'year': 1999, 'days': [{'name': '元旦', 'date': '1999-01-01', 'isOffDay': true}]}"""), 1999)).problems())
        .extracting(FieldProblem::message).containsExactly("年份应在 2000 到 2099 之间");
  }

  @Test
  void theShippedFilesFollowTheRules() {
    assertThat(HolidayFiles.load(JSON)).extracting(YearArrangement::year).containsExactlyInAnyOrder(2024, 2025, 2026);
  }
}

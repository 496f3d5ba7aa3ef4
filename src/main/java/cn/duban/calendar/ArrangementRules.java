package cn.duban.calendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * The rules a year's holiday arrangement must satisfy, whether it comes from a file in the release or from an
 * admin's {@code PUT /api/calendar/{year}}: the layout of the published data
 * ({@code {"year": 2027, "papers": [...], "days": [{"date", "name", "isOffDay"}]}}), checked completely so that every
 * problem is reported at once, in Chinese. Unknown fields ({@code $schema}, {@code $id}) are ignored.
 */
public final class ArrangementRules {

  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2099;
  static final int NAME_MAX = 50;
  static final int DAYS_MAX = 400;

  private static final String[] WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

  private ArrangementRules() {
  }

  /**
   * Checks a document for {@code year} and returns it as an arrangement, its days sorted by date.
   *
   * @throws InvalidInputException with every problem found; nothing should be stored then
   */
  public static YearArrangement validate(JsonNode document, int year) {
    List<FieldProblem> problems = new ArrayList<>();
    if (document == null || !document.isObject()) {
      throw invalid(List.of(new FieldProblem("body", null,
          "内容应为 JSON 对象，如 {\"year\": 2027, \"days\": [{\"date\": \"2027-01-01\", \"name\": \"元旦\", \"isOffDay\": true}]}")));
    }
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      problems.add(new FieldProblem("year", year, "年份应在 " + FIRST_YEAR + " 到 " + LAST_YEAR + " 之间"));
    }
    JsonNode yearNode = document.get("year");
    if (isMissing(yearNode)) {
      problems.add(new FieldProblem("year", null, "缺少年份（year），如 \"year\": " + year));
    } else if (!yearNode.canConvertToInt() || !yearNode.isIntegralNumber()) {
      problems.add(new FieldProblem("year", text(yearNode), "年份（year）应为整数，如 " + year));
    } else if (yearNode.intValue() != year) {
      problems.add(new FieldProblem("year", yearNode.intValue(),
          "内容中的年份 " + yearNode.intValue() + " 与要保存的年份 " + year + " 不一致"));
    }

    List<HolidayDay> days = new ArrayList<>();
    JsonNode daysNode = document.get("days");
    if (isMissing(daysNode)) {
      problems.add(new FieldProblem("days", null, "缺少节假日安排（days）"));
    } else if (!daysNode.isArray()) {
      problems.add(new FieldProblem("days", text(daysNode), "days 应为数组，每项形如 {\"date\": \"" + year
          + "-01-01\", \"name\": \"元旦\", \"isOffDay\": true}"));
    } else if (daysNode.isEmpty()) {
      problems.add(new FieldProblem("days", "[]",
          "days 不能为空：每年都有元旦、春节等法定节假日，空的安排会让该年按周一至周五计算而不再提示"));
    } else if (daysNode.size() > DAYS_MAX) {
      problems.add(new FieldProblem("days", daysNode.size(), "days 最多 " + DAYS_MAX + " 项"));
    } else {
      Map<LocalDate, Integer> seen = new HashMap<>();
      for (int i = 0; i < daysNode.size(); i++) {
        HolidayDay day = day(daysNode.get(i), "days[" + i + "]", year, seen, i, problems);
        if (day != null) {
          days.add(day);
        }
      }
    }

    List<String> papers = new ArrayList<>();
    JsonNode papersNode = document.get("papers");
    if (!isMissing(papersNode)) {
      if (!papersNode.isArray()) {
        problems.add(new FieldProblem("papers", text(papersNode), "papers 应为国务院办公厅通知网址的数组"));
      } else {
        for (int i = 0; i < papersNode.size(); i++) {
          JsonNode paper = papersNode.get(i);
          if (!paper.isTextual() || paper.asText().isBlank()) {
            problems.add(new FieldProblem("papers[" + i + "]", text(paper), "应为通知的网址（文本）"));
          } else {
            papers.add(paper.asText().strip());
          }
        }
      }
    }

    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    days.sort(Comparator.comparing(HolidayDay::date));
    return new YearArrangement(year, days, papers);
  }

  private static HolidayDay day(JsonNode node, String field, int year, Map<LocalDate, Integer> seen, int index,
                                List<FieldProblem> problems) {
    if (node == null || !node.isObject()) {
      problems.add(new FieldProblem(field, text(node),
          "应为 {\"date\": \"" + year + "-01-01\", \"name\": \"元旦\", \"isOffDay\": true} 形式的对象"));
      return null;
    }
    int before = problems.size();

    LocalDate date = null;
    JsonNode dateNode = node.get("date");
    if (isMissing(dateNode) || (dateNode.isTextual() && dateNode.asText().isBlank())) {
      problems.add(new FieldProblem(field + ".date", null, "缺少日期（date），如 \"" + year + "-01-01\""));
    } else if (!dateNode.isTextual()) {
      problems.add(new FieldProblem(field + ".date", text(dateNode), "日期应为文本，如 \"" + year + "-01-01\""));
    } else {
      try {
        date = LocalDate.parse(dateNode.asText());
      } catch (DateTimeException e) {
        problems.add(new FieldProblem(field + ".date", dateNode.asText(),
            "「" + dateNode.asText() + "」不是有效日期，请写成 " + year + "-01-01 的形式"));
      }
    }
    if (date != null && !WorkingCalendar.belongsTo(date, year)) {
      problems.add(new FieldProblem(field + ".date", date.toString(), date + " 不属于 " + year
          + " 年：只能填写 " + year + " 年的日期（元旦放假或调休涉及的上一年 12 月日期除外）"));
      date = null;
    }
    if (date != null) {
      Integer earlier = seen.putIfAbsent(date, index);
      if (earlier != null) {
        problems.add(new FieldProblem(field + ".date", date.toString(),
            "日期 " + date + " 重复（与 days[" + earlier + "] 相同），每个日期只能出现一次"));
      }
    }

    String name = null;
    JsonNode nameNode = node.get("name");
    if (isMissing(nameNode) || (nameNode.isTextual() && nameNode.asText().isBlank())) {
      problems.add(new FieldProblem(field + ".name", null, "缺少节日名称（name），如 \"春节\""));
    } else if (!nameNode.isTextual()) {
      problems.add(new FieldProblem(field + ".name", text(nameNode), "节日名称应为文本，如 \"春节\""));
    } else if (nameNode.asText().strip().length() > NAME_MAX) {
      problems.add(new FieldProblem(field + ".name", null, "节日名称不能超过 " + NAME_MAX + " 个字"));
    } else {
      name = nameNode.asText().strip();
    }

    Boolean offDay = null;
    JsonNode offDayNode = node.get("isOffDay");
    if (isMissing(offDayNode)) {
      problems.add(new FieldProblem(field + ".isOffDay", null, "缺少 isOffDay（true 为放假，false 为周末调休上班）"));
    } else if (!offDayNode.isBoolean()) {
      problems.add(new FieldProblem(field + ".isOffDay", text(offDayNode),
          "isOffDay 只能是 true（放假）或 false（周末调休上班）"));
    } else {
      offDay = offDayNode.booleanValue();
    }

    // harmless in effect (the day is a working day anyway), but almost always a mistyped date
    if (date != null && Boolean.FALSE.equals(offDay) && !WorkingCalendar.isWeekend(date)) {
      problems.add(new FieldProblem(field + ".isOffDay", false, date + " 是" + WEEKDAYS[date.getDayOfWeek().ordinal()]
          + "，本来就是工作日；isOffDay 为 false 只用于调休上班的周六、周日，请核对日期"));
    }
    return problems.size() == before ? new HolidayDay(date, name, offDay) : null;
  }

  private static InvalidInputException invalid(List<FieldProblem> problems) {
    return new InvalidInputException("节假日安排有 " + problems.size() + " 处错误，未保存任何内容。", problems);
  }

  private static boolean isMissing(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static Object text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}

package cn.duban.item;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.PlainText;

/**
 * The rules an item must satisfy to be issued, and the rules of its transitions (sign-for, extension …).
 * Plain code, unit-tested without the engine; messages are Chinese because people read them.
 */
public final class ItemRules {

  /** The longest 事项名称, for every way an item is issued (API, forms, list import). */
  public static final int TITLE_MAX = 200;
  /** The longest 工作要求 or report text. */
  public static final int TEXT_MAX = 4000;
  static final int REASON_MAX = 1000;

  private ItemRules() {
  }

  /** Checks a draft completely and reports every problem at once. */
  public static ValidItem validate(ItemDraft draft, LocalDate today, boolean allowPastDeadline, ItemDirectory directory) {
    // first, and alone: a control character (NUL) makes every other check of that field meaningless, and the
    // database would refuse it
    List<FieldProblem> problems = controlCharacters(draft);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("事项信息含有不可见的控制字符，未创建任何事项。", problems);
    }
    String title = trim(draft.title());
    if (title == null) {
      problems.add(new FieldProblem("title", draft.title(), "事项名称不能为空"));
    } else if (title.length() > TITLE_MAX) {
      problems.add(new FieldProblem("title", title, "事项名称不能超过 " + TITLE_MAX + " 个字"));
    }
    String requirement = trim(draft.requirement());
    if (requirement != null && requirement.length() > TEXT_MAX) {
      problems.add(new FieldProblem("requirement", null, "工作要求不能超过 " + TEXT_MAX + " 个字"));
    }
    String unitId = trim(draft.unitId());
    boolean unitKnown = false;
    if (unitId == null) {
      problems.add(new FieldProblem("unitId", draft.unitId(), "责任部门不能为空"));
    } else if (!directory.unitExists(unitId)) {
      problems.add(new FieldProblem("unitId", unitId, "责任部门「" + unitId + "」不存在"));
    } else {
      unitKnown = true;
    }
    String assignee = trim(draft.assignee());
    if (assignee != null) {
      if (!directory.userExists(assignee)) {
        problems.add(new FieldProblem("assignee", assignee, "责任人「" + assignee + "」不存在"));
      } else if (unitKnown && !directory.isMember(assignee, unitId)) {
        problems.add(new FieldProblem("assignee", assignee, "责任人" + person(directory, assignee) + "不是责任部门「"
            + directory.unitName(unitId) + "」的成员，请选择该部门的人员，或不指定责任人"));
      }
    }
    LinkedHashSet<String> coUnits = new LinkedHashSet<>();
    for (String raw : draft.coUnitIds()) {
      String coUnit = trim(raw);
      if (coUnit == null) {
        continue;
      }
      if (!directory.unitExists(coUnit)) {
        problems.add(new FieldProblem("coUnitIds", coUnit, "协办部门「" + coUnit + "」不存在"));
      } else if (coUnit.equals(unitId)) {
        problems.add(new FieldProblem("coUnitIds", coUnit, "协办部门不能与责任部门相同"));
      } else if (!coUnits.add(coUnit)) {
        problems.add(new FieldProblem("coUnitIds", coUnit, "协办部门「" + coUnit + "」重复"));
      }
    }
    String leaderId = trim(draft.leaderId());
    if (leaderId != null && !directory.isLeader(leaderId)) {
      problems.add(new FieldProblem("leaderId", leaderId, person(directory, leaderId) + "不是局领导，不能担任分管领导"));
    }
    LocalDate deadline = null;
    String deadlineText = trim(draft.deadline());
    if (deadlineText == null) {
      problems.add(new FieldProblem("deadline", draft.deadline(), "完成时限不能为空"));
    } else {
      deadline = parseDate(deadlineText).orElse(null);
      if (deadline == null) {
        problems.add(new FieldProblem("deadline", deadlineText, "完成时限不是有效日期，请写成 2026-12-31 的形式"));
      } else if (deadline.isBefore(today) && !allowPastDeadline) {
        problems.add(new FieldProblem("deadline", deadlineText, "完成时限不能早于今天（" + today + "）"));
      }
    }
    ReportingCycle cycle = null;
    String cycleText = trim(draft.reportingCycle());
    if (cycleText != null) {
      cycle = ReportingCycle.parse(cycleText).orElse(null);
      if (cycle == null) {
        problems.add(new FieldProblem("reportingCycle", cycleText, "反馈周期只能是 每周、每两周、每月、每季度 或留空"));
      }
    }
    String listCode = trim(draft.listCode());
    if (listCode != null && !directory.listExists(listCode)) {
      problems.add(new FieldProblem("listCode", listCode, "任务清单「" + listCode + "」不存在"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("事项信息有 " + problems.size() + " 处错误，未创建任何事项。", problems);
    }
    return new ValidItem(title, requirement, unitId, assignee, List.copyOf(coUnits), leaderId, deadline, cycle, listCode);
  }

  private static List<FieldProblem> controlCharacters(ItemDraft draft) {
    List<FieldProblem> problems = new ArrayList<>();
    PlainText.problem("title", draft.title(), "事项名称").ifPresent(problems::add);
    PlainText.problem("requirement", draft.requirement(), "工作要求").ifPresent(problems::add);
    PlainText.problem("unitId", draft.unitId(), "责任部门").ifPresent(problems::add);
    PlainText.problem("assignee", draft.assignee(), "责任人").ifPresent(problems::add);
    draft.coUnitIds().forEach(u -> PlainText.problem("coUnitIds", u, "协办部门").ifPresent(problems::add));
    PlainText.problem("leaderId", draft.leaderId(), "分管领导").ifPresent(problems::add);
    PlainText.problem("deadline", draft.deadline(), "完成时限").ifPresent(problems::add);
    PlainText.problem("reportingCycle", draft.reportingCycle(), "反馈周期").ifPresent(problems::add);
    PlainText.problem("listCode", draft.listCode(), "任务清单编号").ifPresent(problems::add);
    return problems;
  }

  /** 「李慧」（lihui）: a person as messages name them; just the id when it is all duban knows. */
  private static String person(ItemDirectory directory, String userId) {
    String name = directory.personName(userId);
    return name == null || name.equals(userId) ? "「" + userId + "」" : "「" + name + "」（" + userId + "）";
  }

  /** 延期申请: a reason, and a new date that is later than the current deadline and not before today. */
  public static LocalDate validateExtension(String reason, String newDate, LocalDate currentDeadline, LocalDate today) {
    List<FieldProblem> problems = new ArrayList<>();
    PlainText.problem("extensionReason", reason, "延期理由").ifPresent(problems::add);
    PlainText.problem("extensionDate", newDate, "延期后的完成时限").ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("延期申请有误：" + problems.get(0).message(), problems);
    }
    if (trim(reason) == null) {
      problems.add(new FieldProblem("extensionReason", reason, "请填写延期理由"));
    } else if (reason.length() > REASON_MAX) {
      problems.add(new FieldProblem("extensionReason", null, "延期理由不能超过 " + REASON_MAX + " 个字"));
    }
    LocalDate date = trim(newDate) == null ? null : parseDate(newDate.trim()).orElse(null);
    if (date == null) {
      problems.add(new FieldProblem("extensionDate", newDate, "请填写延期后的完成时限（如 2026-12-31）"));
    } else if (date.isBefore(today)) {
      problems.add(new FieldProblem("extensionDate", newDate, "延期后的完成时限不能早于今天（" + today + "）"));
    } else if (!date.isAfter(currentDeadline)) {
      problems.add(new FieldProblem("extensionDate", newDate, "延期后的完成时限必须晚于当前完成时限（" + currentDeadline + "）"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("延期申请有误：" + problems.get(0).message(), problems);
    }
    return date;
  }

  /** A decision must be one of the offered values; some decisions need a written reason. */
  public static void requireChoice(String field, Object value, String label, String... allowed) {
    if (value == null || java.util.Arrays.stream(allowed).noneMatch(a -> a.equals(value.toString()))) {
      throw new InvalidInputException(new FieldProblem(field, value, "请选择" + label));
    }
  }

  public static String requireText(String field, Object value, String label) {
    PlainText.require(field, value == null ? null : value.toString(), label);
    String text = value == null ? null : trim(value.toString());
    if (text == null) {
      throw new InvalidInputException(new FieldProblem(field, value, "请填写" + label));
    }
    if (text.length() > TEXT_MAX) {
      throw new InvalidInputException(new FieldProblem(field, null, label + "不能超过 " + TEXT_MAX + " 个字"));
    }
    return text;
  }

  /**
   * 2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日, as the calendar reads them; an ISO date-time (a REST caller's
   * date variable) keeps its date.
   */
  public static Optional<LocalDate> parseDate(String text) {
    return cn.duban.calendar.DeadlineText.parseDate(text);
  }

  /** The strings of a JSON list ("[\"A\",\"B\"]"); a text that is not one is refused as a wrong format. */
  static List<String> jsonList(String json) {
    try {
      List<String> values = new ArrayList<>();
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).forEach(node -> values.add(node.asText()));
      return values;
    } catch (java.io.IOException e) {
      throw new InvalidInputException(new FieldProblem("coUnitIds", json, "协办部门的格式不对"));
    }
  }

  static String trim(String value) {
    if (value == null) {
      return null;
    }
    String t = value.strip();
    return t.isEmpty() ? null : t;
  }
}

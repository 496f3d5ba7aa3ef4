package cn.duban.lists;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import cn.duban.calendar.DeadlineText;
import cn.duban.item.ItemDraft;
import cn.duban.item.ReportingCycle;
import cn.duban.system.web.PlainText;

/**
 * Checks a whole list before anything is created and reports every problem at once: each row must name an item, an
 * existing responsible unit and a deadline, and may name co-units, a responsible person of that unit, a leader in
 * charge and a reporting cycle. Names are resolved to ids, "N个工作日" to a date. The rules match
 * {@link cn.duban.item.ItemRules}, so every draft of a list that passes can be issued.
 */
public final class ListChecker {

  /** The item rules' limits: every row that passes can be issued. */
  static final int TITLE_MAX = cn.duban.item.ItemRules.TITLE_MAX;
  static final int TEXT_MAX = cn.duban.item.ItemRules.TEXT_MAX;
  /** The calendar's: more working days than this is not a deadline but a typing error. */
  static final int MAX_WORKING_DAYS = DeadlineText.MAX_WORKING_DAYS;
  private static final Pattern EXCEL_SERIAL = Pattern.compile("[2-7]\\d{4}");
  private static final Pattern SEPARATORS = Pattern.compile("[、,;\\s]+");

  private final ListDirectory directory;

  public ListChecker(ListDirectory directory) {
    this.directory = directory;
  }

  /** Reads and checks an uploaded file; a file that cannot be read comes back as a check with that one error. */
  public ListCheck check(byte[] content, String fileName, ListCheckOptions options) {
    ListSheet sheet;
    try {
      sheet = ListFileReader.read(content, fileName);
    } catch (ListFileRefusedException e) {
      return ListCheck.refused(e.problem());
    }
    return check(sheet, options);
  }

  public ListCheck check(ListSheet sheet, ListCheckOptions options) {
    ListHeader header = ListHeader.of(sheet);
    Problems problems = new Problems(header);
    problems.errors.addAll(header.errors);
    problems.warnings.addAll(sheet.warnings());
    problems.warnings.addAll(header.warnings);
    if (options.listCode() != null && options.listCode().length() > ListCheckOptions.LIST_CODE_MAX) {
      problems.errors.add(new ImportProblem(null, "清单编号", options.listCode(),
          "清单编号不能超过 " + ListCheckOptions.LIST_CODE_MAX + " 个字符。"));
    }
    List<CheckedRow> checked = new ArrayList<>();
    Map<String, Integer> firstRowOfItem = new HashMap<>();
    for (SheetRow row : sheet.rows()) {
      if (isEmptyItem(row, header)) {
        continue;
      }
      new RowCheck(row, header, options, problems, firstRowOfItem).run().ifPresent(checked::add);
    }
    if (checked.isEmpty() && problems.errors.isEmpty()) {
      problems.errors.add(ImportProblem.ofFile("清单中没有任何事项：表头以下的行除序号外都是空的。"));
    }
    List<ImportProblem> errors = problems.sorted(problems.errors);
    return new ListCheck(errors.isEmpty() ? checked : List.of(), errors, problems.sorted(problems.warnings));
  }

  /** Templates come with 序号 filled in for rows nobody used, and lists end with 注 lines in column A: not items. */
  private static boolean isEmptyItem(SheetRow row, ListHeader header) {
    for (ListColumn column : ListColumn.values()) {
      if (column.imported() && column != ListColumn.SERIAL && !header.cell(row, column).isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** Problems in reading order: the file first, then by row and, within a row, from left to right. */
  private static final class Problems {

    final ListHeader header;
    final List<ImportProblem> errors = new ArrayList<>();
    final List<ImportProblem> warnings = new ArrayList<>();

    Problems(ListHeader header) {
      this.header = header;
    }

    List<ImportProblem> sorted(List<ImportProblem> problems) {
      List<ImportProblem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparing((ImportProblem p) -> p.row() == null ? -1 : p.row())
          .thenComparing(p -> p.row() == null || p.row() == header.row ? 0 : header.position(p.column())));
      return sorted;
    }
  }

  /** The checks of one row; collects its problems and, when there are none, its draft. */
  private final class RowCheck {

    private final SheetRow row;
    private final ListHeader header;
    private final ListCheckOptions options;
    private final Problems problems;
    private final Map<String, Integer> firstRowOfItem;
    private boolean failed;

    RowCheck(SheetRow row, ListHeader header, ListCheckOptions options, Problems problems,
             Map<String, Integer> firstRowOfItem) {
      this.row = row;
      this.header = header;
      this.options = options;
      this.problems = problems;
      this.firstRowOfItem = firstRowOfItem;
    }

    Optional<CheckedRow> run() {
      controlCharacters();
      String title = title();
      String requirement = requirement();
      String unitText = text(ListColumn.UNIT);
      String unitId = unit(unitText);
      List<String> coUnitIds = coUnits(unitId);
      String assignee = assignee(unitText, unitId);
      String leader = leader();
      Deadline deadline = deadline();
      ReportingCycle cycle = reportingCycle();
      duplicate(title, unitText, unitId);
      warnAboutFormulas();
      // a required column missing from the header is reported once, for the header, and leaves the rows without a draft
      if (failed || title == null || unitId == null || deadline.date() == null) {
        return Optional.empty();
      }
      ItemDraft draft = new ItemDraft(title, requirement, unitId, assignee, coUnitIds, leader,
          deadline.date().toString(), cycle == null ? null : cycle.name(), options.listCode());
      return Optional.of(new CheckedRow(row.number(), text(ListColumn.SERIAL), text(ListColumn.REMARK),
          deadline.date(), deadline.workingDays(), draft));
    }

    private String title() {
      String title = text(ListColumn.TITLE);
      if (title == null) {
        if (header.has(ListColumn.TITLE)) {
          error(ListColumn.TITLE, null, "事项名称不能为空。");
        }
      } else if (title.length() > TITLE_MAX) {
        error(ListColumn.TITLE, title, "事项名称不能超过 " + TITLE_MAX + " 个字（现有 " + title.length() + " 个字）。");
      }
      return title;
    }

    private String requirement() {
      String requirement = text(ListColumn.REQUIREMENT);
      if (requirement != null && requirement.length() > TEXT_MAX) {
        error(ListColumn.REQUIREMENT, requirement,
            "工作要求不能超过 " + TEXT_MAX + " 个字（现有 " + requirement.length() + " 个字）。");
      }
      return requirement;
    }

    private String unit(String unitText) {
      if (unitText == null) {
        if (header.has(ListColumn.UNIT)) {
          error(ListColumn.UNIT, null, "责任部门不能为空。");
        }
        return null;
      }
      Optional<String> unitId = directory.unitIdByIdOrName(normalise(unitText));
      if (unitId.isEmpty()) {
        error(ListColumn.UNIT, unitText, "责任部门「" + unitText + "」不存在，请填写部门全称或部门代码。");
      }
      return unitId.orElse(null);
    }

    private List<String> coUnits(String unitId) {
      String text = text(ListColumn.CO_UNITS);
      Set<String> ids = new LinkedHashSet<>();
      if (text == null) {
        return List.of();
      }
      for (String name : SEPARATORS.split(normalise(text))) {
        if (name.isEmpty()) {
          continue;
        }
        Optional<String> id = directory.unitIdByIdOrName(name);
        if (id.isEmpty()) {
          error(ListColumn.CO_UNITS, name, "协办部门「" + name + "」不存在，请填写部门全称或部门代码。");
        } else if (id.get().equals(unitId)) {
          error(ListColumn.CO_UNITS, name, "协办部门「" + name + "」与责任部门相同。");
        } else if (!ids.add(id.get())) {
          error(ListColumn.CO_UNITS, name, "协办部门「" + name + "」重复。");
        }
      }
      return List.copyOf(ids);
    }

    private String assignee(String unitText, String unitId) {
      String name = text(ListColumn.ASSIGNEE);
      if (name == null) {
        return null;
      }
      List<String> candidates = directory.userIdsByIdOrName(normalise(name));
      if (candidates.isEmpty()) {
        error(ListColumn.ASSIGNEE, name, "责任人「" + name + "」不存在，请填写姓名或用户名。");
        return null;
      }
      if (unitId == null) {
        // the unit is missing or unknown and already reported; whose member the person is cannot be told
        return candidates.size() == 1 ? candidates.get(0) : null;
      }
      return pick(ListColumn.ASSIGNEE, name, candidates, id -> directory.isMember(id, unitId),
          "责任人「" + name + "」不是责任部门「" + unitText + "」的成员。",
          "责任部门「" + unitText + "」中有 %d 人名为「" + name + "」，请填写用户名（%s）。");
    }

    private String leader() {
      String name = text(ListColumn.LEADER);
      if (name == null) {
        return null;
      }
      List<String> candidates = directory.userIdsByIdOrName(normalise(name));
      if (candidates.isEmpty()) {
        error(ListColumn.LEADER, name, "分管领导「" + name + "」不存在，请填写姓名或用户名。");
        return null;
      }
      return pick(ListColumn.LEADER, name, candidates, directory::isLeader,
          "「" + name + "」不是局领导，不能担任分管领导。",
          "局领导中有 %d 人名为「" + name + "」，请填写用户名（%s）。");
    }

    /** Of the people a name may mean, the one who fits; namesakes who do not fit are no ambiguity. */
    private String pick(ListColumn column, String name, List<String> candidates, Predicate<String> fits,
                        String noneFits, String severalFit) {
      List<String> fitting = candidates.stream().filter(fits).toList();
      if (fitting.size() == 1) {
        return fitting.get(0);
      }
      if (fitting.isEmpty()) {
        error(column, name, noneFits);
      } else {
        error(column, name, String.format(severalFit, fitting.size(), String.join("、", fitting)));
      }
      return null;
    }

    private Deadline deadline() {
      SheetCell cell = header.cell(row, ListColumn.DEADLINE);
      String text = text(ListColumn.DEADLINE);
      if (text == null) {
        if (header.has(ListColumn.DEADLINE)) {
          error(ListColumn.DEADLINE, null, "完成时限不能为空。");
        }
        return Deadline.NONE;
      }
      Deadline deadline = parseDeadline(cell, text);
      if (deadline.date() != null && deadline.date().isBefore(options.issueDate()) && !options.allowPastDeadlines()) {
        error(ListColumn.DEADLINE, text,
            "完成时限 " + deadline.date() + " 早于下发日期 " + options.issueDate() + "。");
      }
      return deadline;
    }

    private Deadline parseDeadline(SheetCell cell, String text) {
      if (cell.date() != null) {
        return new Deadline(cell.date(), null);
      }
      if (cell.formula() || text.startsWith("=")) {
        error(ListColumn.DEADLINE, text, "完成时限是公式，导入时不计算公式，请直接填写日期（如 2026-12-31）或“N个工作日”。");
        return Deadline.NONE;
      }
      // the forms of a deadline are the calendar's (DeadlineText); the explanations are the import's
      DeadlineText.Reading reading = DeadlineText.read(text);
      if (reading instanceof DeadlineText.Days days) {
        return workingDays(text, days.workingDays());
      }
      if (reading instanceof DeadlineText.Day day) {
        return new Deadline(day.date(), null);
      }
      if (reading instanceof DeadlineText.NoSuchDay) {
        error(ListColumn.DEADLINE, text, "完成时限「" + text + "」不是有效日期。");
        return Deadline.NONE;
      }
      if (EXCEL_SERIAL.matcher(normalise(text)).matches()) {
        error(ListColumn.DEADLINE, text, "完成时限「" + text + "」是一个数字，不是日期：请把该单元格设置为日期格式，或写成 2026-12-31 的形式。");
      } else {
        error(ListColumn.DEADLINE, text, "完成时限「" + text + "」无法识别，请写成日期（如 2026-12-31、2026年12月31日）或“N个工作日”。");
      }
      return Deadline.NONE;
    }

    private Deadline workingDays(String text, int days) {
      if (days < 1 || days > MAX_WORKING_DAYS) {
        error(ListColumn.DEADLINE, text, "完成时限的工作日数必须在 1 到 " + MAX_WORKING_DAYS + " 之间。");
        return Deadline.NONE;
      }
      LocalDate date;
      try {
        date = directory.addWorkingDays(options.issueDate(), days);
      } catch (RuntimeException e) {
        // typically a year whose holiday arrangement is not published yet: say so, never guess
        error(ListColumn.DEADLINE, text, "无法按工作日计算完成时限：" + e.getMessage());
        return Deadline.NONE;
      }
      directory.workingDaysCaveat(options.issueDate(), date).ifPresent(caveat ->
          warning(ListColumn.DEADLINE, text, "完成时限按工作日推算为 " + date + "，" + caveat));
      return new Deadline(date, days);
    }

    private ReportingCycle reportingCycle() {
      String text = text(ListColumn.REPORTING_CYCLE);
      if (text == null) {
        return null;
      }
      Optional<ReportingCycle> cycle = ReportingCycle.parse(normalise(text));
      if (cycle.isEmpty()) {
        error(ListColumn.REPORTING_CYCLE, text, "反馈周期「" + text + "」无效，只能是 每周、每两周、每月、每季度 或留空。");
      }
      return cycle.orElse(null);
    }

    private void duplicate(String title, String unitText, String unitId) {
      if (title == null || unitText == null) {
        return;
      }
      String key = normalise(title) + '\u0000' + (unitId != null ? unitId : normalise(unitText));
      Integer first = firstRowOfItem.putIfAbsent(key, row.number());
      if (first != null) {
        error(ListColumn.TITLE, title, "与" + header.addressing.row(first) + "重复（事项名称和责任部门都相同）。");
      }
    }

    /** An Excel formula is imported as its text; the office should know that no result was computed. */
    private void warnAboutFormulas() {
      for (ListColumn column : ListColumn.values()) {
        SheetCell cell = header.cell(row, column);
        if (cell.formula() && column.imported() && column != ListColumn.SERIAL && column != ListColumn.DEADLINE) {
          problems.warnings.add(header.addressing.at(row.number(), column.label(), cell.text(),
              "该单元格是公式，已按公式原文导入，没有计算公式的结果。"));
        }
      }
    }

    /**
     * A cell with a control character (NUL, which an .xlsx can carry as {@code _x0000_} and a CSV as a byte) fails
     * the row; the other checks read the cell without those characters.
     */
    private void controlCharacters() {
      for (ListColumn column : ListColumn.values()) {
        String text = header.cell(row, column).text();
        if (column.imported() && PlainText.hasControlCharacters(text)) {
          error(column, PlainText.visible(text), "「" + column.label() + "」含有不可见的控制字符（如 NUL），请删除后重新导入。");
        }
      }
    }

    private String text(ListColumn column) {
      return SheetCell.clean(PlainText.strip(header.cell(row, column).text()));
    }

    private void warning(ListColumn column, String value, String reason) {
      problems.warnings.add(header.addressing.at(row.number(), column.label(), value, reason));
    }

    private void error(ListColumn column, String value, String reason) {
      failed = true;
      problems.errors.add(header.addressing.at(row.number(), column.label(), value, reason));
    }
  }

  /** A resolved 完成时限; {@code workingDays} is N when it was written as "N个工作日". */
  private record Deadline(LocalDate date, Integer workingDays) {
    static final Deadline NONE = new Deadline(null, null);
  }

  /** What people type in Chinese input mode: full-width digits, letters, commas and spaces. */
  static String normalise(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
  }
}

package cn.duban.lists;

import cn.duban.system.web.FieldProblem;

/**
 * One thing wrong with, or worth knowing about, an uploaded list: the row (its number, and its name as the office
 * finds it: {@code 第 5 行} in a spreadsheet, {@code 表格第 5 行} in a Word table), the column by its Chinese header,
 * the value found and the reason in Chinese. {@code row} is null when the problem concerns the file as a whole (too
 * large, not a spreadsheet …); {@code column} is null when no column is concerned. Serialises as
 * {@code {"row": 5, "rowName": "第 5 行", "column": "责任部门", "value": "稽查科", "reason": "责任部门「稽查科」不存在…"}}.
 */
public record ImportProblem(Integer row, String rowName, String column, String value, String reason) {

  /** Problems echo what was found, but a 4,000-character 工作要求 is not worth sending back whole. */
  static final int VALUE_ECHO_MAX = 100;

  public ImportProblem {
    if (value != null && value.length() > VALUE_ECHO_MAX) {
      value = value.substring(0, VALUE_ECHO_MAX) + "…";
    }
  }

  /** A problem in a spreadsheet's row (or of the file, when {@code row} is null). */
  public ImportProblem(Integer row, String column, String value, String reason) {
    this(row, row == null ? null : Addressing.SHEET.row(row), column, value, reason);
  }

  public static ImportProblem ofFile(String reason) {
    return new ImportProblem(null, null, null, reason);
  }

  /** A problem in a spreadsheet's row; {@link Addressing#at} for a Word table's. */
  public static ImportProblem at(int row, String column, String value, String reason) {
    return Addressing.SHEET.at(row, column, value, reason);
  }

  /** Where, as a person would say it: {@code 第 5 行 责任部门}, {@code 表格第 2 行}, {@code 文件}. */
  public String location() {
    if (rowName == null) {
      return column == null ? "文件" : column;
    }
    return rowName + (column == null ? "" : " " + column);
  }

  /** The same problem in the shape of duban's other input errors ({@code errors[]} of a 422 answer). */
  public FieldProblem toFieldProblem() {
    return new FieldProblem(location(), value, reason);
  }
}

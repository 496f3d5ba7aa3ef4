package cn.duban.lists;

import java.util.List;

import cn.duban.item.ItemDraft;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * The outcome of checking a list: either every row, ready to be issued, or every error found (and then no rows, so
 * that nothing can be issued from a list with mistakes). Warnings come in both cases and never block the import.
 */
public record ListCheck(List<CheckedRow> rows, List<ImportProblem> errors, List<ImportProblem> warnings) {

  public ListCheck {
    rows = List.copyOf(rows);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    if (!errors.isEmpty() && !rows.isEmpty()) {
      throw new IllegalArgumentException("A list with errors has no rows to issue");
    }
  }

  static ListCheck refused(ImportProblem problem) {
    return new ListCheck(List.of(), List.of(problem), List.of());
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public List<ItemDraft> drafts() {
    return rows.stream().map(CheckedRow::draft).toList();
  }

  /** One sentence for the office: {@code 清单共 20 个事项，检查通过。} or {@code 清单有 12 处错误，未创建任何事项。} */
  public String summary() {
    if (ok()) {
      return "清单共 " + rows.size() + " 个事项，检查通过" + (warnings.isEmpty() ? "。" : "，另有 " + warnings.size() + " 条提示。");
    }
    if (errors.size() == 1 && errors.get(0).row() == null) {
      return "清单无法导入：" + errors.get(0).reason() + "未创建任何事项。";
    }
    return "清单有 " + errors.size() + " 处错误，未创建任何事项。";
  }

  /** The errors as duban's usual 422 answer (field {@code 第 5 行 责任部门}, {@code 表格第 5 行 责任部门}, value, message). */
  public InvalidInputException toException() {
    if (ok()) {
      throw new IllegalStateException("The list has no errors");
    }
    List<FieldProblem> problems = errors.stream().map(ImportProblem::toFieldProblem).toList();
    return new InvalidInputException(summary(), problems);
  }

  /** The rows to issue, or the errors thrown as {@link InvalidInputException}. */
  public List<CheckedRow> rowsOrThrow() {
    if (!ok()) {
      throw toException();
    }
    return rows;
  }
}

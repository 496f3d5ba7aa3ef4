package cn.duban.lists;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Which column of the file holds what, from the header row; order of the columns is free. */
final class ListHeader {

  final int row;
  /** How the file names its rows and columns: a sheet's, or a Word table's. */
  final Addressing addressing;
  private final Map<ListColumn, Integer> columns = new EnumMap<>(ListColumn.class);
  final List<ImportProblem> errors = new ArrayList<>();
  final List<ImportProblem> warnings = new ArrayList<>();

  private ListHeader(int row, Addressing addressing) {
    this.row = row;
    this.addressing = addressing;
  }

  static ListHeader of(ListSheet sheet) {
    SheetRow header = sheet.header();
    Addressing at = sheet.addressing();
    ListHeader mapped = new ListHeader(header.number(), at);
    Map<ListColumn, Integer> seen = new EnumMap<>(ListColumn.class);
    header.cells().forEach((index, cell) -> {
      String text = cell.trimmed();
      Optional<ListColumn> column = ListColumn.forHeader(text);
      if (column.isEmpty()) {
        mapped.warnings.add(at.at(header.number(), text, null,
            "无法识别列「" + text + "」（" + at.column(index) + "），导入时忽略该列。"));
      } else if (seen.containsKey(column.get())) {
        if (column.get().imported()) {
          mapped.errors.add(at.at(header.number(), column.get().label(), text, "「" + column.get().label()
              + "」列出现了两次（" + at.column(seen.get(column.get())) + "和" + at.column(index) + "），请删除或改名其中一列。"));
        }
      } else {
        seen.put(column.get(), index);
        if (column.get().imported()) {
          mapped.columns.put(column.get(), index);
        }
      }
    });
    for (ListColumn column : ListColumn.values()) {
      if (column.required() && !mapped.columns.containsKey(column)) {
        mapped.errors.add(at.at(header.number(), column.label(), null,
            "缺少必填列「" + column.label() + "」，请在表头（" + at.row(header.number()) + "）中加上这一列。"));
      }
    }
    Set<Integer> unnamed = new TreeSet<>();
    for (SheetRow row : sheet.rows()) {
      row.cells().forEach((index, cell) -> {
        if (!header.cells().containsKey(index) && !cell.isBlank()) {
          unnamed.add(index);
        }
      });
    }
    for (int index : unnamed) {
      mapped.warnings.add(at.at(header.number(), at.column(index), null,
          at.column(index) + "有内容但没有列名，导入时忽略该列。"));
    }
    return mapped;
  }

  boolean has(ListColumn column) {
    return columns.containsKey(column);
  }

  /** The cell of a row in a column; blank when the file has no such column. */
  SheetCell cell(SheetRow row, ListColumn column) {
    Integer index = columns.get(column);
    return index == null ? SheetCell.BLANK : row.cell(index);
  }

  /** Position of a column in the file, to report a row's problems from left to right. */
  int position(String columnLabel) {
    if (columnLabel == null) {
      return -1;
    }
    return ListColumn.forHeader(columnLabel).map(columns::get).orElse(Integer.MAX_VALUE);
  }
}

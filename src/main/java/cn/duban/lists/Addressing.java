package cn.duban.lists;

import org.apache.poi.ss.util.CellReference;

/**
 * How the office finds a row or column of its file again: in a spreadsheet as Excel, WPS and LibreOffice number them
 * ({@code 第 5 行}, {@code 第 C 列}); in a Word table by counting the table's rows and columns from 1, header included
 * ({@code 表格第 5 行}, {@code 第 3 列}), since Word shows no numbers.
 */
public enum Addressing {
  SHEET,
  TABLE;

  String row(int number) {
    return (this == TABLE ? "表格第 " : "第 ") + number + " 行";
  }

  /** @param index 0-based */
  String column(int index) {
    return "第 " + (this == TABLE ? String.valueOf(index + 1) : CellReference.convertNumToColString(index)) + " 列";
  }

  ImportProblem at(int row, String column, String value, String reason) {
    return new ImportProblem(row, row(row), column, value, reason);
  }
}

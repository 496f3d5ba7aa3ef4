package cn.duban.lists;

import java.util.List;

/**
 * A list file as read: the header row, the non-blank rows below it (at most {@link ListFileReader#MAX_ROWS}) and
 * what the reader thinks the office should know (e.g. which sheet or table it read). Nothing is checked yet.
 *
 * @param sheetName the sheet read, null for a CSV file or a Word document
 * @param addressing how the rows are named to the office: a sheet's rows, or a Word table's
 */
public record ListSheet(String sheetName, SheetRow header, List<SheetRow> rows, List<ImportProblem> warnings,
                        Addressing addressing) {

  public ListSheet {
    rows = List.copyOf(rows);
    warnings = List.copyOf(warnings);
  }

  public ListSheet(String sheetName, SheetRow header, List<SheetRow> rows, List<ImportProblem> warnings) {
    this(sheetName, header, rows, warnings, Addressing.SHEET);
  }
}

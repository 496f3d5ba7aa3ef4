package cn.duban.lists;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One row of a list: its number as Excel shows it (1-based, every row above counted, blank ones too) and its
 * non-blank cells by column index (0 = column A). Sparse, so a stray value in column XFD costs nothing.
 */
public record SheetRow(int number, SortedMap<Integer, SheetCell> cells) {

  public SheetRow {
    cells = Collections.unmodifiableSortedMap(new TreeMap<>(cells));
  }

  public static SheetRow of(int number, Map<Integer, SheetCell> cells) {
    return new SheetRow(number, new TreeMap<>(cells));
  }

  /** The cell in a column, {@link SheetCell#BLANK} when empty. */
  public SheetCell cell(int column) {
    return cells.getOrDefault(column, SheetCell.BLANK);
  }

  public boolean isBlank() {
    return cells.values().stream().allMatch(SheetCell::isBlank);
  }

  /** The same row with a cell put in a column (a value merged down from the row above). */
  SheetRow with(int column, SheetCell cell) {
    TreeMap<Integer, SheetCell> changed = new TreeMap<>(cells);
    changed.put(column, cell);
    return new SheetRow(number, changed);
  }
}

package cn.duban.lists;

import java.text.Normalizer;
import java.util.List;
import java.util.Optional;

import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.NumberToTextConverter;

/**
 * What the .xlsx and the .xls (and WPS .et) readers share, so that a list reads the same whichever format it was
 * saved in: which sheet is read, when a number is a date, and how a number reads as text.
 */
final class WorkbookCells {

  private WorkbookCells() {
  }

  /** The sheet named {@link ListFileReader#SHEET_NAME}, otherwise the first. */
  static int chooseSheet(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      if (isListSheet(names.get(i))) {
        return i;
      }
    }
    return 0;
  }

  /** Tells the office which sheet was read when it had several and none was named 任务清单. */
  static Optional<ImportProblem> sheetWarning(List<String> names, int chosen) {
    if (names.size() <= 1 || isListSheet(names.get(chosen))) {
      return Optional.empty();
    }
    return Optional.of(ImportProblem.ofFile("工作簿有 " + names.size() + " 个工作表，没有名为“" + ListFileReader.SHEET_NAME
        + "”的工作表，已读取第一个工作表「" + names.get(chosen) + "」。"));
  }

  private static boolean isListSheet(String name) {
    String n = SheetCell.clean(Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKC));
    return ListFileReader.SHEET_NAME.equals(n);
  }

  /** Whether a number format shows a date, including the Chinese built-in formats POI does not know. */
  static boolean isDateFormat(int formatId, String format) {
    return isChineseBuiltInDate(formatId) || (format != null && DateUtil.isADateFormat(formatId, format));
  }

  /**
   * Excel and WPS in Chinese write dates such as {@code 2026年12月31日} with the built-in format ids 27–36 and 50–58,
   * which the file does not spell out and POI does not know: all of them show dates or times.
   */
  static boolean isChineseBuiltInDate(int formatId) {
    return (formatId >= 27 && formatId <= 36) || (formatId >= 50 && formatId <= 58);
  }

  /** A number cell: a date when its format shows one, otherwise the number as Excel shows it (no {@code .0}). */
  static SheetCell number(double value, boolean dateFormat, boolean date1904) {
    // a value below 1 in a date format is a time of day, not a date
    if (value >= 1 && dateFormat && DateUtil.isValidExcelDate(value)) {
      return SheetCell.ofDate(DateUtil.getLocalDateTime(value, date1904).toLocalDate());
    }
    return SheetCell.ofText(NumberToTextConverter.toText(value));
  }
}

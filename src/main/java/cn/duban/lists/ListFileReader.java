package cn.duban.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an uploaded list file into a {@link ListSheet}: the office's own Excel sheet (.xlsx, as saved by Excel or WPS)
 * or a CSV file (UTF-8 with or without BOM, or GBK/GB18030 as Excel saves it on Chinese Windows; detected, not asked).
 * Nothing is evaluated and nothing is checked beyond what makes a file readable; a file that cannot be read is refused
 * with a {@link ListFileRefusedException} whose problem says why in Chinese.
 */
public final class ListFileReader {

  public static final long MAX_BYTES = 10L * 1024 * 1024;
  public static final int MAX_ROWS = 5_000;
  /** The sheet read when a workbook has several; otherwise the first sheet is read. */
  public static final String SHEET_NAME = "任务清单";
  /** Lists often carry a title row (and a blank row) above the header; the header is looked for this far down. */
  static final int HEADER_SEARCH_ROWS = 10;

  private ListFileReader() {
  }

  /**
   * @param content the file's bytes
   * @param fileName the name it was uploaded with; only its extension is used
   * @throws ListFileRefusedException when the file is empty, too large, of another type, unreadable, has no rows below
   *     its header or more than {@link #MAX_ROWS} of them
   */
  public static ListSheet read(byte[] content, String fileName) {
    String extension = extension(fileName);
    if (!extension.equals("xlsx") && !extension.equals("csv")) {
      throw refused(unsupported(extension));
    }
    if (content == null || content.length == 0) {
      throw refused("文件是空的（0 字节），请选择填写好的任务清单。");
    }
    if (content.length > MAX_BYTES) {
      // rounded up, so that a file just over the limit does not read as "10.0 MB, over 10 MB"
      double megabytes = Math.ceil(content.length / (1024.0 * 1024.0) * 10) / 10;
      throw refused(String.format(Locale.ROOT, "文件大小为 %.1f MB，超过了 10 MB 的上限，请删除无关的工作表、图片后再导入，或拆分为几个文件。",
          megabytes));
    }
    RowCollector rows = new RowCollector(MAX_ROWS + HEADER_SEARCH_ROWS);
    List<ImportProblem> warnings = new ArrayList<>();
    String sheetName = null;
    if (extension.equals("xlsx")) {
      sheetName = XlsxListReader.read(content, rows, warnings);
    } else {
      CsvListReader.read(content, rows);
    }
    return sheet(sheetName, rows, warnings);
  }

  private static ListSheet sheet(String sheetName, RowCollector collected, List<ImportProblem> warnings) {
    List<SheetRow> rows = collected.rows();
    if (rows.isEmpty()) {
      throw refused(sheetName == null ? "文件中没有任何内容。" : "工作表「" + sheetName + "」中没有任何内容。");
    }
    int headerIndex = headerIndex(rows);
    int dataRows = collected.count() - headerIndex - 1;
    if (dataRows == 0) {
      throw refused("清单只有表头（第 " + rows.get(headerIndex).number() + " 行），没有任何事项。");
    }
    if (dataRows > MAX_ROWS) {
      throw refused("清单有 " + dataRows + " 行，超过了一次最多导入 " + MAX_ROWS + " 行的上限，请拆分为几个文件分批导入。");
    }
    return new ListSheet(sheetName, rows.get(headerIndex), rows.subList(headerIndex + 1, rows.size()), warnings);
  }

  /**
   * The header is the first non-blank row, unless that row names fewer than two known columns and one of the next
   * rows names at least two: then the rows above it are a title (《…任务清单》) and are skipped.
   */
  static int headerIndex(List<SheetRow> rows) {
    for (int i = 0; i < Math.min(HEADER_SEARCH_ROWS, rows.size()); i++) {
      long known = rows.get(i).cells().values().stream()
          .filter(cell -> ListColumn.forHeader(cell.text()).isPresent()).count();
      if (known >= 2) {
        return i;
      }
    }
    return 0;
  }

  private static String extension(String fileName) {
    if (fileName == null) {
      return "";
    }
    String name = fileName.strip();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String unsupported(String extension) {
    return switch (extension) {
      case "xls" -> "不支持旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。";
      case "et", "ett" -> "不支持 WPS 表格（.et）文件，请在 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。";
      case "xlsm", "xltx", "xlsb" -> "不支持 ." + extension + " 文件，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。";
      case "" -> "文件没有扩展名，只能导入 Excel 工作簿（.xlsx）或 CSV 文件。";
      default -> "不支持 ." + extension + " 文件，只能导入 Excel 工作簿（.xlsx）或 CSV 文件。";
    };
  }

  static ListFileRefusedException refused(String reason) {
    return new ListFileRefusedException(ImportProblem.ofFile(reason));
  }

  /** Keeps the non-blank rows, up to a limit, and counts all of them so that a long file can be refused by number. */
  static final class RowCollector {

    private final int keep;
    private final List<SheetRow> rows = new ArrayList<>();
    private int count;

    RowCollector(int keep) {
      this.keep = keep;
    }

    void accept(SheetRow row) {
      if (row.isBlank()) {
        return;
      }
      count++;
      if (rows.size() < keep) {
        rows.add(row);
      }
    }

    List<SheetRow> rows() {
      return rows;
    }

    int count() {
      return count;
    }
  }
}

package cn.duban.lists;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDecimalNumber;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTrPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the 任务清单 table of a Word document (.docx), as a 通知 carries it: the first table of the document's body
 * whose header row names at least two of the list's required columns (the same headers, with the same tolerance, as
 * a spreadsheet's) is the list; other tables and all text outside it are ignored. Rows are numbered as the table's
 * rows counted from 1 ({@code 表格第 5 行}); columns by the table's grid, so that a cell spanning two columns does
 * not shift the ones after it. A cell merged down a column (one 责任部门 or 分管领导 for several rows) gives its value to
 * every row it spans; paragraphs and line breaks inside a cell are kept as line breaks.
 */
final class DocxListReader {

  private static final Logger log = LoggerFactory.getLogger(DocxListReader.class);

  /** Headers of required columns a table must name to be taken for the list. */
  static final int REQUIRED_HEADERS = 2;
  /** A span no real table has; bounds what a crafted one can do to column numbers. */
  private static final int MAX_SPAN = 100;

  private DocxListReader() {
  }

  static void read(OPCPackage pkg, ListFileReader.RowCollector rows, List<ImportProblem> warnings) {
    List<XWPFTable> tables;
    try {
      @SuppressWarnings("resource") // the package is the caller's to close
      XWPFDocument document = new XWPFDocument(pkg);
      tables = document.getTables();
    } catch (Exception e) {
      log.info("Uploaded .docx list could not be read: {}", e.toString());
      throw new ListFileRefusedException(ImportProblem.ofFile("无法读取该 Word 文档：文件已损坏，或不是 Word 文档。"
          + "请在 Word 或 WPS 中打开该文档，“另存为” Word 文档（*.docx）后再导入。"), e);
    }
    for (int t = 0; t < tables.size(); t++) {
      List<XWPFTableRow> tableRows = tables.get(t).getRows();
      int header = headerRow(tableRows);
      if (header < 0) {
        continue;
      }
      if (tables.size() > 1) {
        warnings.add(ImportProblem.ofFile("文档中有 " + tables.size() + " 个表格，已读取第 " + (t + 1)
            + " 个表格（表头含有任务清单的列）；其他表格和表格以外的文字不导入。"));
      }
      read(tableRows, header, rows);
      return;
    }
    String columns = Arrays.stream(ListColumn.values()).filter(ListColumn::imported)
        .map(c -> c.label() + (c.required() ? "*" : "")).collect(Collectors.joining("、"));
    String required = Arrays.stream(ListColumn.values()).filter(ListColumn::required)
        .map(c -> "“" + c.label() + "”").collect(Collectors.joining(""));
    throw ListFileReader.refused((tables.isEmpty() ? "文档中没有表格，找不到任务清单。"
        : "文档中的 " + tables.size() + " 个表格都不是任务清单：没有一个表格的表头含有" + required + "中的至少 "
            + REQUIRED_HEADERS + " 列。")
        + "任务清单须是 Word 表格，表头写明：" + columns + "（*为必填）。");
  }

  /** The index of the row naming the list's columns among a table's first rows, -1 when none does. */
  private static int headerRow(List<XWPFTableRow> tableRows) {
    for (int r = 0; r < Math.min(ListFileReader.HEADER_SEARCH_ROWS, tableRows.size()); r++) {
      long required = cells(tableRows.get(r)).values().stream()
          .map(cell -> ListColumn.forHeader(cell.text()))
          .flatMap(java.util.Optional::stream).filter(ListColumn::required).distinct().count();
      if (required >= REQUIRED_HEADERS) {
        return r;
      }
    }
    return -1;
  }

  /** From the header row on: a title row above it inside the table is not part of the list. */
  private static void read(List<XWPFTableRow> tableRows, int header, ListFileReader.RowCollector rows) {
    // the value of a cell merged down each grid column, while the merge lasts
    Map<Integer, SheetCell> mergedDown = new HashMap<>();
    for (int r = header; r < tableRows.size(); r++) {
      XWPFTableRow row = tableRows.get(r);
      Map<Integer, SheetCell> own = new TreeMap<>();
      Map<Integer, SheetCell> merged = new TreeMap<>();
      int column = gridBefore(row);
      for (XWPFTableCell cell : row.getTableCells()) {
        CTTcPr properties = cell.getCTTc().getTcPr();
        SheetCell value = SheetCell.ofText(text(cell));
        if (properties != null && properties.isSetVMerge()) {
          var merge = properties.getVMerge();
          if (merge.isSetVal() && merge.getVal() == STMerge.RESTART) {
            mergedDown.put(column, value);
          } else {
            // a continuation: Word shows the first cell's text over the whole merged height
            merged.put(column, mergedDown.getOrDefault(column, SheetCell.BLANK));
            value = SheetCell.BLANK;
          }
        } else {
          mergedDown.remove(column);
        }
        if (!value.isBlank()) {
          own.put(column, value);
        }
        column += span(properties);
      }
      // a row with nothing of its own is an empty row, as in a spreadsheet, whatever is merged over it
      if (!own.isEmpty()) {
        merged.forEach((c, value) -> {
          if (!value.isBlank()) {
            own.put(c, value);
          }
        });
      }
      rows.accept(SheetRow.of(r + 1, own));
    }
  }

  /** A row's cells by grid column, without merges: enough to recognise a header. */
  private static Map<Integer, SheetCell> cells(XWPFTableRow row) {
    Map<Integer, SheetCell> cells = new TreeMap<>();
    int column = gridBefore(row);
    for (XWPFTableCell cell : row.getTableCells()) {
      cells.put(column, SheetCell.ofText(text(cell)));
      column += span(cell.getCTTc().getTcPr());
    }
    return cells;
  }

  /** The cell's paragraphs, one line each; a line break inside a paragraph is kept too. */
  private static String text(XWPFTableCell cell) {
    List<String> paragraphs = new ArrayList<>();
    cell.getParagraphs().forEach(p -> paragraphs.add(p.getText()));
    return String.join("\n", paragraphs);
  }

  /** Grid columns a row leaves empty before its first cell (rows of uneven tables). */
  private static int gridBefore(XWPFTableRow row) {
    CTTrPr properties = row.getCtRow().getTrPr();
    return properties == null || properties.sizeOfGridBeforeArray() == 0 ? 0
        : bounded(properties.getGridBeforeArray(0), 0);
  }

  private static int span(CTTcPr properties) {
    return properties == null || !properties.isSetGridSpan() ? 1 : bounded(properties.getGridSpan(), 1);
  }

  /** A count of grid columns, at least {@code least} and at most {@link #MAX_SPAN}. */
  private static int bounded(CTDecimalNumber number, int least) {
    BigInteger value = number == null ? null : number.getVal();
    return value == null ? least : value.max(BigInteger.valueOf(least)).min(BigInteger.valueOf(MAX_SPAN)).intValue();
  }
}

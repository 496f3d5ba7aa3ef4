package cn.duban.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.eventusermodel.EventWorkbookBuilder.SheetRecordCollectingListener;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.model.HSSFFormulaParser;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MergeCellsRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.SharedFormulaRecord;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.formula.ptg.ExpPtg;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellRangeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one sheet of an Excel 97–2003 workbook (BIFF8 in an OLE2 compound file: .xls as Excel, WPS and LibreOffice
 * save it, and WPS's own .et, which is the same format) record by record (POI's HSSF event API), as the .xlsx reader
 * streams its XML: the whole workbook is never built in memory. Cells read as they do from .xlsx: dates by their
 * number format, numbers without {@code .0}, formulas as their text and never their cached result.
 */
final class XlsListReader {

  private static final Logger log = LoggerFactory.getLogger(XlsListReader.class);

  static final String DAMAGED = "无法读取该 Excel 文件：文件已损坏，或不是 Excel 97–2003 工作簿（.xls）。"
      + "请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。";
  /** The BIFF8 workbook stream, as Excel, WPS and other writers spell it (POI's list). */
  private static final List<String> WORKBOOK_STREAMS = List.of("Workbook", "WORKBOOK", "BOOK", "WorkBook");

  private XlsListReader() {
  }

  /** Feeds the chosen sheet's rows to {@code rows}, its cells merged down a column to each row; returns its name. */
  static String read(POIFSFileSystem fs, ListFileReader.RowCollector rows, List<ImportProblem> warnings) {
    DirectoryNode root = fs.getRoot();
    if (WORKBOOK_STREAMS.stream().noneMatch(root::hasEntry)) {
      throw ListFileReader.refused(root.hasEntry("Book")
          ? "该文件是 Excel 5.0/95 的旧格式，无法读取。请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。"
          : "无法识别该文件：它是 Office 的二进制文件，但不是 Excel 工作簿或 WPS 表格。"
              + "请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。");
    }
    SheetListener sheet = new SheetListener(rows);
    try {
      HSSFRequest request = new HSSFRequest();
      request.addListenerForAllRecords(sheet.listener());
      new HSSFEventFactory().processWorkbookEvents(request, fs);
    } catch (ListFileRefusedException e) {
      throw e;
    } catch (EncryptedDocumentException e) {
      throw new ListFileRefusedException(ImportProblem.ofFile(ListFileReader.PASSWORD), e);
    } catch (OldExcelFormatException e) {
      throw new ListFileRefusedException(ImportProblem.ofFile(
          "该文件是 Excel 95 或更早的旧格式，无法读取。请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。"), e);
    } catch (Exception e) {
      // POI reports broken records, short streams and unknown structures with assorted runtime exceptions
      log.info("Uploaded .xls list could not be read: {}", e.toString());
      throw new ListFileRefusedException(ImportProblem.ofFile(DAMAGED), e);
    }
    if (sheet.names.isEmpty()) {
      throw ListFileReader.refused("工作簿中没有工作表。");
    }
    WorkbookCells.sheetWarning(sheet.names, sheet.chosen).ifPresent(warnings::add);
    return sheet.names.get(sheet.chosen);
  }

  /**
   * The records of the workbook in file order: the workbook globals (sheet names, shared strings, formats, the 1904
   * flag), then one substream per sheet, from its BOF to its EOF. Only the chosen sheet's cells are kept, row by row:
   * cell records come ordered by row, so a row is complete when a later row's first cell arrives.
   */
  private static final class SheetListener implements HSSFListener {

    private final ListFileReader.RowCollector rows;
    private final FormatTrackingHSSFListener formats;
    private final SheetRecordCollectingListener workbook;
    final List<String> names = new ArrayList<>();
    int chosen = -1;

    private SSTRecord strings;
    private boolean date1904;
    private int depth;
    private int sheetIndex = -1;
    private boolean reading;
    private int rowIndex = -1;
    private Map<Integer, SheetCell> cells = new TreeMap<>();
    private final List<SharedFormulaRecord> sharedFormulas = new ArrayList<>();
    /** Cells of a shared formula whose tokens follow them (the first cell of the range precedes its record). */
    private final List<FormulaRecord> awaitingShared = new ArrayList<>();

    SheetListener(ListFileReader.RowCollector rows) {
      this.rows = rows;
      this.formats = new FormatTrackingHSSFListener(this);
      // keeps the sheet names and external references a formula's text needs
      this.workbook = new SheetRecordCollectingListener(formats);
    }

    HSSFListener listener() {
      return workbook;
    }

    @Override
    public void processRecord(Record record) {
      if (record instanceof BOFRecord bof) {
        begin(bof);
      } else if (record instanceof EOFRecord) {
        if (depth == 1 && reading) {
          flush();
          reading = false;
        }
        depth--;
      } else if (record instanceof BoundSheetRecord sheet) {
        names.add(sheet.getSheetname());
      } else if (record instanceof SSTRecord sst) {
        strings = sst;
      } else if (record instanceof DateWindow1904Record window) {
        date1904 = window.getWindowing() == 1;
      } else if (reading && depth == 1) {
        sheetRecord(record);
      }
    }

    private void begin(BOFRecord bof) {
      depth++;
      if (depth != 1 || bof.getType() == BOFRecord.TYPE_WORKBOOK) {
        return;
      }
      sheetIndex++;
      if (chosen < 0) {
        chosen = WorkbookCells.chooseSheet(names);
      }
      reading = sheetIndex == chosen && bof.getType() == BOFRecord.TYPE_WORKSHEET;
    }

    private void sheetRecord(Record record) {
      if (record instanceof SharedFormulaRecord shared) {
        sharedFormulas.add(shared);
        awaitingShared.removeIf(formula -> {
          if (!shared.isInRange(formula.getRow(), formula.getColumn())) {
            return false;
          }
          if (formula.getRow() == rowIndex) {
            put(formula.getColumn(), formula(shared.getFormulaTokens(formula)));
          }
          return true;
        });
      } else if (record instanceof MergeCellsRecord merged) {
        for (int i = 0; i < merged.getNumAreas(); i++) {
          CellRangeAddress area = merged.getAreaAt(i);
          rows.mergeDown(area.getFirstRow() + 1, area.getLastRow() + 1, area.getFirstColumn());
        }
      } else if (record instanceof CellValueRecordInterface cell) {
        if (cell.getRow() != rowIndex) {
          flush();
          rowIndex = cell.getRow();
        }
        put(cell.getColumn(), cell(cell));
      }
    }

    private SheetCell cell(CellValueRecordInterface cell) {
      if (cell instanceof LabelSSTRecord label) {
        return strings == null ? SheetCell.BLANK : SheetCell.ofText(strings.getString(label.getSSTIndex()).getString());
      }
      if (cell instanceof LabelRecord label) {
        return SheetCell.ofText(label.getValue());
      }
      if (cell instanceof NumberRecord number) {
        return WorkbookCells.number(number.getValue(),
            WorkbookCells.isDateFormat(formats.getFormatIndex(number), formats.getFormatString(number)), date1904);
      }
      if (cell instanceof BoolErrRecord value) {
        return SheetCell.ofText(value.isBoolean() ? (value.getBooleanValue() ? "TRUE" : "FALSE")
            : FormulaError.forInt(value.getErrorValue()).getString());
      }
      if (cell instanceof FormulaRecord formula) {
        return formula(formula);
      }
      return SheetCell.BLANK;
    }

    /** The formula's text, never its cached result: nothing in an upload is evaluated or trusted as computed. */
    private SheetCell formula(FormulaRecord formula) {
      Ptg[] tokens = formula.getParsedExpression();
      if (tokens.length > 0 && tokens[0] instanceof ExpPtg) {
        for (SharedFormulaRecord shared : sharedFormulas) {
          if (shared.isInRange(formula.getRow(), formula.getColumn())) {
            return formula(shared.getFormulaTokens(formula));
          }
        }
        // an array or table formula, or the first cell of a shared one: its tokens come in the next record
        awaitingShared.add(formula);
        return SheetCell.ofFormula("");
      }
      return formula(tokens);
    }

    private SheetCell formula(Ptg[] tokens) {
      try {
        return SheetCell.ofFormula(HSSFFormulaParser.toFormulaString(workbook.getStubHSSFWorkbook(), tokens));
      } catch (RuntimeException e) {
        // a formula POI cannot spell (an add-in function …) is still a formula, imported as such
        return SheetCell.ofFormula("");
      }
    }

    private void put(int column, SheetCell cell) {
      if (cell.isBlank()) {
        cells.remove(column);
      } else {
        cells.put(column, cell);
      }
    }

    private void flush() {
      if (rowIndex >= 0) {
        rows.accept(SheetRow.of(rowIndex + 1, cells));
      }
      cells = new TreeMap<>();
      rowIndex = -1;
    }
  }
}

package cn.duban.lists;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads one sheet of an .xlsx workbook by streaming its XML (POI's XSSF event API) instead of building the whole
 * workbook in memory: a 10 MB upload can hold millions of cells, and a list has at most a few thousand rows.
 */
final class XlsxListReader {

  private static final Logger log = LoggerFactory.getLogger(XlsxListReader.class);

  static final String DAMAGED = "无法读取该 Excel 文件：文件已损坏，或不是 Excel 工作簿。"
      + "请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。";

  private XlsxListReader() {
  }

  /** Feeds the chosen sheet's rows to {@code rows}, its cells merged down a column to each row; returns its name. */
  static String read(OPCPackage pkg, ListFileReader.RowCollector rows, List<ImportProblem> warnings) {
    try {
      XSSFReader reader = new XSSFReader(pkg, true);
      boolean date1904 = date1904(reader);
      List<String> names = new ArrayList<>();
      XSSFReader.SheetIterator sheets = reader.getSheetIterator();
      while (sheets.hasNext()) {
        sheets.next().close();
        names.add(sheets.getSheetName());
      }
      if (names.isEmpty()) {
        throw ListFileReader.refused("工作簿中没有工作表。");
      }
      int chosen = WorkbookCells.chooseSheet(names);
      WorkbookCells.sheetWarning(names, chosen).ifPresent(warnings::add);
      SharedStrings strings = new ReadOnlySharedStringsTable(pkg, false);
      StylesTable styles = reader.getStylesTable();
      sheets = reader.getSheetIterator();
      for (int i = 0; i < chosen; i++) {
        sheets.next().close();
      }
      try (InputStream sheet = sheets.next()) {
        parse(sheet, new SheetHandler(strings, new DateStyles(styles), date1904, rows));
      }
      return names.get(chosen);
    } catch (ListFileRefusedException e) {
      throw e;
    } catch (Exception e) {
      // POI signals a damaged package, a missing part or a zip bomb (inflate ratio) with assorted exceptions
      log.info("Uploaded .xlsx list could not be read: {}", e.toString());
      throw new ListFileRefusedException(ImportProblem.ofFile(DAMAGED), e);
    }
  }

  /** Workbooks from old Mac Excel count dates from 1904; the flag sits in workbook.xml. */
  private static boolean date1904(XSSFReader reader) throws Exception {
    boolean[] flag = {false};
    try (InputStream workbook = reader.getWorkbookData()) {
      parse(workbook, new DefaultHandler() {
        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
          if (name(localName, qName).equals("workbookPr")) {
            String value = attributes.getValue("date1904");
            flag[0] = "1".equals(value) || "true".equalsIgnoreCase(value);
          }
        }
      });
    }
    return flag[0];
  }

  private static void parse(InputStream xml, DefaultHandler handler) throws Exception {
    // XMLHelper's reader refuses DTDs and external entities
    XMLReader parser = XMLHelper.newXMLReader();
    parser.setContentHandler(handler);
    parser.parse(new InputSource(xml));
  }

  private static String name(String localName, String qName) {
    if (localName != null && !localName.isEmpty()) {
      return localName;
    }
    int colon = qName.indexOf(':');
    return colon < 0 ? qName : qName.substring(colon + 1);
  }

  /** Which cell styles show a number as a date; cached, since a sheet has few styles and many cells. */
  static final class DateStyles {

    private final StylesTable styles;
    private final Map<Integer, Boolean> cache = new HashMap<>();

    DateStyles(StylesTable styles) {
      this.styles = styles;
    }

    boolean isDate(int styleIndex) {
      return styles != null && cache.computeIfAbsent(styleIndex, this::lookUp);
    }

    private boolean lookUp(int styleIndex) {
      if (styleIndex < 0 || styleIndex >= styles.getNumCellStyles()) {
        return false;
      }
      XSSFCellStyle style = styles.getStyleAt(styleIndex);
      if (style == null) {
        return false;
      }
      return WorkbookCells.isDateFormat(Short.toUnsignedInt(style.getDataFormat()), style.getDataFormatString());
    }
  }

  /** SpreadsheetML {@code <sheetData>}: rows of cells, each a value, a shared string, an inline string or a formula. */
  static final class SheetHandler extends DefaultHandler {

    private final SharedStrings strings;
    private final DateStyles dateStyles;
    private final boolean date1904;
    private final ListFileReader.RowCollector rows;
    /** Shared formulas by their {@code si}: only the first cell of the range spells the formula out. */
    private final Map<String, String> sharedFormulas = new HashMap<>();

    private boolean inSheetData;
    private Map<Integer, SheetCell> cells;
    private int rowNumber;
    private int nextColumn;

    private boolean inCell;
    private int column;
    private String type;
    private int style;
    private boolean hasFormula;
    private String sharedIndex;
    private final StringBuilder value = new StringBuilder();
    private final StringBuilder formula = new StringBuilder();
    private final StringBuilder inline = new StringBuilder();
    private StringBuilder capture;
    private boolean inInlineString;
    private boolean inPhonetic;

    SheetHandler(SharedStrings strings, DateStyles dateStyles, boolean date1904, ListFileReader.RowCollector rows) {
      this.strings = strings;
      this.dateStyles = dateStyles;
      this.date1904 = date1904;
      this.rows = rows;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      String element = name(localName, qName);
      if (element.equals("sheetData")) {
        inSheetData = true;
      } else if (element.equals("mergeCell") && attributes.getValue("ref") != null) {
        // <mergeCells> follows <sheetData>: the collector spreads the values over the rows it has
        CellRangeAddress merged = CellRangeAddress.valueOf(attributes.getValue("ref"));
        rows.mergeDown(merged.getFirstRow() + 1, merged.getLastRow() + 1, merged.getFirstColumn());
      } else if (!inSheetData) {
        return;
      } else if (element.equals("row")) {
        String r = attributes.getValue("r");
        rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
        cells = new TreeMap<>();
        nextColumn = 0;
      } else if (element.equals("c")) {
        startCell(attributes);
      } else if (!inCell) {
        return;
      } else if (element.equals("v")) {
        capture = value;
      } else if (element.equals("f")) {
        hasFormula = true;
        if ("shared".equals(attributes.getValue("t"))) {
          sharedIndex = attributes.getValue("si");
        }
        capture = formula;
      } else if (element.equals("is")) {
        inInlineString = true;
      } else if (element.equals("rPh")) {
        inPhonetic = true;
      } else if (element.equals("t") && inInlineString && !inPhonetic) {
        capture = inline;
      }
    }

    private void startCell(Attributes attributes) {
      inCell = true;
      String ref = attributes.getValue("r");
      column = ref == null ? nextColumn : new CellReference(ref).getCol();
      type = attributes.getValue("t") == null ? "n" : attributes.getValue("t");
      String s = attributes.getValue("s");
      style = s == null ? 0 : Integer.parseInt(s);
      hasFormula = false;
      sharedIndex = null;
      value.setLength(0);
      formula.setLength(0);
      inline.setLength(0);
      capture = null;
      inInlineString = false;
      inPhonetic = false;
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (capture != null) {
        capture.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      String element = name(localName, qName);
      switch (element) {
        case "sheetData" -> inSheetData = false;
        case "v", "f", "t" -> {
          if (element.equals("f") && sharedIndex != null && formula.length() > 0) {
            sharedFormulas.put(sharedIndex, formula.toString());
          }
          capture = null;
        }
        case "is" -> inInlineString = false;
        case "rPh" -> inPhonetic = false;
        case "c" -> {
          if (inCell && cells != null) {
            SheetCell cell = cell();
            if (!cell.isBlank()) {
              cells.put(column, cell);
            }
            nextColumn = column + 1;
          }
          inCell = false;
        }
        case "row" -> {
          if (cells != null) {
            rows.accept(SheetRow.of(rowNumber, cells));
            cells = null;
          }
        }
        default -> {
          // other elements carry nothing a list needs
        }
      }
    }

    private SheetCell cell() {
      if (hasFormula) {
        // the formula text, never its cached result: nothing in an upload is evaluated or trusted as computed.
        // A shared formula's later cells get the first cell's text (references not shifted).
        String text = formula.length() > 0 ? formula.toString() : sharedFormulas.get(sharedIndex);
        if (text != null) {
          return SheetCell.ofFormula(text);
        }
      }
      String v = value.toString();
      return switch (type) {
        case "s" -> v.isBlank() ? SheetCell.BLANK : SheetCell.ofText(strings.getItemAt(Integer.parseInt(v.trim())).getString());
        case "inlineStr" -> SheetCell.ofText(inline.toString());
        case "str", "e" -> SheetCell.ofText(v);
        case "b" -> SheetCell.ofText("1".equals(v.trim()) || "true".equalsIgnoreCase(v.trim()) ? "TRUE" : "FALSE");
        case "d" -> isoDate(v);
        default -> number(v);
      };
    }

    private SheetCell number(String v) {
      if (v.isBlank()) {
        return SheetCell.BLANK;
      }
      double d;
      try {
        d = Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        return SheetCell.ofText(v);
      }
      return WorkbookCells.number(d, dateStyles.isDate(style), date1904);
    }

    private static SheetCell isoDate(String v) {
      String t = v.trim();
      try {
        return SheetCell.ofDate(LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t));
      } catch (DateTimeParseException e) {
        return SheetCell.ofText(v);
      }
    }
  }
}

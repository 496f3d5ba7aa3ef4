package cn.duban.lists;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
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

  private static final String NOT_XLSX = "文件内容不是 Excel 工作簿（.xlsx），可能是把其他文件改了扩展名。"
      + "请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。";

  private static final String DAMAGED = "无法读取该 Excel 文件：文件已损坏，或不是 Excel 工作簿。"
      + "请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。";

  private XlsxListReader() {
  }

  /** Feeds the chosen sheet's rows to {@code rows}; returns the sheet's name. */
  static String read(byte[] content, ListFileReader.RowCollector rows, List<ImportProblem> warnings) {
    refuseOtherFormats(content);
    OPCPackage pkg;
    try {
      pkg = OPCPackage.open(new ByteArrayInputStream(content));
    } catch (Exception e) {
      log.info("Uploaded .xlsx list is not a readable OOXML package: {}", e.toString());
      throw new ListFileRefusedException(ImportProblem.ofFile(DAMAGED), e);
    }
    try {
      refuseOtherOfficeDocuments(pkg);
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
      int chosen = chooseSheet(names);
      if (names.size() > 1 && !isListSheet(names.get(chosen))) {
        warnings.add(ImportProblem.ofFile("工作簿有 " + names.size() + " 个工作表，没有名为“" + ListFileReader.SHEET_NAME
            + "”的工作表，已读取第一个工作表「" + names.get(chosen) + "」。"));
      }
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
    } finally {
      pkg.revert();
    }
  }

  /** Tells the office what it actually uploaded when the bytes are not a zip package at all. */
  private static void refuseOtherFormats(byte[] content) {
    if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)) {
      return;
    }
    if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
      throw ListFileReader.refused("该文件是旧版 Excel（.xls）文件或设置了打开密码的文件，只是扩展名为 .xlsx。"
          + "请在 Excel 或 WPS 中取消密码，“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。");
    }
    if (startsWith(content, '%', 'P', 'D', 'F')) {
      throw ListFileReader.refused("该文件是 PDF 文件，不是 Excel 工作簿。请上传任务清单的 Excel 工作簿（.xlsx）或 CSV 文件。");
    }
    throw ListFileReader.refused(NOT_XLSX);
  }

  static boolean startsWith(byte[] content, int... magic) {
    if (content.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((content[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Word and PowerPoint files are zip packages too; say which one was uploaded instead of "damaged". */
  private static void refuseOtherOfficeDocuments(OPCPackage pkg) throws Exception {
    for (PackageRelationship relationship : pkg.getRelationships()) {
      if (!relationship.getRelationshipType().endsWith("/officeDocument")) {
        continue;
      }
      PackagePart main = pkg.getPart(relationship);
      String type = main == null ? "" : main.getContentType();
      if (type.contains("wordprocessingml")) {
        throw ListFileReader.refused("该文件是 Word 文档，不是 Excel 工作簿。请上传任务清单的 Excel 工作簿（.xlsx）或 CSV 文件。");
      }
      if (type.contains("presentationml")) {
        throw ListFileReader.refused("该文件是 PowerPoint 演示文稿，不是 Excel 工作簿。请上传任务清单的 Excel 工作簿（.xlsx）或 CSV 文件。");
      }
    }
  }

  private static int chooseSheet(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      if (isListSheet(names.get(i))) {
        return i;
      }
    }
    return 0;
  }

  private static boolean isListSheet(String name) {
    String n = SheetCell.clean(Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKC));
    return ListFileReader.SHEET_NAME.equals(n);
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
      int formatId = Short.toUnsignedInt(style.getDataFormat());
      return isChineseBuiltInDate(formatId) || DateUtil.isADateFormat(formatId, style.getDataFormatString());
    }

    /**
     * Excel and WPS in Chinese write dates such as {@code 2026年12月31日} with the built-in format ids 27–36 and 50–58,
     * which the file does not spell out and POI does not know: all of them show dates or times.
     */
    static boolean isChineseBuiltInDate(int formatId) {
      return (formatId >= 27 && formatId <= 36) || (formatId >= 50 && formatId <= 58);
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
      // a value below 1 in a date style is a time of day, not a date
      if (d >= 1 && dateStyles.isDate(style) && DateUtil.isValidExcelDate(d)) {
        return SheetCell.ofDate(DateUtil.getLocalDateTime(d, date1904).toLocalDate());
      }
      return SheetCell.ofText(NumberToTextConverter.toText(d));
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

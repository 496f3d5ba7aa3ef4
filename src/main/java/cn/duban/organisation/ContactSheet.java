package cn.duban.organisation;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * A sheet of people's contacts (联系方式表), .xlsx or .csv: a header row naming the columns (用户名 required; 手机号,
 * 企业微信, 钉钉 as needed; 姓名 and others ignored), then one row per person. Small by nature (a bureau's staff),
 * so read whole; formulas are read as their text, never evaluated.
 */
record ContactSheet(boolean hasMobile, boolean hasWecom, boolean hasDingtalk, List<Row> rows,
                    List<FieldProblem> problems) {

  static final int MAX_BYTES = 5 * 1024 * 1024;
  static final int MAX_ROWS = 10_000;
  static final int HEADER_SEARCH_ROWS = 10;

  /** One person's row, with its number as the spreadsheet shows it. */
  record Row(int number, String userId, String mobile, String wecomUserId, String dingtalkUserId) {
  }

  private enum Column {
    USER("用户名", "用户ID", "用户id", "账号", "登录名", "userId"),
    MOBILE("手机号", "手机号码", "手机", "mobile"),
    WECOM("企业微信", "企业微信账号", "政务微信", "政务微信账号", "wecomUserId"),
    DINGTALK("钉钉", "钉钉账号", "政务钉钉", "政务钉钉账号", "dingtalkUserId");

    private final List<String> headers;

    Column(String... headers) {
      this.headers = List.of(headers);
    }

    static Column of(String header) {
      String h = header.strip().replace(" ", "");
      for (Column c : values()) {
        if (c.headers.stream().anyMatch(x -> x.equalsIgnoreCase(h))) {
          return c;
        }
      }
      return null;
    }
  }

  static ContactSheet read(byte[] content, String fileName) {
    String name = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
    if (content == null || content.length == 0) {
      throw refused("文件是空的，请选择填写好的联系方式表。");
    }
    if (content.length > MAX_BYTES) {
      throw refused("文件超过 5 MB，联系方式表不应这么大，请只保留一个工作表。");
    }
    List<List<String>> lines;
    if (name.endsWith(".xlsx")) {
      lines = xlsx(content);
    } else if (name.endsWith(".csv")) {
      lines = csv(decode(content));
    } else {
      throw refused("只能导入 Excel 工作簿（.xlsx）或 CSV 文件。");
    }
    return parse(lines);
  }

  static ContactSheet parse(List<List<String>> lines) {
    if (lines.stream().allMatch(line -> line.stream().allMatch(String::isBlank))) {
      throw refused("文件中没有任何内容。");
    }
    // the header is the first row naming the 用户名 column: a title (《人员联系方式表》) may stand above it
    int header = -1;
    Map<Column, Integer> columns = new java.util.EnumMap<>(Column.class);
    for (int r = 0; r < Math.min(lines.size(), HEADER_SEARCH_ROWS) && header < 0; r++) {
      columns.clear();
      List<String> names = lines.get(r);
      for (int i = 0; i < names.size(); i++) {
        Column column = Column.of(names.get(i));
        if (column != null) {
          columns.putIfAbsent(column, i);
        }
      }
      header = columns.containsKey(Column.USER) ? r : -1;
    }
    if (header < 0) {
      throw refused("前 " + HEADER_SEARCH_ROWS + " 行中没有含“用户名”列的表头。表头应为：用户名、姓名、手机号、企业微信、钉钉（姓名可省略）。");
    }
    if (columns.size() == 1) {
      throw refused("表头（第 " + (header + 1) + " 行）只有“用户名”，没有手机号、企业微信或钉钉列，没有可导入的内容。");
    }
    List<Row> rows = new ArrayList<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = header + 1; i < lines.size(); i++) {
      List<String> line = lines.get(i);
      if (line.stream().allMatch(String::isBlank)) {
        continue;
      }
      rows.add(new Row(i + 1, cell(line, columns.get(Column.USER)), cell(line, columns.get(Column.MOBILE)),
          cell(line, columns.get(Column.WECOM)), cell(line, columns.get(Column.DINGTALK))));
    }
    if (rows.isEmpty()) {
      throw refused("表中只有表头，没有任何人员。");
    }
    if (rows.size() > MAX_ROWS) {
      throw refused("表中有 " + rows.size() + " 行，超过了一次最多导入 " + MAX_ROWS + " 行的上限。");
    }
    return new ContactSheet(columns.containsKey(Column.MOBILE), columns.containsKey(Column.WECOM),
        columns.containsKey(Column.DINGTALK), rows, problems);
  }

  private static String cell(List<String> line, Integer column) {
    if (column == null || column >= line.size()) {
      return null;
    }
    String value = line.get(column).strip();
    return value.isEmpty() ? null : value;
  }

  private static List<List<String>> xlsx(byte[] content) {
    List<List<String>> lines = new ArrayList<>();
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
      Sheet sheet = workbook.getSheetAt(0);
      DataFormatter formatter = new DataFormatter(Locale.ROOT);
      for (int r = 0; r <= Math.min(sheet.getLastRowNum(), MAX_ROWS + 20); r++) {
        List<String> line = new ArrayList<>();
        org.apache.poi.ss.usermodel.Row sheetRow = sheet.getRow(r);
        if (sheetRow != null) {
          for (int c = 0; c < Math.max(sheetRow.getLastCellNum(), 0); c++) {
            Cell cell = sheetRow.getCell(c);
            // a number typed as a number (13812341234) reads without exponent or ".0"; a formula as its text
            line.add(cell == null ? "" : cell.getCellType() == org.apache.poi.ss.usermodel.CellType.FORMULA
                ? "=" + cell.getCellFormula() : formatter.formatCellValue(cell));
          }
        }
        lines.add(line);
      }
    } catch (Exception e) {
      throw refused("无法读取该 Excel 文件：文件已损坏，或不是 Excel 工作簿（.xlsx）。");
    }
    return lines;
  }

  /** UTF-8 (with or without BOM), else GB18030 as Excel saves CSV on Chinese Windows. */
  static String decode(byte[] content) {
    int offset = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
        && (content[2] & 0xff) == 0xbf ? 3 : 0;
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
    } catch (CharacterCodingException e) {
      return new String(content, Charset.forName("GB18030"));
    }
  }

  /** RFC 4180: commas, quoted fields with "" for a quote, line breaks inside quotes. */
  static List<List<String>> csv(String text) {
    List<List<String>> lines = new ArrayList<>();
    List<String> line = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        line.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        line.add(field.toString());
        field.setLength(0);
        lines.add(line);
        line = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (field.length() > 0 || !line.isEmpty()) {
      line.add(field.toString());
      lines.add(line);
    }
    return lines;
  }

  private static InvalidInputException refused(String reason) {
    return new InvalidInputException(new FieldProblem("file", null, reason));
  }
}

package cn.duban.lists;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes list files the way offices produce them: .xlsx by Excel/WPS (POI XSSF, shared strings), .xlsx by a streaming
 * writer (inline strings), Excel 97–2003 .xls (POI HSSF, BIFF8) and CSV in UTF-8, UTF-8 with BOM or GBK; and reads the
 * fixtures LibreOffice made (src/test/resources/lists, see make-fixtures.sh there). A row is a list of cells: a String is text, a
 * Number a number, {@link Dated} a date cell, {@link Formula} a formula, null an empty cell.
 */
public final class ListFiles {

  static final Charset GBK = Charset.forName("GBK");

  private ListFiles() {
  }

  /**
   * A date cell: its value, its number format (a format string, or a built-in id such as 31, the Chinese
   * {@code yyyy年m月d日}) and the text Excel shows, which is what it writes to CSV.
   */
  record Dated(LocalDateTime value, String format, int builtInFormat, String shown) {
  }

  /** A formula cell (without the {@code =}); in CSV it appears as its text. */
  record Formula(String formula) {
  }

  /** A date as Chinese Excel shows it by default: {@code 2026/12/31}. */
  static Dated date(int year, int month, int day) {
    return new Dated(LocalDate.of(year, month, day).atStartOfDay(), "yyyy/m/d", -1, year + "/" + month + "/" + day);
  }

  /** A date in Chinese Excel's and WPS's built-in long date format 31, which the file does not spell out. */
  static Dated chineseDate(int year, int month, int day) {
    return new Dated(LocalDate.of(year, month, day).atStartOfDay(), null, 31, year + "年" + month + "月" + day + "日");
  }

  static Dated dateTime(int year, int month, int day, int hour, int minute) {
    return new Dated(LocalDateTime.of(year, month, day, hour, minute), "yyyy/m/d h:mm", -1,
        year + "/" + month + "/" + day + " " + hour + ":" + String.format("%02d", minute));
  }

  public static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }

  public static byte[] xlsx(List<List<Object>> rows) {
    LinkedHashMap<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    sheets.put("任务清单", rows);
    return xlsx(sheets);
  }

  /**
   * A workbook whose texts hold control characters (a NUL …) as Excel writes them: {@code _x0000_} (POI's writer
   * would turn them into {@code ?}; XML cannot carry them otherwise).
   */
  public static byte[] xlsxWithControlCharacters(List<List<Object>> rows) {
    // written as the "control pictures" ␀ … ␟ (U+2400 + the character), then spelled out in the shared strings
    List<List<Object>> pictured = rows.stream().map(cells -> cells.stream().map(cell -> cell instanceof String text
        ? (Object) text.chars().mapToObj(c -> String.valueOf((char) (c < 0x20 ? 0x2400 + c : c)))
            .collect(java.util.stream.Collectors.joining()) : cell).toList()).toList();
    return editedPart(xlsx(pictured), "xl/sharedStrings.xml", text -> {
      StringBuilder xml = new StringBuilder();
      text.chars().forEach(c -> xml.append(c >= 0x2400 && c < 0x2420
          ? String.format("_x%04X_", c - 0x2400) : String.valueOf((char) c)));
      return xml.toString();
    });
  }

  /** A workbook with several sheets, in the map's order. */
  static byte[] xlsx(LinkedHashMap<String, List<List<Object>>> sheets) {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      return write(workbook, sheets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An Excel 97–2003 workbook (BIFF8), as Excel, WPS (also as .et) and LibreOffice save it. */
  static byte[] xls(List<List<Object>> rows) {
    LinkedHashMap<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    sheets.put("任务清单", rows);
    return xls(sheets);
  }

  static byte[] xls(LinkedHashMap<String, List<List<Object>>> sheets) {
    try (HSSFWorkbook workbook = new HSSFWorkbook()) {
      return write(workbook, sheets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A one-sheet workbook ({@code new XSSFWorkbook()} or {@code new HSSFWorkbook()}) with merged regions such as
   * {@code D3:D5}: the value stands in the region's first cell, the others are empty, as Excel keeps them.
   */
  static byte[] merged(Workbook workbook, List<List<Object>> rows, String... regions) {
    try (workbook) {
      return write(workbook, Map.of("任务清单", rows), regions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture LibreOffice made, by its name in src/test/resources/lists. */
  static byte[] fixture(String name) {
    try (var in = ListFiles.class.getResourceAsStream("/lists/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of a .docx whose {@code word/document.xml} is edited, the other parts as they were. */
  static byte[] editedDocx(byte[] docx, UnaryOperator<String> edit) {
    return editedPart(docx, "word/document.xml", edit);
  }

  /** A copy of an Office package (a zip) with one part's text edited, the other parts as they were. */
  private static byte[] editedPart(byte[] pkg, String part, UnaryOperator<String> edit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var in = new ZipInputStream(new ByteArrayInputStream(pkg)); var zip = new ZipOutputStream(out)) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals(part)) {
          content = edit.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(content);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Like a large export: SXSSF writes strings inline instead of into the shared string table. */
  static byte[] streamingXlsx(List<List<Object>> rows) {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
      byte[] bytes = write(workbook, Map.of("任务清单", rows));
      workbook.dispose();
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(Workbook workbook, Map<String, List<List<Object>>> sheets, String... mergedRegions)
      throws IOException {
    Map<String, CellStyle> styles = new LinkedHashMap<>();
    for (var entry : sheets.entrySet()) {
      Sheet sheet = workbook.createSheet(entry.getKey());
      for (String region : mergedRegions) {
        sheet.addMergedRegion(CellRangeAddress.valueOf(region));
      }
      int r = 0;
      for (List<Object> cells : entry.getValue()) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < cells.size(); c++) {
          Object value = cells.get(c);
          if (value == null) {
            continue;
          }
          Cell cell = row.createCell(c);
          if (value instanceof String s) {
            cell.setCellValue(s);
          } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
          } else if (value instanceof Boolean b) {
            cell.setCellValue(b);
          } else if (value instanceof Formula f) {
            cell.setCellFormula(f.formula());
          } else if (value instanceof Dated d) {
            cell.setCellValue(d.value());
            cell.setCellStyle(styles.computeIfAbsent(d.format() + "#" + d.builtInFormat(), k -> {
              CellStyle style = workbook.createCellStyle();
              style.setDataFormat(d.format() != null ? workbook.createDataFormat().getFormat(d.format())
                  : (short) d.builtInFormat());
              return style;
            }));
          } else {
            throw new IllegalArgumentException("Unknown cell " + value);
          }
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    workbook.write(out);
    return out.toByteArray();
  }

  static byte[] csv(List<List<Object>> rows, Charset charset, boolean bom) {
    StringBuilder text = new StringBuilder();
    for (List<Object> cells : rows) {
      List<String> fields = new ArrayList<>();
      for (Object value : cells) {
        fields.add(quote(shown(value)));
      }
      text.append(String.join(",", fields)).append("\r\n");
    }
    byte[] body = text.toString().getBytes(charset);
    if (!bom) {
      return body;
    }
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    return withBom;
  }

  static byte[] csv(List<List<Object>> rows) {
    return csv(rows, StandardCharsets.UTF_8, false);
  }

  /** The text Excel writes to CSV for a cell. */
  private static String shown(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Dated d) {
      return d.shown();
    }
    if (value instanceof Formula f) {
      return "=" + f.formula();
    }
    return value.toString();
  }

  private static String quote(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }
}

package cn.duban.lists;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a CSV list (RFC 4180: comma separated, fields in double quotes may hold commas, line breaks and doubled
 * quotes). The encoding is detected: a UTF-8 BOM means UTF-8; otherwise bytes that are valid UTF-8 are UTF-8; anything
 * else is read as GB18030, the superset of the GBK that Excel writes on Chinese Windows ("CSV（逗号分隔）").
 */
final class CsvListReader {

  static final Charset GB18030 = Charset.forName("GB18030");

  private CsvListReader() {
  }

  /** Only text reaches here: a workbook or a document uploaded as .csv was recognised by its content before. */
  static void read(byte[] content, ListFileReader.RowCollector rows) {
    parse(decode(content), rows);
  }

  static String decode(byte[] content) {
    if (ListFileReader.startsWith(content, 0xEF, 0xBB, 0xBF)) {
      return strict(content, 3, StandardCharsets.UTF_8, "文件以 UTF-8 标记开头，但内容不是有效的 UTF-8 文本。");
    }
    if (ListFileReader.startsWith(content, 0xFF, 0xFE) || ListFileReader.startsWith(content, 0xFE, 0xFF)) {
      throw ListFileReader.refused("不支持 UTF-16（“Unicode 文本”）编码的文件，请另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）后再导入。");
    }
    for (byte b : content) {
      if (b == 0) {
        throw ListFileReader.refused("文件内容不是文本，不是有效的 CSV 文件。请上传任务清单的 Excel 工作簿（.xlsx）或 CSV 文件。");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException notUtf8) {
      return strict(content, 0, GB18030, "无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030），请另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）后再导入。");
    }
  }

  private static String strict(byte[] content, int offset, Charset charset, String refusal) {
    try {
      return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
    } catch (CharacterCodingException e) {
      throw ListFileReader.refused(refusal);
    }
  }

  /**
   * Splits text into rows of cells. Row numbers are those Excel shows when it opens the file: one per record, so a
   * quoted cell spanning several lines is still one row. Lenient where Excel is: a quote inside an unquoted cell is
   * kept as it is, and text after a closing quote is appended to the cell.
   */
  static void parse(String text, ListFileReader.RowCollector rows) {
    int length = text.length();
    int i = 0;
    int rowNumber = 1;
    Map<Integer, SheetCell> cells = new HashMap<>();
    int column = 0;
    StringBuilder cell = new StringBuilder();
    while (i < length) {
      char c = text.charAt(i);
      if (c == '"' && cell.length() == 0) {
        int opened = rowNumber;
        i++;
        boolean closed = false;
        while (i < length) {
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < length && text.charAt(i + 1) == '"') {
              cell.append('"');
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          cell.append(q);
          i++;
        }
        if (!closed) {
          throw new ListFileRefusedException(ImportProblem.at(opened, null, null,
              "第 " + opened + " 行有一个双引号没有配对，从这里到文件末尾都被当成了一个单元格。请检查该行的引号后再导入。"));
        }
        continue;
      }
      if (c == ',') {
        put(cells, column++, cell);
        i++;
      } else if (c == '\r' || c == '\n') {
        put(cells, column, cell);
        rows.accept(SheetRow.of(rowNumber++, cells));
        cells = new HashMap<>();
        column = 0;
        i += (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') ? 2 : 1;
      } else {
        cell.append(c);
        i++;
      }
    }
    put(cells, column, cell);
    if (!cells.isEmpty()) {
      rows.accept(SheetRow.of(rowNumber, cells));
    }
  }

  private static void put(Map<Integer, SheetCell> cells, int column, StringBuilder cell) {
    if (cell.length() > 0) {
      SheetCell value = SheetCell.ofText(cell.toString());
      if (!value.isBlank()) {
        cells.put(column, value);
      }
    }
    cell.setLength(0);
  }
}

package cn.duban.lists;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an uploaded list file into a {@link ListSheet}: a spreadsheet (.xlsx; Excel 97–2003 .xls and WPS .et, which
 * WPS saves in the same BIFF8 format), the 任务清单 table of a Word document (.docx), or a CSV file (UTF-8 with or
 * without BOM, or GBK/GB18030 as Excel saves it on Chinese Windows; detected, not asked). The extension says what the
 * office meant to send; the content (its first bytes, then the parts inside) decides how it is read, so that an .et
 * file, an .xls saved as .xlsx or a .docx named .doc is read for what it is. Nothing is evaluated and nothing is
 * checked beyond what makes a file readable; a file that cannot be read is refused with a
 * {@link ListFileRefusedException} whose problem says why in Chinese.
 */
public final class ListFileReader {

  private static final Logger log = LoggerFactory.getLogger(ListFileReader.class);

  public static final long MAX_BYTES = 10L * 1024 * 1024;
  public static final int MAX_ROWS = 5_000;
  /** The sheet read when a workbook has several; otherwise the first sheet is read. */
  public static final String SHEET_NAME = "任务清单";
  /** Lists often carry a title row (and a blank row) above the header; the header is looked for this far down. */
  static final int HEADER_SEARCH_ROWS = 10;
  /** The extensions the import page offers (its file input's accept list). */
  public static final List<String> EXTENSIONS = List.of("xlsx", "xls", "et", "csv", "docx");
  /** What can be imported, as the refusals name it. */
  static final String ACCEPTED = "Excel 工作簿（.xlsx、.xls）、WPS 表格（.et）、CSV 文件或 Word 文档（.docx）";

  private static final Set<String> SPREADSHEETS = Set.of("xlsx", "xls", "et");
  private static final String SAVE_AS_XLSX = "请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。";
  private static final String SAVE_AS_DOCX = "请在 Word 或 WPS 中打开该文档，点“文件”→“另存为”，保存类型选“Word 文档 (*.docx)”，"
      + "再导入保存好的 .docx 文件。";
  private static final String DAMAGED_DOCX = "无法读取该 Word 文档：文件已损坏，或不是 Word 文档。" + SAVE_AS_DOCX;
  private static final String PRESENTATION = "该文件是 PowerPoint 演示文稿，不是任务清单。请上传任务清单的 " + ACCEPTED + "。";
  static final String PASSWORD = "该文件设置了打开密码，无法读取。请在 Excel、Word 或 WPS 中打开它，取消打开密码后保存，再导入。";

  private ListFileReader() {
  }

  /**
   * @param content the file's bytes
   * @param fileName the name it was uploaded with; its extension must be one the import accepts
   * @throws ListFileRefusedException when the file is empty, too large, of another type, unreadable, has no rows below
   *     its header or more than {@link #MAX_ROWS} of them
   */
  public static ListSheet read(byte[] content, String fileName) {
    String extension = extension(fileName);
    if (!EXTENSIONS.contains(extension) && !extension.equals("doc")) {
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
    Source source;
    if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)) {
      source = officePackage(content, extension, rows, warnings);
    } else if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      source = compoundFile(content, extension, rows, warnings);
    } else if (extension.equals("doc")) {
      // .doc as Word writes it is a compound file; RTF, web pages and Word 2003 XML saved as .doc are no better
      throw refused("不支持旧版 Word 文档（.doc）。" + SAVE_AS_DOCX);
    } else if (startsWith(content, '%', 'P', 'D', 'F')) {
      throw refused("该文件是 PDF 文件，不是 " + expected(extension) + "。请上传任务清单的 " + ACCEPTED + "。");
    } else if (extension.equals("csv")) {
      CsvListReader.read(content, rows);
      source = new Source(null, Addressing.SHEET);
    } else if (isMarkup(content)) {
      // what many business systems export as "Excel": an HTML table or Excel 2003 XML with an .xls name
      throw refused("该文件是网页（HTML）或 XML 文件，只是扩展名为 ." + extension + "，不是 " + expected(extension) + "。"
          + (extension.equals("docx") ? SAVE_AS_DOCX : SAVE_AS_XLSX));
    } else {
      throw refused("文件内容不是 " + expected(extension) + "，可能是把其他文件改了扩展名。"
          + (extension.equals("docx") ? SAVE_AS_DOCX : SAVE_AS_XLSX));
    }
    return sheet(source, rows, warnings);
  }

  /** What was read and how its rows are named. */
  private record Source(String sheetName, Addressing addressing) {
  }

  /** A zip package: an .xlsx workbook or a .docx document, told apart by the content type of its main part. */
  private static Source officePackage(byte[] content, String extension, RowCollector rows,
                                      List<ImportProblem> warnings) {
    String damaged = isWord(extension) ? DAMAGED_DOCX : XlsxListReader.DAMAGED;
    OPCPackage pkg;
    String type;
    try {
      pkg = OPCPackage.open(new ByteArrayInputStream(content));
    } catch (Exception e) {
      log.info("Uploaded list is not a readable OOXML package: {}", e.toString());
      throw new ListFileRefusedException(ImportProblem.ofFile(damaged), e);
    }
    try {
      try {
        type = mainPartType(pkg);
      } catch (Exception e) {
        log.info("Uploaded list has no readable main part: {}", e.toString());
        throw new ListFileRefusedException(ImportProblem.ofFile(damaged), e);
      }
      if (type.contains("wordprocessingml")) {
        DocxListReader.read(pkg, rows, warnings);
        return new Source(null, Addressing.TABLE);
      }
      if (type.contains("presentationml")) {
        throw refused(PRESENTATION);
      }
      if (type.isEmpty() && isWord(extension)) {
        throw refused(damaged);
      }
      return new Source(XlsxListReader.read(pkg, rows, warnings), Addressing.SHEET);
    } finally {
      pkg.revert();
    }
  }

  private static String mainPartType(OPCPackage pkg) throws Exception {
    for (PackageRelationship relationship : pkg.getRelationships()) {
      if (relationship.getRelationshipType().endsWith("/officeDocument")) {
        PackagePart main = pkg.getPart(relationship);
        return main == null ? "" : main.getContentType();
      }
    }
    return "";
  }

  /**
   * An OLE2 compound file: an Excel 97–2003 workbook (.xls, and WPS's .et), or what else Office keeps in one: an old
   * Word document, a file with a password to open it, a presentation. Told apart by the streams inside.
   */
  private static Source compoundFile(byte[] content, String extension, RowCollector rows,
                                     List<ImportProblem> warnings) {
    POIFSFileSystem fs;
    try {
      fs = new POIFSFileSystem(new ByteArrayInputStream(content));
    } catch (Exception e) {
      log.info("Uploaded list is not a readable OLE2 file: {}", e.toString());
      throw new ListFileRefusedException(ImportProblem.ofFile(isWord(extension) ? DAMAGED_DOCX
          : XlsListReader.DAMAGED), e);
    }
    try {
      DirectoryNode root = fs.getRoot();
      if (root.hasEntry("WordDocument")) {
        throw refused((extension.equals("doc") ? "不支持旧版 Word 文档（.doc）。"
            : "该文件是旧版 Word 文档（.doc），只是扩展名为 ." + extension + "。") + SAVE_AS_DOCX);
      }
      if (root.hasEntry("EncryptedPackage") || root.hasEntry("EncryptionInfo")) {
        throw refused(PASSWORD);
      }
      if (root.hasEntry("PowerPoint Document")) {
        throw refused(PRESENTATION);
      }
      return new Source(XlsListReader.read(fs, rows, warnings), Addressing.SHEET);
    } finally {
      IOUtils.closeQuietly(fs);
    }
  }

  private static boolean isWord(String extension) {
    return extension.equals("docx") || extension.equals("doc");
  }

  /** What a file of this extension should have been, to say what it is not. */
  private static String expected(String extension) {
    return switch (extension) {
      case "xls" -> "Excel 工作簿（.xls）";
      case "et" -> "WPS 表格（.et）";
      case "docx" -> "Word 文档（.docx）";
      case "csv" -> "CSV 文件";
      default -> "Excel 工作簿（.xlsx）";
    };
  }

  /** Text that starts (after a BOM and spaces) with {@code <}: HTML or XML, never a CSV list's header. */
  private static boolean isMarkup(byte[] content) {
    int start = startsWith(content, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    String head = new String(content, start, Math.min(content.length - start, 512), StandardCharsets.ISO_8859_1)
        .stripLeading();
    return head.startsWith("<");
  }

  private static ListSheet sheet(Source source, RowCollector collected, List<ImportProblem> warnings) {
    List<SheetRow> rows = collected.rows();
    Addressing addressing = source.addressing();
    if (rows.isEmpty()) {
      throw refused(source.sheetName() == null ? "文件中没有任何内容。" : "工作表「" + source.sheetName() + "」中没有任何内容。");
    }
    int headerIndex = headerIndex(rows);
    int dataRows = collected.count() - headerIndex - 1;
    if (dataRows == 0) {
      throw refused("清单只有表头（" + addressing.row(rows.get(headerIndex).number()) + "），没有任何事项。");
    }
    if (dataRows > MAX_ROWS) {
      throw refused("清单有 " + dataRows + " 行，超过了一次最多导入 " + MAX_ROWS + " 行的上限，请拆分为几个文件分批导入。");
    }
    return new ListSheet(source.sheetName(), rows.get(headerIndex), rows.subList(headerIndex + 1, rows.size()),
        warnings, addressing);
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
      case "xlsm", "xltx", "xlsb", "xlt", "ett", "ods" ->
          "不支持 ." + extension + " 文件，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。";
      case "wps", "odt", "rtf", "dotx", "docm" -> "不支持 ." + extension + " 文件。" + SAVE_AS_DOCX;
      case "" -> "文件没有扩展名，只能导入 " + ACCEPTED + "。";
      default -> "不支持 ." + extension + " 文件，只能导入 " + ACCEPTED + "。";
    };
  }

  static ListFileRefusedException refused(String reason) {
    return new ListFileRefusedException(ImportProblem.ofFile(reason));
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

  /**
   * Keeps the non-blank rows, up to a limit, and counts all of them so that a long file can be refused by number.
   * Cells merged down a column (one 责任部门 for several rows) give their value to every row they span, once the
   * sheet's merged regions are known: spreadsheets list them after the cells.
   */
  static final class RowCollector {

    /** Far more than a list of {@link #MAX_ROWS} rows has; bounds the work a crafted file can cause. */
    static final int MAX_MERGES = 50_000;

    private final int keep;
    private final List<SheetRow> rows = new ArrayList<>();
    private final List<int[]> merges = new ArrayList<>();
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

    /**
     * A region merged over {@code firstRow} … {@code lastRow} (as numbered in the file), whose value shows in
     * {@code column}: the rows below the first get that value in that column. Merges across columns only (a title
     * over the whole width) change nothing: the value stays in the region's first column, as it shows.
     */
    void mergeDown(int firstRow, int lastRow, int column) {
      if (lastRow <= firstRow) {
        return;
      }
      if (merges.size() >= MAX_MERGES) {
        throw refused("工作表中的合并单元格超过 " + MAX_MERGES + " 处，请取消合并单元格后再导入。");
      }
      merges.add(new int[] {firstRow, lastRow, column});
    }

    List<SheetRow> rows() {
      if (!merges.isEmpty()) {
        spreadMerges();
        merges.clear();
      }
      return rows;
    }

    private void spreadMerges() {
      TreeMap<Integer, Integer> indexByNumber = new TreeMap<>();
      for (int i = 0; i < rows.size(); i++) {
        indexByNumber.put(rows.get(i).number(), i);
      }
      for (int[] merge : merges) {
        Integer top = indexByNumber.get(merge[0]);
        SheetCell value = top == null ? SheetCell.BLANK : rows.get(top).cell(merge[2]);
        if (value.isBlank()) {
          continue;
        }
        for (Map.Entry<Integer, Integer> below : indexByNumber.subMap(merge[0], false, merge[1], true).entrySet()) {
          SheetRow row = rows.get(below.getValue());
          if (row.cell(merge[2]).isBlank()) {
            rows.set(below.getValue(), row.with(merge[2], value));
          }
        }
      }
    }

    int count() {
      return count;
    }
  }
}

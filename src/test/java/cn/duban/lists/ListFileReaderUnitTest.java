package cn.duban.lists;

import static cn.duban.lists.ListFiles.csv;
import static cn.duban.lists.ListFiles.row;
import static cn.duban.lists.ListFiles.xlsx;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.duban.lists.ListFiles.Dated;
import cn.duban.lists.ListFiles.Formula;

class ListFileReaderUnitTest {

  static final List<Object> HEADER = row("事项名称", "责任部门", "完成时限");

  /** The texts of a table's data rows, column A first; blank cells as "". */
  static List<List<String>> texts(ListSheet table) {
    List<List<String>> rows = new ArrayList<>();
    for (SheetRow row : table.rows()) {
      int width = row.cells().isEmpty() ? 0 : row.cells().lastKey() + 1;
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        cells.add(row.cell(c).text());
      }
      rows.add(cells);
    }
    return rows;
  }

  static boolean isXlsx(byte[] content) {
    return ListFileReader.startsWith(content, 0x50, 0x4B, 0x03, 0x04);
  }

  static ImportProblem refusal(byte[] content, String fileName) {
    try {
      ListFileReader.read(content, fileName);
    } catch (ListFileRefusedException e) {
      return e.problem();
    }
    throw new AssertionError("The file was read");
  }

  // ---- xlsx

  @Test
  void readsTheSheetNamedTaskListWhenTheWorkbookHasSeveral() {
    LinkedHashMap<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    sheets.put("说明", List.of(row("填表说明：每行一个事项")));
    sheets.put(" 任务清单 ", List.of(HEADER, row("欠税清理", "征收管理科", "2026-12-31")));

    ListSheet table = ListFileReader.read(xlsx(sheets), "清单.xlsx");

    assertThat(table.sheetName()).isEqualTo(" 任务清单 ");
    assertThat(texts(table)).containsExactly(List.of("欠税清理", "征收管理科", "2026-12-31"));
    assertThat(table.warnings()).isEmpty();
  }

  @Test
  void readsTheFirstSheetOtherwiseAndSaysWhichItRead() {
    LinkedHashMap<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    sheets.put("Sheet1", List.of(HEADER, row("欠税清理", "征收管理科", "2026-12-31")));
    sheets.put("Sheet2", List.of(row("草稿")));

    ListSheet table = ListFileReader.read(xlsx(sheets), "清单.xlsx");

    assertThat(table.sheetName()).isEqualTo("Sheet1");
    assertThat(table.warnings()).containsExactly(
        ImportProblem.ofFile("工作簿有 2 个工作表，没有名为“任务清单”的工作表，已读取第一个工作表「Sheet1」。"));
  }

  @Test
  void readsDateCellsInAnyDateFormatAsDates() {
    LocalDateTime day = LocalDateTime.of(2026, 12, 31, 0, 0);
    List<Dated> dates = List.of(
        new Dated(day, null, 14, ""),                       // built-in m/d/yy, shown as 2026/12/31 in China
        new Dated(day, "yyyy-mm-dd", -1, ""),
        new Dated(day, "yyyy\"年\"m\"月\"d\"日\";@", -1, ""),   // Excel's Chinese long date
        new Dated(day, null, 31, ""),                       // the same, built in and not spelled out (Excel, WPS)
        new Dated(day, null, 57, ""),
        new Dated(day, "[$-F800]dddd, mmmm dd, yyyy", -1, ""), // the system's long date
        new Dated(day.withHour(17).withMinute(30), "yyyy/m/d h:mm", -1, ""),
        new Dated(day, "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", -1, "")); // 二〇二六年十二月三十一日
    List<List<Object>> rows = new ArrayList<>();
    rows.add(HEADER);
    dates.forEach(d -> rows.add(row("事项", "纳税服务科", d)));

    ListSheet table = ListFileReader.read(xlsx(rows), "清单.xlsx");

    assertThat(table.rows()).hasSize(dates.size()).allSatisfy(row -> {
      assertThat(row.cell(2).date()).isEqualTo(LocalDate.of(2026, 12, 31));
      assertThat(row.cell(2).text()).isEqualTo("2026-12-31");
    });
  }

  @Test
  void readsNumbersAsTextWithoutDecimalArtefacts() {
    byte[] file = xlsx(List.of(HEADER, row(1, 2.5, 1.0), row(0.1 + 0.2, 123456789012L, -3), row(true, false, 1e21)));

    assertThat(texts(ListFileReader.read(file, "清单.xlsx"))).containsExactly(
        List.of("1", "2.5", "1"),
        List.of("0.3", "123456789012", "-3"),
        List.of("TRUE", "FALSE", "1E+21"));
  }

  @Test
  void readsDatesOfAWorkbookThatCountsFrom1904() throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      var properties = workbook.getCTWorkbook().isSetWorkbookPr() ? workbook.getCTWorkbook().getWorkbookPr()
          : workbook.getCTWorkbook().addNewWorkbookPr();
      properties.setDate1904(true);
      assertThat(workbook.isDate1904()).isTrue();
      var style = workbook.createCellStyle();
      style.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
      var sheet = workbook.createSheet("任务清单");
      var header = sheet.createRow(0);
      for (int i = 0; i < HEADER.size(); i++) {
        header.createCell(i).setCellValue((String) HEADER.get(i));
      }
      var row = sheet.createRow(1);
      row.createCell(0).setCellValue("事项");
      row.createCell(1).setCellValue("纳税服务科");
      var date = row.createCell(2);
      date.setCellValue(LocalDate.of(2026, 12, 31));
      date.setCellStyle(style);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);

      assertThat(ListFileReader.read(out.toByteArray(), "清单.xlsx").rows().get(0).cell(2).date())
          .isEqualTo(LocalDate.of(2026, 12, 31));
    }
  }

  @Test
  void readsFormulasAsTheirTextWithoutEvaluatingThem() {
    byte[] file = xlsx(List.of(HEADER,
        row(new Formula("HYPERLINK(\"http://example.com\",\"点我\")"), new Formula("A1&\"科\""), new Formula("TODAY()+30"))));

    SheetRow row = ListFileReader.read(file, "清单.xlsx").rows().get(0);

    assertThat(row.cell(0)).isEqualTo(new SheetCell("=HYPERLINK(\"http://example.com\",\"点我\")", null, true));
    assertThat(row.cell(1).text()).isEqualTo("=A1&\"科\"");
    assertThat(row.cell(2).text()).isEqualTo("=TODAY()+30");
    assertThat(row.cell(2).date()).isNull();
  }

  @Test
  void takesTheFirstNonBlankRowAsHeaderAndCountsRowsAsExcelShowsThem() {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(row());
    rows.add(row());
    rows.add(HEADER);
    rows.add(row("欠税清理", "征收管理科", "2026-12-31"));
    rows.add(row());
    rows.add(row("发票风险排查", "风险管理科", "2026-12-31"));

    for (ListSheet table : List.of(ListFileReader.read(xlsx(rows), "清单.xlsx"), ListFileReader.read(csv(rows), "清单.csv"))) {
      assertThat(table.header().number()).isEqualTo(3);
      assertThat(table.rows()).extracting(SheetRow::number).containsExactly(4, 6);
    }
  }

  @Test
  void skipsATitleAboveTheHeader() {
    ListSheet table = ListFileReader.read(xlsx(List.of(
        row("XX县税务局2026年第四季度重点工作任务清单"),
        row(null, null, null, null, "制表日期：2026年9月24日"),
        row("序号", "事项名称", "责任部门", "完成时限"),
        row(1, "欠税清理", "征收管理科", "2026-12-31"))), "清单.xlsx");

    assertThat(table.header().number()).isEqualTo(3);
    assertThat(table.rows()).extracting(SheetRow::number).containsExactly(4);
  }

  /**
   * A workbook written by another tool, spelled out by hand: no styles part, inline strings, a rich shared string with
   * Japanese-style phonetic runs, cells and rows without references, a shared formula and an ISO date cell.
   */
  @Test
  void readsAWorkbookWrittenByAnotherTool() throws IOException {
    String sheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
          <sheetData>
            <row><c t="inlineStr"><is><t>事项名称</t></is></c><c t="inlineStr"><is><t>责任部门</t></is></c>\
        <c t="inlineStr"><is><t>完成时限</t></is></c><c t="inlineStr"><is><t>序号</t></is></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><r><t>欠税</t></r><r><t>清理</t></r></is></c><c t="s"><v>0</v></c>\
        <c t="d"><v>2026-12-31T00:00:00Z</v></c><c r="D3"><f t="shared" ref="D3:D4" si="0">ROW()-2</f><v>1</v></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve"> 发票风险排查 </t></is></c><c r="B4" t="s"><v>0</v></c>\
        <c r="C4"><v>46387</v></c><c r="D4"><f t="shared" si="0"/><v>2</v></c></row>
          </sheetData>
        </worksheet>
        """;
    String strings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
          <si><r><t>纳税</t></r><r><t>服务科</t></r><rPh sb="0" eb="2"><t>ノウゼイ</t></rPh></si>
        </sst>
        """;
    byte[] file = zip(Map.of(
        "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
              <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
              <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
            </Types>
            """,
        "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>
            """,
        "xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
              <sheets><sheet name="任务清单" sheetId="1" r:id="rId1"/></sheets>
            </workbook>
            """,
        "xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
              <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
            </Relationships>
            """,
        "xl/worksheets/sheet1.xml", sheet,
        "xl/sharedStrings.xml", strings));

    ListSheet table = ListFileReader.read(file, "清单.xlsx");

    assertThat(table.header().number()).isEqualTo(1);
    assertThat(table.rows()).extracting(SheetRow::number).containsExactly(3, 4);
    assertThat(texts(table)).containsExactly(
        List.of("欠税清理", "纳税服务科", "2026-12-31", "=ROW()-2"),
        // no styles, so the number is no date
        List.of(" 发票风险排查 ", "纳税服务科", "46387", "=ROW()-2"));
    assertThat(table.rows().get(0).cell(2).date()).isEqualTo(LocalDate.of(2026, 12, 31));
  }

  // ---- csv

  @Test
  void readsQuotedCsvFieldsWithCommasQuotesAndLineBreaksKeepingExcelRowNumbers() {
    String text = "事项名称,责任部门,完成时限\r\n"
        + "\"排查, 整改\",纳税服务科,2026-12-31\r\n"
        + "\"落实\"\"一户一策\"\"\",征收管理科,2026-12-31\n"
        + "\"第一行\r\n第二行\n第三行\",风险管理科,2026-12-31\r"
        + "\r\n"
        + "末行,税政科,2026-12-31";

    ListSheet table = ListFileReader.read(text.getBytes(UTF_8), "清单.csv");

    assertThat(table.rows()).extracting(SheetRow::number).containsExactly(2, 3, 4, 6);
    assertThat(texts(table)).containsExactly(
        List.of("排查, 整改", "纳税服务科", "2026-12-31"),
        List.of("落实\"一户一策\"", "征收管理科", "2026-12-31"),
        List.of("第一行\r\n第二行\n第三行", "风险管理科", "2026-12-31"),
        List.of("末行", "税政科", "2026-12-31"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"UTF-8, false", "UTF-8, true", "GBK, false", "GB18030, false"})
  void detectsTheEncodingOfACsvFile(String charset, boolean bom) {
    byte[] file = csv(List.of(HEADER, row("落实“一户一策”，推进欠税清理", "征收管理科", "2026年12月31日")),
        java.nio.charset.Charset.forName(charset), bom);

    assertThat(texts(ListFileReader.read(file, "清单.csv")))
        .containsExactly(List.of("落实“一户一策”，推进欠税清理", "征收管理科", "2026年12月31日"));
  }

  @Test
  void refusesACsvFileWithAnUnclosedQuote() {
    byte[] file = "事项名称,责任部门,完成时限\n欠税清理,征收管理科,2026-12-31\n\"发票排查,风险管理科,2026-12-31\n"
        .getBytes(UTF_8);

    assertThat(refusal(file, "清单.csv")).isEqualTo(ImportProblem.at(3, null, null,
        "第 3 行有一个双引号没有配对，从这里到文件末尾都被当成了一个单元格。请检查该行的引号后再导入。"));
  }

  @Test
  void refusesCsvFilesThatAreNotTextItCanRead() {
    byte[] utf16 = ("\uFEFF事项名称\t责任部门").getBytes(StandardCharsets.UTF_16LE);
    assertThat(refusal(utf16, "清单.csv").reason()).startsWith("不支持 UTF-16");
    assertThat(refusal(new byte[] {'a', 0, 'b'}, "清单.csv").reason()).startsWith("文件内容不是文本");
    byte[] notGb18030 = {(byte) 0x81, (byte) 0x20, 'a'};
    assertThat(refusal(notGb18030, "清单.csv").reason()).startsWith("无法识别文件的编码");
  }

  @Test
  void readsAWorkbookSavedUnderACsvNameAsTheWorkbookItIs() {
    assertThat(texts(ListFileReader.read(xlsx(List.of(HEADER, row("欠税清理", "征收管理科", "2026-12-31"))), "清单.csv")))
        .containsExactly(List.of("欠税清理", "征收管理科", "2026-12-31"));
  }

  // ---- refusals

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "清单.xlsm|不支持 .xlsm 文件，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。",
      "清单.ods|不支持 .ods 文件，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。",
      "通知.wps|不支持 .wps 文件。请在 Word 或 WPS 中打开该文档，点“文件”→“另存为”，保存类型选“Word 文档 (*.docx)”，再导入保存好的 .docx 文件。",
      "清单.pdf|不支持 .pdf 文件，只能导入 Excel 工作簿（.xlsx、.xls）、WPS 表格（.et）、CSV 文件或 Word 文档（.docx）。",
      "清单|文件没有扩展名，只能导入 Excel 工作簿（.xlsx、.xls）、WPS 表格（.et）、CSV 文件或 Word 文档（.docx）。"})
  void refusesFilesOfOtherTypesByTheirExtension(String fileName, String reason) {
    assertThat(refusal("事项名称,责任部门,完成时限".getBytes(UTF_8), fileName)).isEqualTo(ImportProblem.ofFile(reason));
  }

  @Test
  void refusesAnEmptyFile() {
    assertThat(refusal(new byte[0], "清单.xlsx").reason()).isEqualTo("文件是空的（0 字节），请选择填写好的任务清单。");
    assertThat(refusal(new byte[0], "清单.csv").reason()).isEqualTo("文件是空的（0 字节），请选择填写好的任务清单。");
    assertThat(refusal("\uFEFF\r\n,,\r\n  \r\n".getBytes(UTF_8), "清单.csv").reason()).isEqualTo("文件中没有任何内容。");
    assertThat(refusal(xlsx(List.of(row(), row(null, "  "))), "清单.xlsx").reason())
        .isEqualTo("工作表「任务清单」中没有任何内容。");
  }

  @Test
  void refusesAFileWithOnlyTheHeader() {
    assertThat(refusal(xlsx(List.of(HEADER, row(), row())), "清单.xlsx").reason())
        .isEqualTo("清单只有表头（第 1 行），没有任何事项。");
    assertThat(refusal(csv(List.of(row("2026年任务清单"), HEADER)), "清单.csv").reason())
        .isEqualTo("清单只有表头（第 2 行），没有任何事项。");
  }

  @Test
  void refusesAFileOverTenMegabytesBeforeReadingIt() {
    byte[] big = new byte[(int) ListFileReader.MAX_BYTES + 1];
    Arrays.fill(big, (byte) 'a');

    assertThat(refusal(big, "清单.xlsx").reason())
        .isEqualTo("文件大小为 10.1 MB，超过了 10 MB 的上限，请删除无关的工作表、图片后再导入，或拆分为几个文件。");
  }

  @Test
  void readsAFileOfExactlyTenMegabytes() {
    byte[] head = "事项名称,责任部门,完成时限,备注\n欠税清理,征收管理科,2026-12-31,".getBytes(UTF_8);
    byte[] file = new byte[(int) ListFileReader.MAX_BYTES];
    Arrays.fill(file, (byte) 'x');
    System.arraycopy(head, 0, file, 0, head.length);

    assertThat(ListFileReader.read(file, "清单.csv").rows()).hasSize(1);
  }

  @Test
  void refusesMoreThanFiveThousandRowsButReadsFiveThousand() {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (int i = 1; i <= ListFileReader.MAX_ROWS; i++) {
      rows.add(row("事项" + i, "纳税服务科", "2026-12-31"));
    }
    assertThat(ListFileReader.read(csv(rows), "清单.csv").rows()).hasSize(5000);

    rows.add(row("事项5001", "纳税服务科", "2026-12-31"));
    String reason = "清单有 5001 行，超过了一次最多导入 5000 行的上限，请拆分为几个文件分批导入。";
    assertThat(refusal(csv(rows), "清单.csv").reason()).isEqualTo(reason);
    assertThat(refusal(ListFiles.streamingXlsx(rows), "清单.xlsx").reason()).isEqualTo(reason);
    assertThat(refusal(ListFiles.xls(rows), "清单.xls").reason()).isEqualTo(reason);
  }

  @Test
  void refusesFilesThatAreNotWorkbooksButCarryTheXlsxName() throws IOException {
    String renamed = "文件内容不是 Excel 工作簿（.xlsx），可能是把其他文件改了扩展名。请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。";
    assertThat(refusal("事项名称,责任部门,完成时限\n欠税清理,征收管理科,2026-12-31".getBytes(UTF_8), "清单.xlsx").reason())
        .isEqualTo(renamed);
    assertThat(refusal("事项名称,责任部门,完成时限".getBytes(UTF_8), "清单.xls").reason())
        .isEqualTo(renamed.replace("（.xlsx），", "（.xls），"));
    assertThat(refusal("事项名称,责任部门,完成时限".getBytes(UTF_8), "清单.et").reason())
        .isEqualTo(renamed.replace("Excel 工作簿（.xlsx），", "WPS 表格（.et），"));
    assertThat(refusal("%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1), "清单.xlsx").reason())
        .isEqualTo("该文件是 PDF 文件，不是 Excel 工作簿（.xlsx）。请上传任务清单的 Excel 工作簿（.xlsx、.xls）、WPS 表格（.et）、CSV 文件或 Word 文档（.docx）。");
    byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
    assertThat(refusal(ole2, "清单.xlsx").reason()).startsWith("无法读取该 Excel 文件：文件已损坏，或不是 Excel 97–2003 工作簿（.xls）");
    String damaged = "无法读取该 Excel 文件：文件已损坏，或不是 Excel 工作簿。请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。";
    assertThat(refusal(zip(Map.of("readme.txt", "hello")), "清单.xlsx").reason()).isEqualTo(damaged);
    byte[] truncated = Arrays.copyOf(xlsx(List.of(HEADER, row("欠税清理", "征收管理科", "2026-12-31"))), 300);
    assertThat(refusal(truncated, "清单.xlsx").reason()).isEqualTo(damaged);
  }

  @Test
  void readsAWordDocumentRenamedXlsxForTheDocumentItIs() throws IOException {
    byte[] docx = zip(Map.of(
        "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
            </Types>
            """,
        "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
            </Relationships>
            """,
        "word/document.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>
            """));

    assertThat(refusal(docx, "清单.xlsx").reason()).startsWith("文档中没有表格，找不到任务清单。");
  }

  static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var entry : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().strip().getBytes(UTF_8));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }
}

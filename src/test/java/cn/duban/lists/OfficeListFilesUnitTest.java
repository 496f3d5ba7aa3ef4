package cn.duban.lists;

import static cn.duban.lists.ListFiles.fixture;
import static cn.duban.lists.ListFiles.row;
import static cn.duban.lists.ListFileReaderUnitTest.refusal;
import static cn.duban.lists.ListFileReaderUnitTest.texts;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

import cn.duban.lists.ListFiles.Formula;

/**
 * Lists in the files bureaus really have: Excel 97–2003 .xls, WPS .et, and the 任务清单 table of a Word 通知 (.docx),
 * as LibreOffice saved them (src/test/resources/lists, made by make-fixtures.sh there), next to the .xlsx; and what
 * offices send by mistake: an old .doc, a document without a list, a web page named .xls, a file with a password.
 */
class OfficeListFilesUnitTest {

  static final ListCheckOptions OPTIONS = ListCheckOptions.issuedOn(NoticeList.ISSUED, NoticeList.CODE);

  final FakeBureau bureau = new FakeBureau();
  final ListChecker checker = new ListChecker(bureau);
  final List<CheckedRow> expected = NoticeList.expected(bureau.addWorkingDays(NoticeList.ISSUED, 20));

  static final List<String> FILES = NoticeList.FILES;

  @ParameterizedTest(name = "{0}")
  @FieldSource("FILES")
  void readsTheSameItemsFromTheXlsxXlsEtAndDocxThatLibreOfficeSaved(String file) {
    ListCheck check = checker.check(fixture(file), "2027年第一季度任务清单" + file.substring(file.indexOf('.')), OPTIONS);

    assertThat(check.errors()).isEmpty();
    // 责任部门 and 分管领导 merged down, line breaks in 工作要求, the empty row and the 注 row: see NoticeList
    assertThat(check.rows()).containsExactlyElementsOf(expected);
  }

  @Test
  void takesTheFirstTableWhoseHeaderHasTheListsColumnsAndSaysSo() {
    // notice.docx: the contact table (序号 部门 联系人 联系电话 备注) comes first; text around the tables is ignored
    ListSheet table = ListFileReader.read(fixture("notice.docx"), "通知.docx");

    assertThat(table.addressing()).isEqualTo(Addressing.TABLE);
    assertThat(table.header().number()).as("the title row spanning the table is skipped").isEqualTo(2);
    assertThat(table.warnings()).containsExactly(ImportProblem.ofFile(
        "文档中有 2 个表格，已读取第 2 个表格（表头含有任务清单的列）；其他表格和表格以外的文字不导入。"));
  }

  @Test
  void namesTheRowsOfAWordTableAsTheTableCountsThem() {
    ListCheck check = checker.check(fixture("notice-with-mistakes.docx"), "专项工作任务清单.docx", OPTIONS);

    assertThat(check.rows()).isEmpty();
    assertThat(check.errors()).containsExactly(
        new ImportProblem(2, "表格第 2 行", "责任部门", "稽查科", "责任部门「稽查科」不存在，请填写部门全称或部门代码。"),
        // the 责任部门 merged over rows 2 and 3 is wrong in both rows
        new ImportProblem(3, "表格第 3 行", "责任部门", "稽查科", "责任部门「稽查科」不存在，请填写部门全称或部门代码。"),
        new ImportProblem(4, "表格第 4 行", "分管领导", "周敏", "「周敏」不是局领导，不能担任分管领导。"),
        new ImportProblem(4, "表格第 4 行", "完成时限", "下月底",
            "完成时限「下月底」无法识别，请写成日期（如 2026-12-31、2026年12月31日）或“N个工作日”。"));
    assertThat(check.toException().problems().get(0).field()).isEqualTo("表格第 2 行 责任部门");
  }

  @Test
  void readsATableWithTrackedChangesAsWordShowsItsFinalText() {
    // a 通知 passed round with 修订 on: one run deleted, one inserted, neither accepted yet
    String run = "<w:r><w:rPr></w:rPr><w:t>排查高风险纳税人。</w:t></w:r>";
    byte[] revised = ListFiles.editedDocx(fixture("notice-with-mistakes.docx"), xml -> {
      assertThat(xml).contains(run);
      return xml.replace(run, "<w:del w:id=\"90\" w:author=\"周敏\" w:date=\"2027-01-04T09:00:00Z\"><w:r>"
          + "<w:delText>排查全部纳税人。</w:delText></w:r></w:del>" + run
          + "<w:ins w:id=\"91\" w:author=\"周敏\" w:date=\"2027-01-04T09:00:00Z\"><w:r><w:t>形成排查报告。</w:t></w:r></w:ins>");
    });

    ListSheet table = ListFileReader.read(revised, "专项工作任务清单.docx");

    assertThat(table.rows().get(0).cell(2).text()).isEqualTo("排查高风险纳税人。形成排查报告。");
  }

  @Test
  void refusesADocumentWithoutAListNamingTheColumnsItLookedFor() {
    assertThat(refusal(fixture("notice-without-list.docx"), "关于报送进展情况的通知.docx").reason()).isEqualTo(
        "文档中的 1 个表格都不是任务清单：没有一个表格的表头含有“事项名称”“责任部门”“完成时限”中的至少 2 列。"
            + "任务清单须是 Word 表格，表头写明：序号、事项名称*、工作要求、责任部门*、协办部门、责任人、分管领导、完成时限*、反馈周期、备注（*为必填）。");
  }

  @Test
  void refusesAnOldWordDocumentSayingHowToSaveItAsDocx() {
    String saveAs = "请在 Word 或 WPS 中打开该文档，点“文件”→“另存为”，保存类型选“Word 文档 (*.docx)”，再导入保存好的 .docx 文件。";
    assertThat(refusal(fixture("notice.doc"), "通知.doc").reason()).isEqualTo("不支持旧版 Word 文档（.doc）。" + saveAs);
    assertThat(refusal(fixture("notice.doc"), "通知.docx").reason())
        .isEqualTo("该文件是旧版 Word 文档（.doc），只是扩展名为 .docx。" + saveAs);
    assertThat(refusal("{\\rtf1\\ansi 通知}".getBytes(UTF_8), "通知.doc").reason())
        .isEqualTo("不支持旧版 Word 文档（.doc）。" + saveAs);
  }

  @ParameterizedTest(name = "{0} named {1}")
  @CsvSource({"list.xls, 清单.xlsx", "list.xlsx, 清单.xls", "list.xlsx, 清单.et", "list.xls, 清单.csv",
      "notice.docx, 清单.doc", "notice.docx, 清单.xlsx"})
  void readsAFileForWhatItsContentIsWhateverItsExtensionSays(String file, String name) {
    assertThat(checker.check(fixture(file), name, OPTIONS).rows()).containsExactlyElementsOf(expected);
  }

  // ---- merged cells in spreadsheets: as in Word, a value merged down a column belongs to every row it spans

  static final List<List<Object>> MERGED = List.of(
      row("2027年任务清单"),
      row("事项名称", "责任部门", "完成时限", "分管领导"),
      row("欠税清理", "征收管理科", "2027-03-31", "刘海燕"),
      row("非正常户清理", null, null, null),
      row(),
      row("留抵退税核查", "风险管理科", "2027-02-10", null),
      row("发票风险排查", null, null, null));

  static List<byte[]> mergedWorkbooks() {
    // A1:D1 the title over the width; B3:B4, C3:C4, B6:C7 and D3:D7 down (D5 is an empty row; D6, D7 take 刘海燕)
    String[] regions = {"A1:D1", "B3:B4", "C3:C4", "D3:D7", "B6:B7", "C6:C7"};
    return List.of(ListFiles.merged(new XSSFWorkbook(), MERGED, regions),
        ListFiles.merged(new HSSFWorkbook(), MERGED, regions));
  }

  @Test
  void givesAValueMergedDownAColumnToEveryRowItSpansInXlsxAndXlsAlike() {
    for (byte[] file : mergedWorkbooks()) {
      ListSheet sheet = ListFileReader.read(file, ListFileReaderUnitTest.isXlsx(file) ? "清单.xlsx" : "清单.xls");

      assertThat(sheet.header().number()).isEqualTo(2);
      assertThat(sheet.rows()).extracting(SheetRow::number).as("the empty row 5 is skipped, merged over or not")
          .containsExactly(3, 4, 6, 7);
      assertThat(texts(sheet)).containsExactly(
          List.of("欠税清理", "征收管理科", "2027-03-31", "刘海燕"),
          List.of("非正常户清理", "征收管理科", "2027-03-31", "刘海燕"),
          List.of("留抵退税核查", "风险管理科", "2027-02-10", "刘海燕"),
          List.of("发票风险排查", "风险管理科", "2027-02-10", "刘海燕"));
    }
  }

  // ---- .xls and .et cell by cell

  @Test
  void readsAnXlsWorkbookCellForCellAsTheSameXlsx() {
    List<List<Object>> rows = List.of(
        row("事项名称", "责任部门", "完成时限", "序号", "备注"),
        row("欠税清理", "征收管理科", ListFiles.date(2026, 12, 31), 1, "多行\n备注"),
        row("发票排查", "FXGLK", ListFiles.chineseDate(2027, 1, 5), 2.5, true),
        row("留抵退税", "风险管理科", ListFiles.dateTime(2026, 12, 10, 9, 30), 123456789012L, new Formula("TODAY()+30")),
        row("=cmd|' /C calc'!A0", "税政科", "10个工作日", 0.1 + 0.2, new Formula("SUM(D2:D3)&\"件\"")));

    ListSheet xls = ListFileReader.read(ListFiles.xls(rows), "清单.xls");
    ListSheet xlsx = ListFileReader.read(ListFiles.xlsx(rows), "清单.xlsx");

    assertThat(xls.rows()).isEqualTo(xlsx.rows());
    assertThat(xls.rows().get(1).cell(2).date()).isEqualTo(java.time.LocalDate.of(2027, 1, 5));
    assertThat(xls.rows().get(2).cell(4)).isEqualTo(SheetCell.ofFormula("TODAY()+30"));
  }

  @Test
  void readsFormulasFilledDownAnXlsColumnAsTheirOwnTextNeverTheirResult() {
    // formulas.xls: LibreOffice keeps =ROW()-1 and =B2&"完成" filled down as two shared formulas
    ListSheet sheet = ListFileReader.read(fixture("formulas.xls"), "清单.xls");

    assertThat(sheet.rows()).extracting(row -> row.cell(0).text(), row -> row.cell(3).text()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("=ROW()-1", "=B2&\"完成\""),
        org.assertj.core.groups.Tuple.tuple("=ROW()-1", "=B3&\"完成\""),
        org.assertj.core.groups.Tuple.tuple("=ROW()-1", "=B4&\"完成\""),
        org.assertj.core.groups.Tuple.tuple("=ROW()-1", "=B5&\"完成\""));
    assertThat(sheet.rows()).allSatisfy(row -> assertThat(row.cell(3).formula()).isTrue());
  }

  @Test
  void readsTheSheetNamedTaskListOfAnXlsWorkbookOrTheFirstAndSaysWhichItRead() {
    // list.xls has 填表说明 before 任务清单
    assertThat(ListFileReader.read(fixture("list.xls"), "清单.xls").sheetName()).isEqualTo("任务清单");

    var sheets = new java.util.LinkedHashMap<String, List<List<Object>>>();
    sheets.put("Sheet1", List.of(ListFileReaderUnitTest.HEADER, row("欠税清理", "征收管理科", "2026-12-31")));
    sheets.put("Sheet2", List.of(row("说明")));
    ListSheet sheet = ListFileReader.read(ListFiles.xls(sheets), "清单.et");
    assertThat(sheet.sheetName()).isEqualTo("Sheet1");
    assertThat(sheet.warnings()).containsExactly(
        ImportProblem.ofFile("工作簿有 2 个工作表，没有名为“任务清单”的工作表，已读取第一个工作表「Sheet1」。"));
  }

  @Test
  void refusesAnXlsWorkbookWithAPasswordToOpenIt() throws IOException {
    byte[] locked;
    Biff8EncryptionKey.setCurrentUserPassword("secret");
    try (HSSFWorkbook workbook = new HSSFWorkbook(new ByteArrayInputStream(ListFiles.xls(
        List.of(ListFileReaderUnitTest.HEADER, row("欠税清理", "征收管理科", "2026-12-31")))))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      locked = out.toByteArray();
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }

    String password = "该文件设置了打开密码，无法读取。请在 Excel、Word 或 WPS 中打开它，取消打开密码后保存，再导入。";
    assertThat(refusal(locked, "清单.xls").reason()).isEqualTo(password);
    // an .xlsx or .docx with a password is an OLE2 file holding the encrypted package
    assertThat(refusal(compoundFile("EncryptionInfo", "EncryptedPackage"), "清单.xlsx").reason()).isEqualTo(password);
  }

  @Test
  void refusesWhatIsNotAnExcel97Workbook() throws IOException {
    String saveAs = "请在 Excel 或 WPS 中打开清单，“另存为” Excel 工作簿（.xlsx）后再导入。";
    assertThat(refusal(compoundFile("Book"), "清单.xls").reason())
        .isEqualTo("该文件是 Excel 5.0/95 的旧格式，无法读取。" + saveAs);
    assertThat(refusal(compoundFile("PowerPoint Document"), "清单.xls").reason())
        .isEqualTo("该文件是 PowerPoint 演示文稿，不是任务清单。请上传任务清单的 Excel 工作簿（.xlsx、.xls）、WPS 表格（.et）、CSV 文件或 Word 文档（.docx）。");
    assertThat(refusal(compoundFile("Contents"), "清单.et").reason())
        .isEqualTo("无法识别该文件：它是 Office 的二进制文件，但不是 Excel 工作簿或 WPS 表格。" + saveAs);
    assertThat(refusal(Arrays.copyOf(fixture("list.xls"), 1000), "清单.xls").reason())
        .isEqualTo("无法读取该 Excel 文件：文件已损坏，或不是 Excel 97–2003 工作簿（.xls）。" + saveAs);
    assertThat(refusal("<html><body><table><tr><td>事项名称</td></tr></table></body></html>".getBytes(UTF_8), "清单.xls")
        .reason()).isEqualTo("该文件是网页（HTML）或 XML 文件，只是扩展名为 .xls，不是 Excel 工作簿（.xls）。" + saveAs);
  }

  /** An OLE2 compound file holding empty streams of these names. */
  static byte[] compoundFile(String... streams) throws IOException {
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      for (String stream : streams) {
        fs.createDocument(new ByteArrayInputStream(new byte[64]), stream);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }
}

package cn.duban.lists;

import static cn.duban.lists.ListFiles.csv;
import static cn.duban.lists.ListFiles.date;
import static cn.duban.lists.ListFiles.row;
import static cn.duban.lists.ListFiles.xlsx;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.duban.item.ItemRules;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.excel.FormulaInjection;

class ListCheckerUnitTest {

  static final ListCheckOptions OPTIONS = ListCheckOptions.issuedOn(RealList.ISSUED, RealList.CODE);

  final FakeBureau bureau = new FakeBureau();
  final ListChecker checker = new ListChecker(bureau);

  static Stream<Arguments> theRealListInEveryFormat() {
    return Stream.of(
        arguments("xlsx saved by Excel or WPS", "2026年第四季度任务清单.xlsx", xlsx(RealList.ROWS)),
        arguments("xlsx written with inline strings", "清单.XLSX", ListFiles.streamingXlsx(RealList.ROWS)),
        arguments("CSV in UTF-8", "清单.csv", csv(RealList.ROWS, UTF_8, false)),
        arguments("CSV in UTF-8 with BOM", "清单.csv", csv(RealList.ROWS, UTF_8, true)),
        arguments("CSV in GBK, as Excel saves it on Chinese Windows", "清单.csv", csv(RealList.ROWS, ListFiles.GBK, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("theRealListInEveryFormat")
  void turnsEveryRowOfTheRealListIntoTheSameDraftWhateverTheFileFormat(String format, String fileName, byte[] content) {
    ListCheck check = checker.check(content, fileName, OPTIONS);

    assertThat(check.errors()).isEmpty();
    assertThat(check.warnings()).isEmpty();
    assertThat(check.rows()).containsExactlyElementsOf(RealList.EXPECTED);
    assertThat(check.drafts()).containsExactlyElementsOf(RealList.EXPECTED.stream().map(CheckedRow::draft).toList());
    assertThat(check.summary()).isEqualTo("清单共 20 个事项，检查通过。");
  }

  @Test
  void marksTheDeadlinesThatWereCountedInWorkingDays() {
    ListCheck check = checker.check(xlsx(RealList.ROWS), "清单.xlsx", OPTIONS);

    assertThat(check.rows()).filteredOn(CheckedRow::deadlineFromWorkingDays)
        .extracting(CheckedRow::row, CheckedRow::workingDays, CheckedRow::deadline)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(8, 10, LocalDate.of(2026, 10, 15)),
            org.assertj.core.groups.Tuple.tuple(11, 15, LocalDate.of(2026, 10, 22)),
            org.assertj.core.groups.Tuple.tuple(13, 20, LocalDate.of(2026, 10, 29)),
            org.assertj.core.groups.Tuple.tuple(21, 5, LocalDate.of(2026, 10, 9)));
  }

  @Test
  void everyDraftOfACheckedListPassesTheItemRules() {
    ListCheck check = checker.check(xlsx(RealList.ROWS), "清单.xlsx", OPTIONS);

    assertThat(check.drafts()).hasSize(20).allSatisfy(draft ->
        assertThat(ItemRules.validate(draft, RealList.ISSUED, false, bureau.asItemDirectory()).unitId())
            .isEqualTo(draft.unitId()));
  }

  static final List<Object> MISTAKES_HEADER = row("事项名称", "责任部门", "责任人", "协办部门", "分管领导", "完成时限", "反馈周期");

  @Test
  void reportsEveryMistakeOfAListAtOnceWithItsRowAndColumnAndNothingElse() {
    byte[] file = xlsx(List.of(
        MISTAKES_HEADER,
        row("落实税费优惠政策", "纳税服务科", "李慧", null, "王立新", "2026-12-31", "每月"),
        row("发票风险排查", "稽查科", null, null, null, "2026-12-31", null),
        row("欠税清理", "征收管理科", "李慧", null, null, "2026-12-31", null),
        row("纳税服务提升", "纳税服务科", null, null, "周敏", "2026-12-31", null),
        row("社保费征缴", "征收管理科", null, null, null, "2026-13-01", null),
        row("留抵退税核查", "风险管理科", null, null, null, date(2026, 9, 1), null),
        row("政策宣传", "税政科", null, null, null, "2026-12-31", "每天"),
        row(null, "办公室", null, null, null, "2026-12-31", null),
        row("落实税费优惠政策", "NSFWK", null, null, null, "2026-12-31", null),
        row("纳税信用复评", "征收管理科", null, "征收管理科", null, "2026-12-31", null),
        row("电子税务局辅导", "纳税服务科", null, "信息科", null, "2026-12-31", null),
        row("税".repeat(201), "纳税服务科", null, null, null, "2026-12-31", null),
        row("个税汇算辅导", "纳税服务科", "王五", null, null, "2026-12-31", null),
        row("税收分析", "税政科", null, null, null, "下月底", null),
        row("社保费风险应对", "风险管理科", null, null, null, new ListFiles.Formula("TODAY()+30"), null),
        row("协办部门重复", "纳税服务科", null, "征收管理科、ZSGLK", null, "2026-12-31", null),
        row("跨年事项", "纳税服务科", null, null, null, "80个工作日", null),
        row("零工作日", "纳税服务科", null, null, null, "0个工作日", null),
        row("缺部门和时限", null, null, null, null, null, null),
        row("张伟的事项", "纳税服务科", "张伟", null, null, "2026-12-31", null),
        row("日期成了数字", "纳税服务科", null, null, null, 46387, null),
        row("一行多处错误", "税政科", "黄俊杰", "税政科", "李慧", "2026/02/30", "半月")));

    ListCheck check = checker.check(file, "清单.xlsx", OPTIONS);

    assertThat(check.ok()).isFalse();
    assertThat(check.rows()).isEmpty();
    assertThat(check.warnings()).isEmpty();
    assertThat(check.errors()).containsExactly(
        ImportProblem.at(3, "责任部门", "稽查科", "责任部门「稽查科」不存在，请填写部门全称或部门代码。"),
        ImportProblem.at(4, "责任人", "李慧", "责任人「李慧」不是责任部门「征收管理科」的成员。"),
        ImportProblem.at(5, "分管领导", "周敏", "「周敏」不是局领导，不能担任分管领导。"),
        ImportProblem.at(6, "完成时限", "2026-13-01", "完成时限「2026-13-01」不是有效日期。"),
        ImportProblem.at(7, "完成时限", "2026-09-01", "完成时限 2026-09-01 早于下发日期 2026-09-24。"),
        ImportProblem.at(8, "反馈周期", "每天", "反馈周期「每天」无效，只能是 每周、每两周、每月、每季度 或留空。"),
        ImportProblem.at(9, "事项名称", null, "事项名称不能为空。"),
        ImportProblem.at(10, "事项名称", "落实税费优惠政策", "与第 2 行重复（事项名称和责任部门都相同）。"),
        ImportProblem.at(11, "协办部门", "征收管理科", "协办部门「征收管理科」与责任部门相同。"),
        ImportProblem.at(12, "协办部门", "信息科", "协办部门「信息科」不存在，请填写部门全称或部门代码。"),
        ImportProblem.at(13, "事项名称", "税".repeat(201), "事项名称不能超过 200 个字（现有 201 个字）。"),
        ImportProblem.at(14, "责任人", "王五", "责任人「王五」不存在，请填写姓名或用户名。"),
        ImportProblem.at(15, "完成时限", "下月底", "完成时限「下月底」无法识别，请写成日期（如 2026-12-31、2026年12月31日）或“N个工作日”。"),
        ImportProblem.at(16, "完成时限", "=TODAY()+30", "完成时限是公式，导入时不计算公式，请直接填写日期（如 2026-12-31）或“N个工作日”。"),
        ImportProblem.at(17, "协办部门", "ZSGLK", "协办部门「ZSGLK」重复。"),
        ImportProblem.at(18, "完成时限", "80个工作日", "无法按工作日计算完成时限：2027年的节假日安排尚未公布，无法计算工作日。"),
        ImportProblem.at(19, "完成时限", "0个工作日", "完成时限的工作日数必须在 1 到 1000 之间。"),
        ImportProblem.at(20, "责任部门", null, "责任部门不能为空。"),
        ImportProblem.at(20, "完成时限", null, "完成时限不能为空。"),
        ImportProblem.at(21, "责任人", "张伟", "责任人「张伟」不是责任部门「纳税服务科」的成员。"),
        ImportProblem.at(22, "完成时限", "46387", "完成时限「46387」是一个数字，不是日期：请把该单元格设置为日期格式，或写成 2026-12-31 的形式。"),
        ImportProblem.at(23, "责任人", "黄俊杰", "责任人「黄俊杰」不是责任部门「税政科」的成员。"),
        ImportProblem.at(23, "协办部门", "税政科", "协办部门「税政科」与责任部门相同。"),
        ImportProblem.at(23, "分管领导", "李慧", "「李慧」不是局领导，不能担任分管领导。"),
        ImportProblem.at(23, "完成时限", "2026/02/30", "完成时限「2026/02/30」不是有效日期。"),
        ImportProblem.at(23, "反馈周期", "半月", "反馈周期「半月」无效，只能是 每周、每两周、每月、每季度 或留空。"));
    assertThat(check.errors().get(10).value()).hasSize(ImportProblem.VALUE_ECHO_MAX + 1).endsWith("…");
    assertThat(check.summary()).isEqualTo("清单有 26 处错误，未创建任何事项。");
  }

  @Test
  void turnsTheErrorsIntoDubansUsualInvalidInputAnswer() {
    byte[] file = csv(List.of(MISTAKES_HEADER,
        row("发票风险排查", "稽查科", null, null, null, "2026-12-31", null),
        row("政策宣传", "税政科", null, null, null, "2026-12-31", "每天")));

    ListCheck check = checker.check(file, "清单.csv", OPTIONS);

    assertThatThrownBy(check::rowsOrThrow).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.getMessage()).isEqualTo("清单有 2 处错误，未创建任何事项。");
      assertThat(e.problems()).containsExactly(
          new FieldProblem("第2行 责任部门", "稽查科", "责任部门「稽查科」不存在，请填写部门全称或部门代码。"),
          new FieldProblem("第3行 反馈周期", "每天", "反馈周期「每天」无效，只能是 每周、每两周、每月、每季度 或留空。"));
    });
  }

  @Test
  void aCellWithAControlCharacterFailsItsRowNamingTheColumn() {
    // an .xlsx carries a NUL as _x0000_
    byte[] file = ListFiles.xlsxWithControlCharacters(List.of(MISTAKES_HEADER,
        row("发票\u0000风险排查", "纳税服务科", null, null, null, "2026-12-31", null),
        row("欠税清理", "纳税服务科", null, null, null, "2026-12-31", "每月\u0001")));

    ListCheck check = checker.check(file, "清单.xlsx", OPTIONS);

    assertThat(check.rows()).isEmpty();
    assertThat(check.errors()).extracting(ImportProblem::row, ImportProblem::column, ImportProblem::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "事项名称", "发票\\u0000风险排查"),
            org.assertj.core.groups.Tuple.tuple(3, "反馈周期", "每月\\u0001"));
    assertThat(check.errors().get(0).reason()).contains("控制字符");
  }

  @Test
  void turnsARefusedFileIntoOneFileLevelError() {
    ListCheck check = checker.check(new byte[0], "清单.xlsx", OPTIONS);

    assertThat(check.errors()).containsExactly(ImportProblem.ofFile("文件是空的（0 字节），请选择填写好的任务清单。"));
    assertThat(check.summary()).isEqualTo("清单无法导入：文件是空的（0 字节），请选择填写好的任务清单。未创建任何事项。");
    assertThat(check.toException().problems())
        .containsExactly(new FieldProblem("文件", null, "文件是空的（0 字节），请选择填写好的任务清单。"));
  }

  @Test
  void acceptsDeadlinesBeforeTheIssueDateOnlyWhenAskedExplicitly() {
    byte[] file = csv(List.of(MISTAKES_HEADER, row("补录已交办事项", "纳税服务科", null, null, null, "2026-09-01", null)));

    assertThat(checker.check(file, "清单.csv", OPTIONS).errors()).extracting(ImportProblem::reason)
        .containsExactly("完成时限 2026-09-01 早于下发日期 2026-09-24。");
    assertThat(checker.check(file, "清单.csv", new ListCheckOptions(RealList.ISSUED, true, null)).rows())
        .extracting(CheckedRow::deadline).containsExactly(LocalDate.of(2026, 9, 1));
  }

  @Test
  void acceptsADeadlineOnTheIssueDateItself() {
    byte[] file = csv(List.of(MISTAKES_HEADER, row("当日事项", "纳税服务科", null, null, null, "2026-09-24", null)));

    assertThat(checker.check(file, "清单.csv", OPTIONS).ok()).isTrue();
  }

  @Test
  void picksTheNamesakeWhoFitsAndAsksForTheUserIdWhenSeveralDo() {
    bureau.person("zhangwei3", "张伟", "ZSGLK");
    byte[] file = csv(List.of(MISTAKES_HEADER,
        row("社保费征缴风险应对", "风险管理科", "张伟", null, null, "2026-12-31", null),
        row("欠税清理", "征收管理科", "张伟", null, null, "2026-12-31", null),
        row("非正常户清理", "征收管理科", "zhangwei3", null, null, "2026-12-31", null)));

    ListCheck check = checker.check(file, "清单.csv", OPTIONS);

    assertThat(check.errors()).containsExactly(ImportProblem.at(3, "责任人", "张伟",
        "责任部门「征收管理科」中有 2 人名为「张伟」，请填写用户名（zhangwei、zhangwei3）。"));
  }

  @Test
  void readsIdsDigitsSeparatorsAndSpacesTypedInFullWidth() {
    byte[] file = csv(List.of(
        row("事项名称", "责任部门", "协办部门", "责任人", "完成时限", "反馈周期"),
        row("\u3000全角输入的事项\u00A0", "ＮＳＦＷＫ", "ＺＳＧＬＫ，ＦＸＧＬＫ　ＳＺＫ", "ｌｉｈｕｉ", "２０２６－１２－３１", "每月"),
        row("全角工作日", "纳税服务科", null, null, "３ 个工作日内", null)));

    ListCheck check = checker.check(file, "清单.csv", OPTIONS);

    assertThat(check.errors()).isEmpty();
    assertThat(check.drafts().get(0).title()).isEqualTo("全角输入的事项");
    assertThat(check.drafts().get(0).unitId()).isEqualTo("NSFWK");
    assertThat(check.drafts().get(0).coUnitIds()).containsExactly("ZSGLK", "FXGLK", "SZK");
    assertThat(check.drafts().get(0).assignee()).isEqualTo("lihui");
    assertThat(check.drafts().get(0).deadline()).isEqualTo("2026-12-31");
    assertThat(check.rows().get(1).deadline()).isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(check.rows().get(1).workingDays()).isEqualTo(3);
  }

  @Test
  void acceptsEveryWrittenDateFormAndRejectsMixedOrIncompleteOnes() {
    List<String> accepted = List.of("2026-12-31", "2026/12/31", "2026.12.31", "2026年12月31日", "2026-1-5", "2026/1/5",
        "2026.1.5", "2026年1月5日", "2026/12/31 0:00", "2026-12-31 00:00:00");
    List<String> refused = List.of("2026-12/31", "12月31日", "26-12-31", "2026年12月", "31/12/2026", "下月底");
    List<List<Object>> rows = new ArrayList<>();
    rows.add(row("事项名称", "责任部门", "完成时限"));
    Stream.concat(accepted.stream(), refused.stream()).forEach(d -> rows.add(row("事项 " + d, "纳税服务科", d)));

    ListCheck check = checker.check(csv(rows), "清单.csv", new ListCheckOptions(LocalDate.of(2026, 1, 1), false, null));

    assertThat(check.errors()).extracting(ImportProblem::value).containsExactlyElementsOf(refused);
  }

  @Test
  void countsWorkingDaysWrittenInEveryWayTheCalendarReadsThem() {
    List<String> written = List.of("5个工作日", "5 个工作日", "5工作日", "５个工作日内", "五个工作日", "5个工作日以内", "五个工作日之内",
        "十个工作日", "十五个工作日", "二十个工作日", "两个工作日");
    List<List<Object>> rows = new ArrayList<>();
    rows.add(row("事项名称", "责任部门", "完成时限"));
    written.forEach(w -> rows.add(row("事项 " + w, "纳税服务科", w)));
    rows.add(row("事项 1001", "纳税服务科", "1001个工作日"));
    rows.add(row("事项 十十", "纳税服务科", "十十个工作日"));

    ListCheck check = checker.check(csv(rows), "清单.csv", new ListCheckOptions(RealList.ISSUED, true, null));

    assertThat(check.errors()).extracting(ImportProblem::row, ImportProblem::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(13, "完成时限的工作日数必须在 1 到 1000 之间。"),
        org.assertj.core.groups.Tuple.tuple(14, "完成时限的工作日数必须在 1 到 1000 之间。"));
    check = checker.check(csv(rows.subList(0, rows.size() - 2)), "清单.csv", OPTIONS);
    assertThat(check.rows()).extracting(CheckedRow::workingDays)
        .containsExactly(5, 5, 5, 5, 5, 5, 5, 10, 15, 20, 2);
    assertThat(check.rows()).extracting(CheckedRow::deadline).startsWith(LocalDate.of(2026, 10, 9));
  }

  @Test
  void warnsWhenWorkingDaysRunIntoAYearWhoseArrangementIsNotPublished() {
    ListChecker lenient = new ListChecker(new FakeBureau().countingUnpublishedYearsMondayToFriday());
    byte[] file = csv(List.of(MISTAKES_HEADER, row("跨年事项", "纳税服务科", null, null, null, "80个工作日", null)));

    ListCheck check = lenient.check(file, "清单.csv", OPTIONS);

    assertThat(check.errors()).isEmpty();
    assertThat(check.rows()).extracting(CheckedRow::deadline).containsExactly(LocalDate.of(2027, 1, 21));
    assertThat(check.warnings()).containsExactly(ImportProblem.at(2, "完成时限", "80个工作日",
        "完成时限按工作日推算为 2027-01-21，2027年的节假日安排尚未公布，按周一至周五计算，可能不准确。"));
  }

  @Test
  void recognisesHeadersWhateverTheirOrderSpacingWidthAndMarks() {
    byte[] file = xlsx(List.of(
        row(" 完成时限　＊", "＊事项名称", "责 任 部 门 *", "反馈周期（每周/每月）", "协办部门(可填多个)", "  备注  "),
        row("2026-12-31", "欠税清理", "征收管理科", "每月", "风险管理科", "重点")));

    ListCheck check = checker.check(file, "清单.xlsx", OPTIONS);

    assertThat(check.errors()).isEmpty();
    assertThat(check.warnings()).isEmpty();
    assertThat(check.rows()).singleElement().satisfies(r -> {
      assertThat(r.draft().title()).isEqualTo("欠税清理");
      assertThat(r.draft().unitId()).isEqualTo("ZSGLK");
      assertThat(r.draft().coUnitIds()).containsExactly("FXGLK");
      assertThat(r.draft().reportingCycle()).isEqualTo("MONTHLY");
      assertThat(r.remark()).isEqualTo("重点");
    });
  }

  @Test
  void warnsAboutAnUnknownColumnOrAnUnnamedOneButImportsTheList() {
    byte[] file = csv(List.of(
        row("事项名称", "责任部门", "完成时限", "联系电话", null),
        row("欠税清理", "征收管理科", "2026-12-31", "0571-12345678", "随手写的"),
        row("发票风险排查", "风险管理科", "2026-12-31", null, null)));

    ListCheck check = checker.check(file, "清单.csv", OPTIONS);

    assertThat(check.errors()).isEmpty();
    assertThat(check.rows()).hasSize(2);
    assertThat(check.warnings()).containsExactly(
        ImportProblem.at(1, "联系电话", null, "无法识别列「联系电话」（第 D 列），导入时忽略该列。"),
        ImportProblem.at(1, "第 E 列", null, "第 E 列有内容但没有列名，导入时忽略该列。"));
    assertThat(check.summary()).isEqualTo("清单共 2 个事项，检查通过，另有 2 条提示。");
  }

  @Test
  void reportsMissingRequiredColumnsAndATwiceNamedColumnAndStillChecksTheRows() {
    byte[] file = csv(List.of(
        row("事项名称", "责任人", "责任人", "反馈周期"),
        row("欠税清理", "张伟", "杨帆", "每天")));

    ListCheck check = checker.check(file, "清单.csv", OPTIONS);

    assertThat(check.errors()).containsExactly(
        ImportProblem.at(1, "责任人", "责任人", "「责任人」列出现了两次（第 B 列和第 C 列），请删除或改名其中一列。"),
        ImportProblem.at(1, "责任部门", null, "缺少必填列「责任部门」，请在表头（第 1 行）中加上这一列。"),
        ImportProblem.at(1, "完成时限", null, "缺少必填列「完成时限」，请在表头（第 1 行）中加上这一列。"),
        ImportProblem.at(2, "反馈周期", "每天", "反馈周期「每天」无效，只能是 每周、每两周、每月、每季度 或留空。"));
  }

  @Test
  void reportsAMissingDeadlineColumnOnceForTheHeaderNotForEveryRow() {
    byte[] file = csv(List.of(row("事项名称", "责任部门"), row("欠税清理", "征收管理科"), row("发票风险排查", "风险管理科")));

    ListCheck check = checker.check(file, "清单.csv", OPTIONS);

    assertThat(check.errors()).containsExactly(
        ImportProblem.at(1, "完成时限", null, "缺少必填列「完成时限」，请在表头（第 1 行）中加上这一列。"));
    assertThat(check.rows()).isEmpty();
  }

  @Test
  void reimportsAnExportedListIgnoringTheColumnsTheExportAdds() {
    List<Object> header = new ArrayList<>(List.of("事项编号", "状态", "灯号"));
    header.addAll(RealList.HEADER);
    header.addAll(List.of("承办人", "签收时间", "办结时间", "销号时间", "延期次数", "逾期工作日", "协办情况"));
    List<List<Object>> rows = new ArrayList<>();
    rows.add(header);
    int code = 1;
    for (List<Object> original : RealList.ROWS.subList(2, RealList.ROWS.size())) {
      if (original.isEmpty()) {
        rows.add(original);
        continue;
      }
      List<Object> exported = new ArrayList<>(List.of("DB2026-" + String.format("%04d", code++), "承办中", "绿灯"));
      exported.addAll(original);
      exported.addAll(List.of("李慧", "2026-09-25 10:00", "", "", 0, 0, "征收管理科：已反馈"));
      rows.add(exported);
    }

    ListCheck check = checker.check(xlsx(rows), "督办台账.xlsx", OPTIONS);

    assertThat(check.errors()).isEmpty();
    assertThat(check.warnings()).isEmpty();
    assertThat(check.drafts()).containsExactlyElementsOf(RealList.EXPECTED.stream().map(CheckedRow::draft).toList());
  }

  @Test
  void skipsTemplateRowsThatHaveOnlyASerialNumberAndNotesBelowTheList() {
    byte[] file = xlsx(List.of(
        row("序号", "事项名称", "责任部门", "完成时限"),
        row(1, "欠税清理", "征收管理科", "2026-12-31"),
        row(2),
        row(3),
        row("注：完成时限可填写日期或“N个工作日”。")));

    ListCheck check = checker.check(file, "清单.xlsx", OPTIONS);

    assertThat(check.errors()).isEmpty();
    assertThat(check.rows()).extracting(CheckedRow::row).containsExactly(2);
  }

  @Test
  void refusesAListWhoseRowsHoldNothingButSerialNumbers() {
    byte[] file = xlsx(List.of(row("序号", "事项名称", "责任部门", "完成时限"), row(1), row(2)));

    assertThat(checker.check(file, "清单.xlsx", OPTIONS).errors())
        .containsExactly(ImportProblem.ofFile("清单中没有任何事项：表头以下的行除序号外都是空的。"));
  }

  @Test
  void keepsTextThatLooksLikeAFormulaVerbatimAndNeverEvaluatesIt() {
    byte[] file = xlsx(List.of(
        row("事项名称", "工作要求", "责任部门", "完成时限", "备注"),
        row(new ListFiles.Formula("HYPERLINK(\"http://example.com/x\",\"点击查看\")"), "@SUM(A1:A9)", "纳税服务科",
            "2026-12-31", "-2+3"),
        row("=1+2", "+86 0571 1234", "征收管理科", "2026-12-31", "\t=cmd")));

    ListCheck check = checker.check(file, "清单.xlsx", OPTIONS);

    assertThat(check.errors()).isEmpty();
    assertThat(check.rows()).extracting(r -> r.draft().title(), r -> r.draft().requirement(), CheckedRow::remark)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("=HYPERLINK(\"http://example.com/x\",\"点击查看\")", "@SUM(A1:A9)", "-2+3"),
            // a leading tab is white space around the value, trimmed like any other
            org.assertj.core.groups.Tuple.tuple("=1+2", "+86 0571 1234", "=cmd"));
    assertThat(check.warnings()).containsExactly(ImportProblem.at(2, "事项名称",
        "=HYPERLINK(\"http://example.com/x\",\"点击查看\")", "该单元格是公式，已按公式原文导入，没有计算公式的结果。"));
    assertThat(check.drafts()).extracting(d -> FormulaInjection.neutraliseForExport(d.title()))
        .containsExactly("'=HYPERLINK(\"http://example.com/x\",\"点击查看\")", "'=1+2");
  }

  @Test
  void refusesAListCodeLongerThanAnItemCanCarry() {
    byte[] file = csv(List.of(MISTAKES_HEADER, row("欠税清理", "征收管理科", null, null, null, "2026-12-31", null)));

    ListCheck check = checker.check(file, "清单.csv", new ListCheckOptions(RealList.ISSUED, false, "Q".repeat(41)));

    assertThat(check.errors()).extracting(ImportProblem::location, ImportProblem::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("清单编号", "清单编号不能超过 40 个字符。"));
  }
}

package cn.duban.lists;

import java.time.LocalDate;
import java.util.List;

import cn.duban.item.ItemDraft;

/**
 * The 任务清单 of the fixtures LibreOffice made (src/test/resources/lists: list.fods saved as .xls, .xlsx and .et; the
 * same list as the attachment table of notice.html saved as .docx), as the office expects it: 责任部门 and 分管领导
 * merged down over the rows they cover given to each row, line breaks in 工作要求 kept, the empty row 6 and the 注 row
 * skipped. Row numbers are the same in the sheet and in the Word table (a title row, then the header).
 */
final class NoticeList {

  static final LocalDate ISSUED = LocalDate.of(2026, 10, 12);
  static final String CODE = "QD-2027-01";

  /** Every format of the list, by the name an office would upload it with. */
  static final List<String> FILES = List.of("list.xlsx", "list.xls", "list.et", "notice.docx");

  private NoticeList() {
  }

  /** @param twentyWorkingDays the deadline "20个工作日" gives from {@link #ISSUED} in the bureau's calendar */
  static List<CheckedRow> expected(LocalDate twentyWorkingDays) {
    return List.of(
        row(3, "1", "2027-03-31", null, "落实小微企业税费优惠政策", "一、逐户扫描应享未享疑点数据；\n二、推送政策提醒，确保应享尽享。",
            "NSFWK", "lihui", List.of("SZK"), "wanglixin", "MONTHLY"),
        row(4, "2", "2027-02-26", null, "纳税服务热线咨询质量提升", "每月抽查热线录音，通报问题。", "NSFWK", "huangjunjie",
            List.of(), "wanglixin", "BIWEEKLY"),
        row(5, "3", twentyWorkingDays.toString(), 20, "税费优惠政策宣传进社区", "编印宣传手册，进社区、进企业开展宣讲。", "NSFWK",
            "wutingting", List.of("CGFJ"), "wanglixin", null),
        row(7, "4", "2027-01-29", null, "欠税清理专项行动", "建立欠税台账；\n逐户制定清欠计划，“一户一策”推进清缴。", "ZSGLK",
            "zhangwei", List.of(), "liuhaiyan", "MONTHLY"),
        row(8, "5", "2027-03-15", null, "非正常户清理", "清理长期非正常户，按规定认定、解除。", "ZSGLK", "yangfan",
            List.of("FXGLK", "NSFWK"), "liuhaiyan", null),
        row(9, "6", "2027-02-10", null, "增值税留抵退税风险核查", "对留抵退税风险疑点逐户核查。", "FXGLK", "hubin", List.of("ZSGLK"),
            "liuhaiyan", "WEEKLY"),
        row(10, "7", "2027-03-31", null, "首问负责制度落实情况检查", "检查首问负责、领导值班等制度落实情况。", "BGS", "zhoumin", List.of(),
            "chenjianguo", "QUARTERLY"));
  }

  private static CheckedRow row(int row, String serial, String deadline, Integer workingDays, String title,
                                String requirement, String unitId, String assignee, List<String> coUnitIds,
                                String leaderId, String cycle) {
    return new CheckedRow(row, serial, null, LocalDate.parse(deadline), workingDays,
        new ItemDraft(title, requirement, unitId, assignee, coUnitIds, leaderId, deadline, cycle, CODE));
  }
}

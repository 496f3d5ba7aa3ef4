package cn.duban.lists;

import static cn.duban.lists.ListFiles.chineseDate;
import static cn.duban.lists.ListFiles.date;
import static cn.duban.lists.ListFiles.dateTime;
import static cn.duban.lists.ListFiles.row;

import java.time.LocalDate;
import java.util.List;

import cn.duban.item.ItemDraft;

/**
 * A bureau's 第四季度重点工作任务清单 as an office keeps it, drawn from the tax bureaus' work reports: a title row, the
 * required columns marked with *, columns in the office's own order, deadlines in every accepted form, names and ids
 * mixed, co-units with every separator, a multi-line 工作要求 and a blank row in the middle.
 */
final class RealList {

  static final LocalDate ISSUED = LocalDate.of(2026, 9, 24);
  static final String CODE = "QD-2026-04";

  static final List<Object> HEADER = row("序号", "事项名称*", "责任部门*", "责任人", "协办部门", "工作要求", "完成时限*", "分管领导",
      "反馈周期", "备注");

  static final List<List<Object>> ROWS = List.of(
      row("XX县税务局2026年第四季度重点工作任务清单"),
      HEADER,
      row(1, "落实支持小微企业和个体工商户发展税费优惠政策", "纳税服务科", "李慧", "风险管理科、税政科",
          "扫描应享未享、错误享受疑点数据，逐户核实并推送提醒，确保政策红利直达快享。", date(2026, 12, 31), "王立新", "每月",
          "与税费优惠政策落实工作机制衔接"),
      row(2, "开展第四季度发票风险排查", "FXGLK", "hubin", "ZSGLK", "对辖区内高风险纳税人开展发票风险排查, 形成排查报告。",
          "2026-12-15", "wanglixin", "每两周", null),
      row(3, "欠税清理专项行动", "征收管理科", "张伟", null, "建立欠税台账，逐户制定清欠计划，\"一户一策\"推进清缴。", "2026/12/31",
          "刘海燕", "每月", null),
      row(4, "重点群体和退役士兵创业就业税费优惠政策落实情况跟踪", "税政科", "马国强", "纳税服务科", "每月跟踪享受情况，发现问题及时整改。",
          "2026.12.20", "王立新", "每月", null),
      row(5, "第二批主题教育问题整改清单销号", "办公室", "周敏", "纳税服务科，征收管理科",
          "一、对照问题整改清单逐项整改；\n二、抓好建章立制；\n三、形成整改报告报市局。", "2026年12月31日", "陈建国", "每周",
          "党委会审议后报市局"),
      row(6, "纳税服务热线咨询质量提升", "纳税服务科", "huangjunjie", null, "每月抽查热线录音，通报问题，提高一次性解答率。",
          "10个工作日", "liuhaiyan", null, null),
      row(7, "税费优惠政策宣传进社区", "NSFWK", "吴婷婷", "城关税务分局", "编印《重点群体创业就业税费优惠政策》宣传手册, 进社区、进企业开展宣讲。",
          "2027年1月5日", null, "每两周", null),
      row(8, "减税降费政策落实情况专项排查整治", "风险管理科", "郭静", "纳税服务科；税政科",
          "逐项确定排查责任部门、责任人员、完成时限，制定自查自纠问题整改清单。", date(2026, 11, 30), "王立新", "每两周", null),
      row(9, "办税服务厅“潮汐窗口”设置", "城关税务分局", "唐明", null, "高峰期增开窗口，压缩排队时间。", "15 个工作日", null, "每周",
          null),
      row(10, "化工行业税收路径指引宣传辅导", "税政科", null, "风险管理科 纳税服务科", "对重点化工企业开展“一对一”辅导。", "2027/1/8",
          "刘海燕", "每季度", null),
      row(11, "非正常户清理", "征收管理科", "杨帆", "FXGLK,NSFWK", "清理长期非正常户，按规定认定、解除。", "２０个工作日", null, null,
          null),
      row(12, "首问负责、领导值班制度落实情况检查", "办公室", null, null, "检查首问负责、领导值班等纳税服务制度落实情况。",
          chineseDate(2026, 12, 25), "陈建国", "每季度", null),
      row(),
      row(13, "个人所得税综合所得汇算清缴准备", "纳税服务科", "李慧", "征收管理科", "做好汇算清缴辅导和预约办税准备。", "2027-03-31",
          "王立新", "每月", null),
      row(14, "社保费征缴风险应对", "风险管理科", "张伟", "征收管理科", "对社保费征缴风险疑点开展应对。", "2026.12.31", "刘海燕", "每月",
          null),
      row(15, "增值税留抵退税风险核查", "风险管理科", "胡斌", "征收管理科、税政科", "对留抵退税风险疑点逐户核查。",
          dateTime(2026, 12, 10, 9, 30), "王立新", "每周", null),
      row(16, "税收宣传月活动总结", "办公室", "周敏", null, null, "2026年12月1日", null, null, null),
      row(17, "纳税信用评价复评", "征收管理科", "zhangwei", "纳税服务科", "受理纳税信用复评申请，按时办结。", "2026-12-8", "wanglixin",
          "每两周", null),
      row(18, "涉税专业服务机构监管", "税政科", "马国强", null, "开展涉税专业服务机构信用评价和监管。", "5个工作日", "刘海燕", "每周",
          null),
      row(19, "电子税务局操作辅导", "城关税务分局", null, "纳税服务科", "开展电子税务局新功能操作辅导。", date(2026, 12, 18), null, "每月",
          null),
      row(20, "2026年度绩效考评资料归集", "办公室", null, "纳税服务科、征收管理科、风险管理科、税政科", "按考评指标归集佐证资料。",
          "2027年1月15日", "陈建国", "每季度", "报市局考评办"));

  /** What the office expects from the list: row numbers as Excel shows them (title row 1, header row 2, blank row 15). */
  static final List<CheckedRow> EXPECTED = List.of(
      expected(3, "1", "与税费优惠政策落实工作机制衔接", "2026-12-31", null, "落实支持小微企业和个体工商户发展税费优惠政策",
          "扫描应享未享、错误享受疑点数据，逐户核实并推送提醒，确保政策红利直达快享。", "NSFWK", "lihui", List.of("FXGLK", "SZK"),
          "wanglixin", "MONTHLY"),
      expected(4, "2", null, "2026-12-15", null, "开展第四季度发票风险排查", "对辖区内高风险纳税人开展发票风险排查, 形成排查报告。", "FXGLK",
          "hubin", List.of("ZSGLK"), "wanglixin", "BIWEEKLY"),
      expected(5, "3", null, "2026-12-31", null, "欠税清理专项行动", "建立欠税台账，逐户制定清欠计划，\"一户一策\"推进清缴。", "ZSGLK",
          "zhangwei", List.of(), "liuhaiyan", "MONTHLY"),
      expected(6, "4", null, "2026-12-20", null, "重点群体和退役士兵创业就业税费优惠政策落实情况跟踪", "每月跟踪享受情况，发现问题及时整改。",
          "SZK", "maguoqiang", List.of("NSFWK"), "wanglixin", "MONTHLY"),
      expected(7, "5", "党委会审议后报市局", "2026-12-31", null, "第二批主题教育问题整改清单销号",
          "一、对照问题整改清单逐项整改；\n二、抓好建章立制；\n三、形成整改报告报市局。", "BGS", "zhoumin", List.of("NSFWK", "ZSGLK"),
          "chenjianguo", "WEEKLY"),
      // 10 working days after Thursday 24 September 2026, across 中秋 and 国庆, with Saturday 10 October worked
      expected(8, "6", null, "2026-10-15", 10, "纳税服务热线咨询质量提升", "每月抽查热线录音，通报问题，提高一次性解答率。", "NSFWK",
          "huangjunjie", List.of(), "liuhaiyan", null),
      expected(9, "7", null, "2027-01-05", null, "税费优惠政策宣传进社区", "编印《重点群体创业就业税费优惠政策》宣传手册, 进社区、进企业开展宣讲。",
          "NSFWK", "wutingting", List.of("CGFJ"), null, "BIWEEKLY"),
      expected(10, "8", null, "2026-11-30", null, "减税降费政策落实情况专项排查整治",
          "逐项确定排查责任部门、责任人员、完成时限，制定自查自纠问题整改清单。", "FXGLK", "guojing", List.of("NSFWK", "SZK"), "wanglixin",
          "BIWEEKLY"),
      expected(11, "9", null, "2026-10-22", 15, "办税服务厅“潮汐窗口”设置", "高峰期增开窗口，压缩排队时间。", "CGFJ", "tangming", List.of(),
          null, "WEEKLY"),
      expected(12, "10", null, "2027-01-08", null, "化工行业税收路径指引宣传辅导", "对重点化工企业开展“一对一”辅导。", "SZK", null,
          List.of("FXGLK", "NSFWK"), "liuhaiyan", "QUARTERLY"),
      expected(13, "11", null, "2026-10-29", 20, "非正常户清理", "清理长期非正常户，按规定认定、解除。", "ZSGLK", "yangfan",
          List.of("FXGLK", "NSFWK"), null, null),
      expected(14, "12", null, "2026-12-25", null, "首问负责、领导值班制度落实情况检查", "检查首问负责、领导值班等纳税服务制度落实情况。", "BGS",
          null, List.of(), "chenjianguo", "QUARTERLY"),
      expected(16, "13", null, "2027-03-31", null, "个人所得税综合所得汇算清缴准备", "做好汇算清缴辅导和预约办税准备。", "NSFWK", "lihui",
          List.of("ZSGLK"), "wanglixin", "MONTHLY"),
      // the other 张伟: the one who works in 风险管理科
      expected(17, "14", null, "2026-12-31", null, "社保费征缴风险应对", "对社保费征缴风险疑点开展应对。", "FXGLK", "zhangwei2",
          List.of("ZSGLK"), "liuhaiyan", "MONTHLY"),
      expected(18, "15", null, "2026-12-10", null, "增值税留抵退税风险核查", "对留抵退税风险疑点逐户核查。", "FXGLK", "hubin",
          List.of("ZSGLK", "SZK"), "wanglixin", "WEEKLY"),
      expected(19, "16", null, "2026-12-01", null, "税收宣传月活动总结", null, "BGS", "zhoumin", List.of(), null, null),
      expected(20, "17", null, "2026-12-08", null, "纳税信用评价复评", "受理纳税信用复评申请，按时办结。", "ZSGLK", "zhangwei",
          List.of("NSFWK"), "wanglixin", "BIWEEKLY"),
      expected(21, "18", null, "2026-10-09", 5, "涉税专业服务机构监管", "开展涉税专业服务机构信用评价和监管。", "SZK", "maguoqiang",
          List.of(), "liuhaiyan", "WEEKLY"),
      expected(22, "19", null, "2026-12-18", null, "电子税务局操作辅导", "开展电子税务局新功能操作辅导。", "CGFJ", null, List.of("NSFWK"),
          null, "MONTHLY"),
      expected(23, "20", "报市局考评办", "2027-01-15", null, "2026年度绩效考评资料归集", "按考评指标归集佐证资料。", "BGS", null,
          List.of("NSFWK", "ZSGLK", "FXGLK", "SZK"), "chenjianguo", "QUARTERLY"));

  private RealList() {
  }

  private static CheckedRow expected(int row, String serial, String remark, String deadline, Integer workingDays,
                                     String title, String requirement, String unitId, String assignee,
                                     List<String> coUnitIds, String leaderId, String cycle) {
    return new CheckedRow(row, serial, remark, LocalDate.parse(deadline), workingDays,
        new ItemDraft(title, requirement, unitId, assignee, coUnitIds, leaderId, deadline, cycle, CODE));
  }
}

package cn.duban.lists;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The columns of a 任务清单, recognised by their Chinese header. The first ten are imported; the rest are written by
 * the list export and ignored on import, so that an exported file can be imported again as it is.
 */
public enum ListColumn {
  SERIAL("序号", Use.OPTIONAL),
  TITLE("事项名称", Use.REQUIRED),
  REQUIREMENT("工作要求", Use.OPTIONAL),
  UNIT("责任部门", Use.REQUIRED),
  CO_UNITS("协办部门", Use.OPTIONAL),
  ASSIGNEE("责任人", Use.OPTIONAL),
  LEADER("分管领导", Use.OPTIONAL),
  DEADLINE("完成时限", Use.REQUIRED),
  REPORTING_CYCLE("反馈周期", Use.OPTIONAL),
  REMARK("备注", Use.OPTIONAL),

  CODE("事项编号", Use.EXPORT_ONLY),
  STATUS("状态", Use.EXPORT_ONLY),
  LIGHT("灯号", Use.EXPORT_ONLY),
  HANDLER("承办人", Use.EXPORT_ONLY),
  SIGNED_FOR_AT("签收时间", Use.EXPORT_ONLY),
  COMPLETED_AT("办结时间", Use.EXPORT_ONLY),
  CLOSED_AT("销号时间", Use.EXPORT_ONLY),
  QUALITY_RATING("办结质量评价", Use.EXPORT_ONLY),
  QUALITY_REMARK("评价说明", Use.EXPORT_ONLY),
  EXTENSIONS("延期次数", Use.EXPORT_ONLY),
  OVERDUE_WORKING_DAYS("逾期工作日", Use.EXPORT_ONLY),
  CO_UNIT_PROGRESS("协办情况", Use.EXPORT_ONLY);

  private enum Use { REQUIRED, OPTIONAL, EXPORT_ONLY }

  private final String label;
  private final Use use;

  ListColumn(String label, Use use) {
    this.label = label;
    this.use = use;
  }

  /** The header as written in lists and exports, e.g. {@code 完成时限}. */
  public String label() {
    return label;
  }

  public boolean required() {
    return use == Use.REQUIRED;
  }

  /** Whether import reads the column; export-only columns are recognised and skipped. */
  public boolean imported() {
    return use != Use.EXPORT_ONLY;
  }

  /** The column a header names, whatever its spacing, width or marks: {@code  （ 完成时限 ）*}, {@code 完成时限（必填）}. */
  public static Optional<ListColumn> forHeader(String header) {
    String key = normaliseHeader(header);
    return Arrays.stream(values()).filter(c -> c.label.equals(key)).findFirst();
  }

  /**
   * A header reduced to its words: NFKC (full-width letters, digits, spaces and brackets become ordinary ones), no
   * white space anywhere, no {@code *} marking a required column, no trailing note in brackets such as
   * {@code (必填)} or {@code (yyyy-mm-dd)}.
   */
  static String normaliseHeader(String header) {
    if (header == null) {
      return "";
    }
    String h = Normalizer.normalize(header, Normalizer.Form.NFKC).replaceAll("[\\s\\u00A0\\u200B\\uFEFF]+", "");
    String previous;
    do {
      previous = h;
      h = h.replaceAll("^\\*+|\\*+$", "").replaceAll("^(.+?)[(\\[【][^()\\[\\]【】]*[)\\]】]$", "$1");
    } while (!h.equals(previous));
    return h;
  }
}

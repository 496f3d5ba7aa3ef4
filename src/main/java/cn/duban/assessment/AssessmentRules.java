package cn.duban.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * One version of the 考核 rules. Deductions are the positive amount taken off per occurrence; the grade values are
 * signed (a negative one deducts). A score is {@code base} plus every figure times its value, never below
 * {@code floor}.
 */
public record AssessmentRules(int version, LocalDate validFrom, BigDecimal base, BigDecimal floor,
                              BigDecimal closedOnTime, BigDecimal lateDay, BigDecimal openOverdue,
                              BigDecimal lateReport, BigDecimal extension, BigDecimal returned,
                              BigDecimal supervised, BigDecimal bulletined, BigDecimal excellent, BigDecimal good,
                              BigDecimal fair, BigDecimal poor, BigDecimal coPartDone, BigDecimal coPartWaived,
                              String changedBy, Instant changedAt) {

  /** A number field of the rules: its JSON name, its Chinese name and the range it may take. */
  public enum Field {
    BASE("base", "基础分", 0, 1000),
    FLOOR("floor", "最低分", 0, 1000),
    CLOSED_ON_TIME("closedOnTime", "按期销号加分（每项）", 0, 100),
    LATE_DAY("lateDay", "逾期销号扣分（每工作日）", 0, 100),
    OPEN_OVERDUE("openOverdue", "期末逾期未销号扣分（每项）", 0, 100),
    LATE_REPORT("lateReport", "反馈逾期扣分（每次）", 0, 100),
    EXTENSION("extension", "延期扣分（每次）", 0, 100),
    RETURNED("returned", "退回扣分（每次）", 0, 100),
    SUPERVISED("supervised", "督办扣分（每项）", 0, 100),
    BULLETINED("bulletined", "通报扣分（每项）", 0, 100),
    EXCELLENT("excellent", "评价优秀（每项，负数为扣分）", -100, 100),
    GOOD("good", "评价良好（每项，负数为扣分）", -100, 100),
    FAIR("fair", "评价一般（每项，负数为扣分）", -100, 100),
    POOR("poor", "评价较差（每项，负数为扣分）", -100, 100),
    CO_PART_DONE("coPartDone", "协办完成加分（每项）", 0, 100),
    CO_PART_WAIVED("coPartWaived", "协办豁免扣分（每项）", 0, 100);

    final String json;
    final String label;
    final int min;
    final int max;

    Field(String json, String label, int min, int max) {
      this.json = json;
      this.label = label;
      this.min = min;
      this.max = max;
    }

    public String json() {
      return json;
    }

    public String label() {
      return label;
    }
  }

  /** The number fields by their {@link Field}, in the order of the enum. */
  public Map<Field, BigDecimal> values() {
    Map<Field, BigDecimal> values = new LinkedHashMap<>();
    BigDecimal[] all = {base, floor, closedOnTime, lateDay, openOverdue, lateReport, extension, returned, supervised,
        bulletined, excellent, good, fair, poor, coPartDone, coPartWaived};
    for (Field f : Field.values()) {
      values.put(f, all[f.ordinal()]);
    }
    return values;
  }

  /** A change asked for: the version it was edited from, the day it applies from and every number. */
  record Change(int basedOn, LocalDate validFrom, Map<Field, BigDecimal> values) {

    AssessmentRules as(int version, String by, Instant at) {
      BigDecimal[] v = values.values().toArray(BigDecimal[]::new);
      return new AssessmentRules(version, validFrom, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
          v[10], v[11], v[12], v[13], v[14], v[15], by, at);
    }
  }

  /**
   * Reads a change from a request body, checking every field (all problems at once, each naming its field, in
   * Chinese): {@code version} (the version edited, for the optimistic check), {@code validFrom} and each number (at
   * most one decimal, within its range; the floor not above the base).
   */
  static Change parse(JsonNode body) {
    List<FieldProblem> problems = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidInputException(new FieldProblem("body", null, "请求体应为 JSON 对象，包含全部考核规则字段"));
    }
    Integer basedOn = null;
    JsonNode version = body.get("version");
    if (version == null || version.isNull()) {
      problems.add(new FieldProblem("version", null, "「所依据的版本」（version）必须填写：修改前读到的当前版本号"));
    } else if (!version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < 1) {
      problems.add(new FieldProblem("version", version.asText(), "「所依据的版本」（version）应为正整数"));
    } else {
      basedOn = version.asInt();
    }
    LocalDate validFrom = null;
    JsonNode from = body.get("validFrom");
    if (from == null || from.isNull() || from.asText().isBlank()) {
      problems.add(new FieldProblem("validFrom", null, "「生效日期」（validFrom）必须填写，格式 2026-10-01"));
    } else {
      try {
        validFrom = LocalDate.parse(from.asText().strip());
        if (validFrom.getYear() < 2000 || validFrom.getYear() > 2099) {
          problems.add(new FieldProblem("validFrom", from.asText(), "「生效日期」（validFrom）年份应在 2000 到 2099 之间"));
          validFrom = null;
        }
      } catch (java.time.format.DateTimeParseException e) {
        problems.add(new FieldProblem("validFrom", from.asText(), "「生效日期」（validFrom）格式不对，应写作 2026-10-01"));
      }
    }
    Map<Field, BigDecimal> values = new LinkedHashMap<>();
    for (Field f : Field.values()) {
      BigDecimal value = number(body.get(f.json), f, problems);
      if (value != null) {
        values.put(f, value);
      }
    }
    BigDecimal base = values.get(Field.BASE);
    BigDecimal floor = values.get(Field.FLOOR);
    if (base != null && floor != null && floor.compareTo(base) > 0) {
      problems.add(new FieldProblem(Field.FLOOR.json, floor, "「最低分」（floor）不能高于「基础分」（" + base.toPlainString() + "）"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("考核规则有 " + problems.size() + " 处错误：" + problems.get(0).message()
          + (problems.size() > 1 ? "等" : ""), problems);
    }
    return new Change(basedOn, validFrom, values);
  }

  private static BigDecimal number(JsonNode node, Field f, List<FieldProblem> problems) {
    String name = "「" + f.label + "」（" + f.json + "）";
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
      problems.add(new FieldProblem(f.json, null, name + "必须填写"));
      return null;
    }
    BigDecimal value;
    try {
      value = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip());
    } catch (NumberFormatException e) {
      problems.add(new FieldProblem(f.json, node.asText(), name + "应为数字"));
      return null;
    }
    if (value.stripTrailingZeros().scale() > 1) {
      problems.add(new FieldProblem(f.json, node.asText(), name + "最多一位小数"));
      return null;
    }
    if (value.compareTo(BigDecimal.valueOf(f.min)) < 0 || value.compareTo(BigDecimal.valueOf(f.max)) > 0) {
      problems.add(new FieldProblem(f.json, node.asText(), name + "应在 " + f.min + " 到 " + f.max + " 之间"));
      return null;
    }
    return value.setScale(1, java.math.RoundingMode.UNNECESSARY);
  }
}

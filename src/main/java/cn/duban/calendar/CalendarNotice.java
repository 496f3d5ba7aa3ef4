package cn.duban.calendar;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What people are told while this year's or next year's holiday arrangement is missing: in plain words, without API
 * paths, for everyone (the page layout adds, for admins only, a link to the page where the year is entered).
 *
 * @param missingYears the years without an arrangement, at least one
 */
public record CalendarNotice(List<Integer> missingYears) {

  public CalendarNotice {
    if (missingYears.isEmpty()) {
      throw new IllegalArgumentException("a notice needs a missing year");
    }
    missingYears = List.copyOf(missingYears);
  }

  /** The year an admin should enter first. */
  public int firstYear() {
    return missingYears.get(0);
  }

  public String text() {
    String years = missingYears.stream().map(String::valueOf).collect(Collectors.joining("、"));
    return years + " 年的法定节假日安排尚未载入：" + years + " 年内的完成时限暂按周一至周五计算工作日（未扣除节假日，"
        + "也未计入调休上班），可能与实际不符。国务院办公厅公布安排后将及时更新。";
  }
}

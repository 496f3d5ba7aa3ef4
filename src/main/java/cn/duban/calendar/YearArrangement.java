package cn.duban.calendar;

import java.util.List;

/**
 * One year's holiday arrangement (节假日安排) as the State Council's notice publishes it: the days that differ from
 * Monday–Friday, and the notices ({@code papers}, their web addresses) it follows. The days are sorted by date and
 * may include late-December days of the year before, when the notice's 元旦 arrangement reaches back into them.
 */
public record YearArrangement(int year, List<HolidayDay> days, List<String> papers) {

  public YearArrangement {
    days = List.copyOf(days);
    papers = List.copyOf(papers);
  }
}

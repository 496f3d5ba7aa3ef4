package cn.duban.lists;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How a list is checked.
 *
 * @param issueDate the day the list is issued (交办日): "N个工作日" counts from it, and no deadline may be earlier
 * @param allowPastDeadlines accept deadlines before the issue date (recording a list that was issued on paper earlier)
 * @param listCode the list's code (清单编号, e.g. QD-2026-04) written into every draft; may be null
 */
public record ListCheckOptions(LocalDate issueDate, boolean allowPastDeadlines, String listCode) {

  static final int LIST_CODE_MAX = 40;

  public ListCheckOptions {
    Objects.requireNonNull(issueDate, "issueDate");
    listCode = SheetCell.clean(listCode);
  }

  public static ListCheckOptions issuedOn(LocalDate issueDate, String listCode) {
    return new ListCheckOptions(issueDate, false, listCode);
  }
}

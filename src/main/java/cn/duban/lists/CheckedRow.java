package cn.duban.lists;

import java.time.LocalDate;

import cn.duban.item.ItemDraft;

/**
 * A row that passed every check, ready to be issued as one item.
 *
 * @param row the row number as Excel shows it
 * @param serial the row's 序号 as written, or null
 * @param remark the row's 备注, or null
 * @param deadline the resolved 完成时限
 * @param workingDays N when the deadline was written as "N个工作日" (then {@code deadline} is the Nth working day
 *     after the issue date), otherwise null
 * @param draft the item to issue; its deadline is {@code deadline} as yyyy-MM-dd
 */
public record CheckedRow(int row, String serial, String remark, LocalDate deadline, Integer workingDays,
                         ItemDraft draft) {

  /** Whether the deadline was written as "N个工作日" rather than as a date. */
  public boolean deadlineFromWorkingDays() {
    return workingDays != null;
  }
}

package cn.duban.item;

import java.time.Instant;
import java.time.LocalDate;

/**
 * 反馈逾期: a period of the item's reporting cycle that closed without a 进度反馈 from {@code unitId} (the lead unit,
 * or a co-unit in its 协办反馈 when {@code coUnit}). Kept for good: a later report does not erase it.
 *
 * @param start      the period's first day
 * @param end        the period's last day
 * @param due        when the report was due (17:00 of the period's last working day, or of the deadline's)
 * @param recordedAt when the period was closed
 */
public record LateReport(String unitId, String unitName, boolean coUnit, String assignee, LocalDate start,
                         LocalDate end, Instant due, Instant recordedAt) {

  LateReport withUnitName(String name) {
    return new LateReport(unitId, name, coUnit, assignee, start, end, due, recordedAt);
  }
}

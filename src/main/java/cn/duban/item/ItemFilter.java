package cn.duban.item;

import java.time.LocalDate;

/**
 * Filters of GET /api/items and the item table; null means "any". {@code text} searches code, title and
 * requirement; the deadline range is inclusive.
 */
public record ItemFilter(String unitId, ItemStatus status, ItemLight light, String listCode, String assignee,
                         String leaderId, LocalDate deadlineFrom, LocalDate deadlineTo, String text,
                         int page, int size) {

  public ItemFilter(String unitId, ItemStatus status, ItemLight light, String listCode, String assignee,
                    int page, int size) {
    this(unitId, status, light, listCode, assignee, null, null, null, null, page, size);
  }
}

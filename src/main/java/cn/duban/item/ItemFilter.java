package cn.duban.item;

/** Filters of GET /api/items; null means "any". */
public record ItemFilter(String unitId, ItemStatus status, ItemLight light, String listCode, String assignee,
                         int page, int size) {
}

package cn.duban.lists;

import java.util.List;
import java.util.Map;

import cn.duban.item.escalation.EscalationThresholds;
import cn.duban.item.ItemView;

/**
 * GET /api/lists/{code}: the list, its items (those the reader may see) with status and light, the counts per
 * status and per light, and the on-time rate: items closed on time ÷ items whose outcome is known or already late
 * (closed on time + closed late + open and overdue); null while no item has reached its deadline; and the
 * escalation thresholds its items use (the list's own where it was issued with some, otherwise the defaults).
 */
public record ListSummary(TaskList list, List<ItemView> items, Map<String, Long> byStatus, Map<String, Long> byLight,
                          Double onTimeRate, EscalationThresholds escalation) {
}

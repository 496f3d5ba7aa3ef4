package cn.duban.item;

/**
 * Published inside the 销号 transaction when an item is closed, so features built on items (task lists, later
 * the escalation ladder) can follow without the item depending on them.
 */
public record ItemClosedEvent(String code, String listCode) {
}

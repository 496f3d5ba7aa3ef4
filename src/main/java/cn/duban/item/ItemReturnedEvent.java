package cn.duban.item;

import java.time.Instant;

/**
 * Published inside the 审核销号 transaction when the office returns an item's result to 承办 (审核退回), so features
 * built on items (notifications) can follow without the item depending on them.
 *
 * @param reason the office's reason (退回理由)
 * @param at     when it was returned
 */
public record ItemReturnedEvent(String code, String reason, Instant at) {
}

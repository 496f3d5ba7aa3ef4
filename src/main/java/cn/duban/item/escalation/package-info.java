/**
 * The escalation ladder of an item's process (临期提醒, 逾期催办, 督办, 通报): the timers' dates from the working-day
 * calendar, the steps (which announce themselves with {@link cn.duban.item.ItemEscalated}), and the thresholds a
 * task list may set. Part of the item module, whose process runs it; lists use its thresholds.
 */
package cn.duban.item.escalation;

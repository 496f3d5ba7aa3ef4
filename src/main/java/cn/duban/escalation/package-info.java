/** The escalation ladder (临期提醒, 逾期催办, 督办, 通报): dates from the working-day calendar, notifications. */
package cn.duban.escalation;

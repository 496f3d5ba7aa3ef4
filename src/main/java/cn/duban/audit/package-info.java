/** 审计: the history of items for auditors: search over many items' timelines, exports with digests, the export log. */
package cn.duban.audit;

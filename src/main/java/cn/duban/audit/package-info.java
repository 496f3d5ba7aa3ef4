/** 审计: the history of items for auditors: search over many items' timelines, exports with digests, the export log. */
@org.springframework.modulith.ApplicationModule(displayName = "审计", allowedDependencies = { "system", "organisation", "item" })
package cn.duban.audit;

/** 任务清单: importing a bureau's Excel list, issuing it as a whole, following it, exporting the 督办台账. */
@org.springframework.modulith.ApplicationModule(displayName = "任务清单", allowedDependencies = { "system", "organisation", "calendar", "item", "item :: escalation" })
package cn.duban.lists;

/** 督办台: the supervision dashboard, the supervision item table and the periodic 通报 report, for each reader's scope. */
@org.springframework.modulith.ApplicationModule(displayName = "督办台", allowedDependencies = { "system", "organisation", "calendar", "item" })
package cn.duban.supervision;

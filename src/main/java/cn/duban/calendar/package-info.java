/**
 * Working days (工作日): the State Council's holiday arrangements, counting in working days, the engine's business
 * calendar ({@code P3WD}) and the admin API that adds a year without a release.
 */
@org.springframework.modulith.ApplicationModule(displayName = "工作日历", allowedDependencies = { "system", "organisation" })
package cn.duban.calendar;

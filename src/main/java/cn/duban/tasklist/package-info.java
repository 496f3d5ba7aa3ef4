/** Ready-made Tasklist filters (我的待办, 本部门待办, 即将到期, 已逾期, 待销号). */
@org.springframework.modulith.ApplicationModule(displayName = "Tasklist 过滤器", allowedDependencies = { "system" })
package cn.duban.tasklist;

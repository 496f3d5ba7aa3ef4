/** Demo mode: a realistic county bureau (units, people, a task list with items in every state). */
@org.springframework.modulith.ApplicationModule(displayName = "演示数据", allowedDependencies = { "system", "organisation", "item", "lists" })
package cn.duban.demo;

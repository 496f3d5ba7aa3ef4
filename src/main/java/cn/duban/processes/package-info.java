/**
 * Changing processes safely: process versions, how many items run on each, and migrating running items to a
 * newer version (dry run first, Camunda batch, logged with the acting admin). An admin feature of its own, so
 * {@code system.engine} keeps only what every deployment passes through.
 */
@org.springframework.modulith.ApplicationModule(displayName = "流程版本与迁移", allowedDependencies = { "system" })
package cn.duban.processes;

/**
 * Changing processes safely: process versions, how many items run on each, and migrating running items to a
 * newer version (dry run first, Camunda batch, logged with the acting admin). An admin feature of its own, so
 * {@code system.engine} keeps only what every deployment passes through.
 */
package cn.duban.processes;

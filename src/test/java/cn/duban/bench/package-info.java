/**
 * The benchmark suite (issue #7): duban's configuration against the Camunda starter's defaults, in the same run, on
 * the same PostgreSQL and BPMN. Run with {@code ./mvnw -B -o -Pbench verify}; never part of {@code ./mvnw verify}.
 */
package cn.duban.bench;

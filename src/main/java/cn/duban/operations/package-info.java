/**
 * 运维: what operators see of running nodes. Figures for Prometheus ({@code /actuator/prometheus}: the engine's jobs
 * and incidents, open items by light, the outbox, list imports; HTTP timings come with Spring Boot) and the readiness
 * checks of a node (migrations applied, job executor running). Reads item, notify and the engine through their public
 * APIs; nothing depends on this package.
 */
@ApplicationModule(displayName = "运维", allowedDependencies = {"system", "item", "notify"})
package cn.duban.operations;

import org.springframework.modulith.ApplicationModule;

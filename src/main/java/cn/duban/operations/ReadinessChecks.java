package cn.duban.operations;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the readiness group ({@code /actuator/health/readiness}, {@code /readyz}) checks besides the database
 * ({@code db}) and Spring's readiness state: every migration of this version is applied ({@code migrations}) and the
 * job executor runs ({@code jobExecution}). A load balancer sends a node requests only while all hold.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessChecks {

  /**
   * Flyway migrates before the application starts, so this holds on a started node; it fails when another node's
   * older or newer version left the schema behind (a migration pending). Once every migration is applied that
   * stays so, and the database is not asked again.
   */
  @Bean
  HealthIndicator migrationsHealthIndicator(Flyway flyway) {
    return new HealthIndicator() {
      private volatile boolean applied;

      @Override
      public Health health() {
        if (!applied) {
          int pending = flyway.info().pending().length;
          if (pending > 0) {
            return Health.down().withDetail("pending", pending).build();
          }
          applied = true;
        }
        return Health.up().build();
      }
    };
  }

  /**
   * The job executor runs the escalation ladder's timers. A node started with job execution switched off
   * ({@code camunda.bpm.job-execution.enabled=false}: a node that only serves people) is ready without it.
   */
  @Bean
  HealthIndicator jobExecutionHealthIndicator(ObjectProvider<JobExecutor> jobExecutor,
                                              @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
    return () -> {
      if (!enabled) {
        return Health.up().withDetail("jobExecution", "switched off on this node").build();
      }
      JobExecutor executor = jobExecutor.getIfAvailable();
      return executor != null && executor.isActive() ? Health.up().build() : Health.down().build();
    };
  }
}

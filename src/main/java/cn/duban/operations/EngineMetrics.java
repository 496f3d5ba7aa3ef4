package cn.duban.operations;

import java.util.ArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.system.security.EngineSystemContext;

/**
 * The engine's figures. Per node, counted as they happen: jobs acquired by this node's job executor, jobs executed and
 * jobs whose execution failed (a failed execution is retried until its retries run out, then it is an incident).
 * Bureau-wide, read from the database at most once per {@code duban.metrics.cache-for}: jobs due now (waiting for a
 * job executor), jobs scheduled (timers of the ladder not due yet), jobs without retries left, open incidents. The
 * job executor's thread pool and queue are Spring Boot's executor figures ({@code executor_*{name="camundaTaskExecutor"}}).
 */
@Configuration(proxyBeanMethods = false)
class EngineMetrics {

  static final String ACQUIRED = "duban.engine.jobs.acquired";
  static final String EXECUTED = "duban.engine.jobs.executed";
  static final String FAILED = "duban.engine.jobs.failed";

  @Bean
  static ProcessEnginePlugin jobCounting(ObjectProvider<MeterRegistry> meters) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
          configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new JobCounting(meters));
      }
    };
  }

  @Bean
  MeterBinder engineJobFigures(ManagementService management, RuntimeService runtime, IdentityService identity,
                               MetricsProperties properties) {
    var jobs = new Cached<>(properties.cacheFor(), () -> EngineSystemContext.call(identity, () -> new long[] {
        management.createJobQuery().executable().count(),
        management.createJobQuery().active().withRetriesLeft().count(),
        management.createJobQuery().noRetriesLeft().count(),
        runtime.createIncidentQuery().count()}));
    return registry -> {
      // registered at start, so that they read 0 until the first job (a rate needs the starting point)
      Counter.builder(ACQUIRED).description("jobs locked by this node's job executor").register(registry);
      Counter.builder(EXECUTED).description("jobs this node executed").register(registry);
      Counter.builder(FAILED).description("job executions on this node that failed (retried while retries are left)")
          .register(registry);
      Gauge.builder("duban.engine.jobs", jobs, DomainMetrics.of(n -> n[0])).tag("state", "due")
          .description("jobs due now, waiting for a job executor").strongReference(true).register(registry);
      Gauge.builder("duban.engine.jobs", jobs, DomainMetrics.of(n -> n[1] - n[0])).tag("state", "scheduled")
          .description("jobs not due yet (the ladder's timers)").strongReference(true).register(registry);
      Gauge.builder("duban.engine.jobs", jobs, DomainMetrics.of(n -> n[2])).tag("state", "no_retries")
          .description("jobs that failed every retry (each is an incident)").strongReference(true).register(registry);
      Gauge.builder("duban.engine.incidents", jobs, DomainMetrics.of(n -> n[3]))
          .description("open incidents (Cockpit shows them)").strongReference(true).register(registry);
    };
  }

  /** Counts what this node's job executor does, as the engine's commands pass by. */
  static final class JobCounting extends CommandInterceptor {

    private final ObjectProvider<MeterRegistry> meters;

    JobCounting(ObjectProvider<MeterRegistry> meters) {
      this.meters = meters;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof AcquireJobsCmd) {
        T acquired = next.execute(command);
        if (acquired instanceof AcquiredJobs jobs && jobs.size() > 0) {
          count(ACQUIRED, jobs.size());
        }
        return acquired;
      }
      if (command instanceof ExecuteJobsCmd) {
        try {
          T result = next.execute(command);
          count(EXECUTED, 1);
          return result;
        } catch (RuntimeException e) {
          count(FAILED, 1);
          throw e;
        }
      }
      return next.execute(command);
    }

    private void count(String name, double amount) {
      MeterRegistry registry = meters.getIfAvailable();
      if (registry != null) {
        registry.counter(name).increment(amount);
      }
    }
  }
}

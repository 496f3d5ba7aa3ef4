package cn.duban.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.DubanApplication;
import cn.duban.system.engine.EngineIndexes;

/**
 * One configuration under test: duban's application on a database of its own in the bench's PostgreSQL. Both
 * variants run the same jar, BPMN and code; "default" differs only in what duban tunes (see README, 基准测试).
 */
final class Variant implements AutoCloseable {

  static final String DUBAN = "duban";
  static final String DEFAULT = "default";

  /**
   * The Camunda Spring Boot starter's job-executor defaults (JobExecutionProperty and the engine's JobExecutor),
   * set explicitly because duban's application.yaml overrides them.
   */
  static final Map<String, Object> STARTER_DEFAULTS = Map.ofEntries(
      Map.entry("camunda.bpm.job-execution.core-pool-size", 3),
      Map.entry("camunda.bpm.job-execution.max-pool-size", 10),
      Map.entry("camunda.bpm.job-execution.queue-capacity", 3),
      Map.entry("camunda.bpm.job-execution.max-jobs-per-acquisition", 3),
      Map.entry("camunda.bpm.job-execution.wait-time-in-millis", 5000),
      Map.entry("camunda.bpm.job-execution.max-wait", 60000),
      Map.entry("camunda.bpm.job-execution.backoff-time-in-millis", 0),
      Map.entry("camunda.bpm.job-execution.max-backoff", 0),
      Map.entry("camunda.bpm.job-execution.lock-time-in-millis", 300000),
      Map.entry("camunda.bpm.generic-properties.properties.jobExecutorAcquireByDueDate", false),
      Map.entry("camunda.bpm.generic-properties.properties.jobExecutorPreferTimerJobs", false),
      Map.entry("camunda.bpm.generic-properties.properties.ensureJobDueDateNotNull", false),
      // and the engine's own query for the groups that have authorizations (duban replaces it on PostgreSQL)
      Map.entry("duban.engine.authorized-groups-index-scan", false),
      // and the task queries whose authorization check cannot narrow the answer keep it (TaskQueryAuthorization)
      Map.entry("duban.engine.task-query-authorization-shortcut", false));

  /** The indexes duban adds for speed (EngineIndexes, V11–V13), dropped in the default variant's database. */
  static final List<String> DUBAN_TUNING_INDEXES = Stream.concat(
      EngineIndexes.names().stream().map(index -> "public." + index),
      Stream.of("duban.item_due_code_idx", "duban.item_open_due_idx", "duban.item_co_units_idx",
          "duban.item_supervised_idx", "duban.item_closed_at_idx", "duban.item_dashboard_idx")).toList();

  final String name;
  final ConfigurableApplicationContext context;
  final JdbcTemplate jdbc;
  final ProcessEngineConfigurationImpl engineConfiguration;
  final String jdbcUrl;
  final long startupMillis;

  private Variant(String name, ConfigurableApplicationContext context, String jdbcUrl, long startupMillis) {
    this.name = name;
    this.context = context;
    this.jdbcUrl = jdbcUrl;
    this.startupMillis = startupMillis;
    this.jdbc = context.getBean(JdbcTemplate.class);
    this.engineConfiguration = (ProcessEngineConfigurationImpl) context.getBean(ProcessEngine.class)
        .getProcessEngineConfiguration();
  }

  static Variant start(String name, String jdbcUrl) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", jdbcUrl);
    properties.put("spring.datasource.username", "postgres");
    properties.put("server.port", 0);
    properties.put("spring.main.banner-mode", "off");
    properties.put("duban.demo.enabled", false);
    properties.put("duban.admin.password", BenchBureau.PASSWORD);
    // the bench delivers notifications itself, so that both variants deliver the same way
    properties.put("duban.notify.scheduler-enabled", false);
    properties.put("camunda.bpm.process-engine-name", "bench_" + name);
    properties.put("logging.level.root", "WARN");
    properties.put("logging.level.org.camunda.bpm.engine.context", "ERROR");
    if (DEFAULT.equals(name)) {
      properties.putAll(STARTER_DEFAULTS);
    }
    // experiments: -Dbench.duban.args="camunda.bpm.job-execution.core-pool-size=4 …" (also bench.default.args)
    for (String arg : System.getProperty("bench." + name + ".args", "").trim().split("\\s+")) {
      if (arg.contains("=")) {
        properties.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
    }
    long t0 = System.nanoTime();
    // as command-line arguments: they must win over application.yaml (builder properties are only defaults)
    String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext context = new SpringApplicationBuilder(DubanApplication.class, BenchBureau.class)
        .run(args);
    Variant variant = new Variant(name, context, jdbcUrl, (System.nanoTime() - t0) / 1_000_000);
    variant.jobExecutor().shutdown();
    if (DEFAULT.equals(name)) {
      for (String index : DUBAN_TUNING_INDEXES) {
        variant.jdbc.execute("drop index if exists " + index);
      }
    }
    return variant;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  JobExecutor jobExecutor() {
    return engineConfiguration.getJobExecutor();
  }

  /** Only this variant's job executor runs (the engine clock is one per JVM). */
  void activate(Variant other) {
    other.jobExecutor().shutdown();
    jobExecutor().start();
  }

  void deactivate() {
    jobExecutor().shutdown();
  }

  @Override
  public void close() {
    context.close();
  }
}

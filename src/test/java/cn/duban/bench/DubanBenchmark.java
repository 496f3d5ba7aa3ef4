package cn.duban.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import cn.duban.bench.Figures.Target;
import cn.duban.system.EmbeddedDatabaseConfiguration;

/**
 * The benchmark suite (issue #7, and the escalation burst of issue #3): every scenario for duban's configuration
 * and for the Camunda starter's default job-executor settings without duban's tuning indexes, in the same run, on one
 * PostgreSQL (its own, embedded, in {@code target/bench/postgres}) with the same BPMN. Prints one line per figure
 * and writes {@code target/bench/figures.json}.
 * <p>
 * {@code ./mvnw -B -o -Pbench verify [-Dbench.items=10000 -Dbench.open=100000 -Dbench.historicTasks=1000000
 * -Dbench.lifecycleItems=200 -Dbench.importRows=2000 -Dbench.queryRepetitions=100 -Dbench.footprint=true]}
 * <p>
 * Not a test: its name keeps it out of {@code ./mvnw verify}; the {@code bench} profile runs only this class.
 */
class DubanBenchmark {

  static final int ITEMS = Integer.getInteger("bench.items", 10_000);
  static final int OPEN = Integer.getInteger("bench.open", 100_000);
  static final int HISTORIC_TASKS = Integer.getInteger("bench.historicTasks", 1_000_000);
  static final int WARMUP_ITEMS = Integer.getInteger("bench.warmupItems", 500);
  static final int LIFECYCLE_ITEMS = Integer.getInteger("bench.lifecycleItems", 200);
  static final int IMPORT_ROWS = Integer.getInteger("bench.importRows", 2000);
  static final int QUERY_REPETITIONS = Integer.getInteger("bench.queryRepetitions", 100);
  static final boolean FOOTPRINT = Boolean.parseBoolean(System.getProperty("bench.footprint", "true"));
  static final int THREADS = 4;
  /**
   * Which scenarios run: lifecycle, escalation, query, import, footprint (all by default); scaling (the query
   * scenario at several sizes, {@link ScalingScenario}) and nodes ({@code NodeThroughputBenchmark}) only when named.
   */
  static final java.util.Set<String> SCENARIOS = java.util.Set.of(System.getProperty("bench.scenarios",
      "lifecycle,escalation,query,import,footprint").split(","));

  @Test
  void run() throws Exception {
    boolean main = SCENARIOS.stream()
        .anyMatch(java.util.Set.of("lifecycle", "escalation", "query", "import", "footprint")::contains);
    org.junit.jupiter.api.Assumptions.assumeTrue(main || SCENARIOS.contains("scaling"),
        "none of this class's scenarios chosen (-Dbench.scenarios=nodes runs NodeThroughputBenchmark only)");
    long started = System.nanoTime();
    Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    Figures figures = new Figures();
    figures.context("cores", Runtime.getRuntime().availableProcessors());
    figures.context("items", ITEMS);
    figures.context("open", OPEN);
    figures.context("historicTasks", HISTORIC_TASKS);
    figures.context("lifecycleItems", LIFECYCLE_ITEMS);
    figures.context("importRows", IMPORT_ROWS);
    Path dataDir = out.resolve("postgres").toAbsolutePath();
    FootprintScenario.deleteRecursively(dataDir); // left over by an interrupted run
    Files.createDirectories(dataDir);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir)
        // -Dbench.keepDatabase=true leaves the databases in target/bench/postgres, to study query plans afterwards
        .setCleanDataDirectory(!Boolean.getBoolean("bench.keepDatabase"))
        .setRegisterShutdownHook(false).setPGStartupWait(Duration.ofSeconds(60))
        .setLocaleConfig("locale", "C.UTF-8").setLocaleConfig("encoding", "UTF8")
        .setServerConfig("max_connections", "200").setServerConfig("timezone", "UTC").start()) {
      // how the queries grow with the bureau: duban alone, on databases of its own, before the rest
      if (SCENARIOS.contains("scaling")) {
        ScalingScenario.run(postgres, out, QUERY_REPETITIONS);
      }
      if (!main) {
        return;
      }
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("create database bench_default encoding 'UTF8'");
        // each as it is made: duban's as duban makes its own (EmbeddedDatabaseConfiguration), the default one as
        // createdb makes a database on this server
        s.execute(EmbeddedDatabaseConfiguration.CREATE_DATABASE.formatted("bench_duban"));
      }
      try (Variant standard = Variant.start(Variant.DEFAULT, postgres.getJdbcUrl("postgres", "bench_default"));
           Variant duban = Variant.start(Variant.DUBAN, postgres.getJdbcUrl("postgres", "bench_duban"))) {
        figures.add("start", "context start-up in the bench JVM", "s", duban.startupMillis / 1e3,
            standard.startupMillis / 1e3, Target.NONE, 0);

        // a whole bureau's work first: every scenario runs on it
        BenchData.load(standard, OPEN, HISTORIC_TASKS);
        BenchData.load(duban, OPEN, HISTORIC_TASKS);

        // 1. lifecycle throughput, in two rounds each (default, duban, duban, default) against drift
        if (SCENARIOS.contains("lifecycle")) {
          lifecycle(figures, standard, duban);
        }
        if (SCENARIOS.contains("escalation")) {
          escalation(figures, standard, duban);
        }
        if (SCENARIOS.contains("query")) {
          queries(figures, standard, duban);
        }
        if (SCENARIOS.contains("import")) {
          imports(figures, standard, duban);
        }
        // 5. footprint: the packaged jar as a child process
        if (FOOTPRINT && SCENARIOS.contains("footprint")) {
          FootprintScenario.run(figures, postgres, duban, standard, out);
        }
      }
    }
    figures.context("runSeconds", Math.round((System.nanoTime() - started) / 1e9));
    System.out.printf("BENCH total run time %.0f s%n", (System.nanoTime() - started) / 1e9);
    figures.write(out);
  }

  private static void lifecycle(Figures figures, Variant standard, Variant duban) {
    standard.activate(duban);
    var lifecycleDefault = LifecycleScenario.run(standard, LIFECYCLE_ITEMS / 2, THREADS);
    duban.activate(standard);
    var lifecycleDuban = LifecycleScenario.run(duban, LIFECYCLE_ITEMS / 2, THREADS)
        .plus(LifecycleScenario.run(duban, LIFECYCLE_ITEMS / 2, THREADS));
    standard.activate(duban);
    lifecycleDefault = lifecycleDefault.plus(LifecycleScenario.run(standard, LIFECYCLE_ITEMS / 2, THREADS));
    standard.deactivate();
    figures.add("lifecycle", "completed items per second (4 threads)", "1/s", lifecycleDuban.itemsPerSecond(),
        lifecycleDefault.itemsPerSecond(), Target.RATIO_AT_LEAST, 1.5);
    for (String step : lifecycleDuban.steps().keySet()) {
      figures.add("lifecycle", "p95 " + step, "ms", lifecycleDuban.steps().get(step).p95(),
          lifecycleDefault.steps().get(step).p95(), Target.NONE, 0);
    }
  }

  private static void escalation(Figures figures, Variant standard, Variant duban) {
    // 2. escalation burst: a small burst in each variant first, so that both run the ladder's code compiled by the
    // JIT (one JVM: the first variant would otherwise pay for the compilation), then duban, then default
    EscalationScenario.run(standard, duban, WARMUP_ITEMS, THREADS, "WARM-D");
    EscalationScenario.run(duban, standard, WARMUP_ITEMS, THREADS, "WARM-S");
    var burstDuban = EscalationScenario.run(duban, standard, ITEMS, THREADS, "ESC-S");
    var burstDefault = EscalationScenario.run(standard, duban, ITEMS, THREADS, "ESC-D");
    EscalationScenario.check(duban, burstDuban);
    EscalationScenario.check(standard, burstDefault);
    figures.add("escalation", "clear time (" + ITEMS + " overdue: steps + notifications)", "s",
        burstDuban.clearSeconds(), burstDefault.clearSeconds(), Target.RATIO_AT_MOST, 0.5);
    figures.add("escalation", "of which job executor (逾期催办 steps)", "s", burstDuban.jobsSeconds(),
        burstDefault.jobsSeconds(), Target.NONE, 0);
    figures.add("escalation", "of which notification delivery", "s", burstDuban.deliverySeconds(),
        burstDefault.deliverySeconds(), Target.NONE, 0);
    figures.add("escalation", "steps per second", "1/s", burstDuban.stepsPerSecond(),
        burstDefault.stepsPerSecond(), Target.RATIO_AT_LEAST, 2.0);
    figures.add("escalation", "lag p50 (step start - due)", "s", burstDuban.lagMillis().p50() / 1e3,
        burstDefault.lagMillis().p50() / 1e3, Target.NONE, 0);
    figures.add("escalation", "lag p95", "s", burstDuban.lagMillis().p95() / 1e3,
        burstDefault.lagMillis().p95() / 1e3, Target.NONE, 0);
    figures.add("escalation", "逾期催办 notifications (all delivered)", "", burstDuban.notifications(),
        burstDefault.notifications(), Target.NONE, 0);
  }

  private static void queries(Figures figures, Variant standard, Variant duban) {
    // 3. queries (default first)
    standard.activate(duban);
    Map<String, Stats> queriesDefault = QueryScenario.run(standard, QUERY_REPETITIONS);
    duban.activate(standard);
    Map<String, Stats> queriesDuban = QueryScenario.run(duban, QUERY_REPETITIONS);
    for (String query : queriesDuban.keySet()) {
      Stats d = queriesDuban.get(query);
      Stats s = queriesDefault.get(query);
      if (s == null) {
        continue; // refused as too wide for one of them (see QueryScenario.Refused)
      }
      figures.add("query", query + " p50", "ms", d.p50(), s.p50(), Target.NONE, 0);
      if (query.startsWith("tasklist")) {
        figures.add("query", query + " p95", "ms", d.p95(), s.p95(), Target.RATIO_AT_MOST, 0.5, 50);
      } else if (query.startsWith("dashboard")) {
        figures.add("query", query + " p95", "ms", d.p95(), s.p95(), Target.VALUE_AT_MOST, 200);
      } else if (query.startsWith("assessment")) {
        figures.add("query", query + " p95", "ms", d.p95(), s.p95(), Target.VALUE_AT_MOST, 300);
      } else {
        figures.add("query", query + " p95", "ms", d.p95(), s.p95(), Target.NONE, 0);
      }
    }
    standard.deactivate();
    duban.deactivate();
  }

  private static void imports(Figures figures, Variant standard, Variant duban) {
    // 4. import (duban first)
    duban.activate(standard);
    byte[] xlsx = ImportScenario.sheet(IMPORT_ROWS);
    var importDuban = ImportScenario.run(duban, xlsx, IMPORT_ROWS);
    standard.activate(duban);
    var importDefault = ImportScenario.run(standard, xlsx, IMPORT_ROWS);
    figures.add("import", IMPORT_ROWS + "-row xlsx: check (dry run)", "s", importDuban.checkSeconds(),
        importDefault.checkSeconds(), Target.NONE, 0);
    figures.add("import", IMPORT_ROWS + "-row xlsx: check + issue all", "s", importDuban.issueSeconds(),
        importDefault.issueSeconds(), Target.NONE, 0);
    standard.deactivate();
  }
}

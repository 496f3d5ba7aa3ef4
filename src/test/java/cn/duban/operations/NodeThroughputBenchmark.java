package cn.duban.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Node;
import cn.duban.support.NodeDatabase;

/**
 * Throughput of one node and of two nodes on one PostgreSQL (issue #17's sizing figures), as an operator runs them:
 * separate JVMs on the test's PostgreSQL, each with duban's job executor (6 threads). In each round the office
 * uploads a list of {@code bench.nodeItems} items whose deadlines passed three weeks ago, so that each item's whole
 * ladder (临期提醒, 逾期催办, 督办, 通报) is due at once; measured: the upload (one transaction), and from its commit
 * until the last of the 4 × N steps has run, as steps per second. Rounds: one node, two nodes, one node again (against drift). Notification delivery
 * is switched off (the outbox fills; delivery is measured by the escalation scenario of {@code DubanBenchmark}).
 * <p>
 * Not a test (its name keeps it out of {@code ./mvnw verify}):
 * {@code ./mvnw -B -o -Pbench verify -Dbench.scenarios=nodes [-Dbench.nodeItems=500]}.
 */
@DubanSpringTest
class NodeThroughputBenchmark {

  static final int ITEMS = Integer.getInteger("bench.nodeItems", 500);
  static final Set<String> SCENARIOS = Set.of(System.getProperty("bench.scenarios", "").split(","));

  @Autowired DataSource testDataSource;

  /** The upload (one transaction: no step can start before it commits), then the steps until the last one. */
  record Round(int nodes, double uploadSeconds, double seconds, double stepsPerSecond) {
  }

  @Test
  void oneNodeThenTwoNodesThenOneAgain() {
    assumeTrue(SCENARIOS.contains("nodes"), "-Dbench.scenarios=nodes runs this benchmark");
    List<Round> rounds = new ArrayList<>();
    try (NodeDatabase database = NodeDatabase.create(testDataSource, "duban_nodes", Node.freePort())) {
      JdbcTemplate db = database.jdbc();
      try (Node a = Node.start("bench-a", database.cluster(), "--duban.notify.scheduler-enabled=false")) {
        awaitQuiet(db);
        rounds.add(round(db, a, 1, "单节点清单一"));
        try (Node b = Node.start("bench-b", database.cluster(), "--duban.notify.scheduler-enabled=false")) {
          awaitQuiet(db);
          rounds.add(round(db, a, 2, "双节点清单"));
        }
        awaitQuiet(db);
        rounds.add(round(db, a, 1, "单节点清单二"));
      }
    }
    System.out.printf("BENCH nodes: %d items per round (%d ladder steps), %d cores%n", ITEMS,
        ITEMS * SessionsBehindNginxIntegrationTest.STEPS.size(), Runtime.getRuntime().availableProcessors());
    for (Round r : rounds) {
      System.out.printf("BENCH nodes: %d node(s): upload %.1f s, then all steps done in %.1f s: %.0f steps/s%n",
          r.nodes(), r.uploadSeconds(), r.seconds(), r.stepsPerSecond());
    }
    double one = (rounds.get(0).stepsPerSecond() + rounds.get(2).stepsPerSecond()) / 2;
    System.out.printf("BENCH nodes: two nodes / one node = %.2f%n", rounds.get(1).stepsPerSecond() / one);
  }

  /** A list whose ladders are all due, uploaded through node {@code issuing}; until every step of it has run. */
  private static Round round(JdbcTemplate db, Node issuing, int nodes, String name) {
    LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(21);
    StringBuilder csv = new StringBuilder("序号,事项名称,责任部门,责任人,分管领导,完成时限\n");
    for (int i = 1; i <= ITEMS; i++) {
      csv.append(i).append(",清理欠缴税款（第").append(i).append("户）,NSFWK,huangjunjie,wanglixin,")
          .append(deadline).append('\n');
    }
    long t0 = System.nanoTime();
    Http.Response issued = Http.basic(issuing.port(), "zhoumin", "demo").upload("/api/lists", name + ".csv",
        csv.toString().getBytes(StandardCharsets.UTF_8), Map.of("name", name, "allowPastDeadlines", "true"));
    long uploaded = System.nanoTime();
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String list = issued.json().get("listCode").asText();
    long expected = (long) ITEMS * SessionsBehindNginxIntegrationTest.STEPS.size();
    long until = System.nanoTime() + Duration.ofMinutes(20).toNanos();
    while (steps(db, list) < expected) {
      assertThat(System.nanoTime()).as("the list's ladders done within 20 minutes").isLessThan(until);
      assertThat(db.queryForObject("select count(*) from act_ru_incident", Long.class)).as("incidents").isZero();
      Node.pause(100);
    }
    double seconds = (System.nanoTime() - uploaded) / 1e9;
    assertThat(steps(db, list)).as("each step once").isEqualTo(expected);
    return new Round(nodes, (uploaded - t0) / 1e9, seconds, expected / seconds);
  }

  private static long steps(JdbcTemplate db, String list) {
    Long n = db.queryForObject("select count(*) from act_hi_actinst a join duban.item i "
        + "on i.process_instance_id = a.proc_inst_id_ where i.list_code = ? and a.act_id_ = any(?)", Long.class, list,
        SessionsBehindNginxIntegrationTest.STEPS.toArray(String[]::new));
    return n == null ? 0 : n;
  }

  /** Until the demo bureau's own due jobs have run: each round starts on a quiet engine. */
  private static void awaitQuiet(JdbcTemplate db) {
    long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (db.queryForObject("select count(*) from act_ru_job where retries_ > 0 and duedate_ <= now()",
        Long.class) > 0) {
      assertThat(System.nanoTime()).as("quiet within 5 minutes").isLessThan(until);
      Node.pause(500);
    }
    Node.pause(2000);
  }
}

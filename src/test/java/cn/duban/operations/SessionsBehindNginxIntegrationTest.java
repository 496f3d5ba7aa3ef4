package cn.duban.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.item.ItemProcess.Elements;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Node;
import cn.duban.support.NodeDatabase;

/**
 * Two duban nodes (two processes) on one PostgreSQL behind Debian's nginx with {@code deploy/nginx-duban.conf}:
 * round-robin, no stickiness. A person signs in once; pages, {@code /api} and Tasklist's API alternate between the
 * nodes with the same cookie. Then, under a light steady load (a thread doing a request every 100 ms through nginx)
 * and with an escalation burst under way (a list whose ladders are all due): {@code kill -9} of a node while it
 * holds locked jobs; the person carries on through the other without signing in again; the dead node's jobs are
 * taken over once their locks expire (15 s here, {@code lock-time-in-millis}); then a rolling restart (the dead node
 * started again, then each node stopped normally and started again, one at a time). No request fails but those in
 * flight on the killed node, and no escalation step or notification happens twice. Skipped when nginx is not
 * installed ({@code .ci/run} installs it).
 */
@DubanSpringTest
class SessionsBehindNginxIntegrationTest {

  static final Path NGINX = Path.of("/usr/sbin/nginx");
  /** The configuration an operator puts into nginx (and deploy/compose.yaml mounts): the test runs this file. */
  static final Path NGINX_CONF = Path.of("deploy", "nginx-duban.conf");
  static final String WEBAPP_TASK_COUNT = "/camunda/api/engine/engine/default/task/count";
  static final List<String> STEPS = List.of(Elements.REMIND, Elements.MARK_OVERDUE, Elements.START_SUPERVISION,
      Elements.BULLETIN);
  static final int ITEMS = 80;

  @Autowired DataSource testDataSource;

  @Test
  void aPersonIsServedByBothNodesAndNothingIsLostOrDoubledThroughACrashAndARollingRestart() throws Exception {
    assumeTrue(Files.isExecutable(NGINX),
        "nginx is not installed (/usr/sbin/nginx missing): apt-get install nginx, as .ci/run does");
    List<Node> started = new ArrayList<>();
    try (NodeDatabase database = NodeDatabase.create(testDataSource, "duban_nginx", Node.freePort())) {
      try {
        Node a = keep(started, Node.start("nginx-a", database.cluster()));
        Node b = keep(started, Node.start("nginx-b", database.cluster()));
        try (Nginx nginx = Nginx.start(a.port(), b.port())) {
          Http person = signedIn(nginx.port());

          List<String> servedBy = new ArrayList<>();
          for (int i = 0; i < 40; i++) {
            Http.Response response = request(person, i);
            assertThat(response.status()).as("request %d: %s", i, response.body()).isEqualTo(200);
            servedBy.add(response.header("X-Duban-Node"));
          }
          assertThat(servedBy).as("round-robin, no stickiness").containsOnly("nginx-a", "nginx-b");
          assertThat(servedBy.stream().filter("nginx-a"::equals).count()).isBetween(15L, 25L);

          JdbcTemplate db = database.jdbc();
          Load load = Load.start(signedIn(nginx.port()));
          String list;
          try {
            // the office issues the list on node a, whose job executor (told of the new jobs) takes up the ladders
            // at once, node b joining in; kill -9 of node a at an instant when it holds locked jobs: frozen first,
            // so that it cannot finish them between the look and the kill
            list = issueOverdueList(a.port());
            Map<String, Instant> lockedByA = freezeHoldingJobs(a, db);
            long frozenAt = System.nanoTime();
            a.kill9();
            long killedAt = System.nanoTime();
            load.crashBetween(frozenAt, killedAt);

            for (int i = 0; i < 20; i++) {
              Http.Response response = request(person, i);
              assertThat(response.status()).as("after the kill, request %d: %s", i, response.body()).isEqualTo(200);
              assertThat(response.header("X-Duban-Node")).isEqualTo("nginx-b");
            }
            assertThat(person.get("/api/me").json().get("id").asText()).as("still signed in")
                .isEqualTo("huangjunjie");

            Duration takeover = awaitTakeover(db, lockedByA, killedAt);
            System.out.printf("[nginx] %d jobs locked by the killed node, all taken over %.1f s after the kill%n",
                lockedByA.size(), takeover.toMillis() / 1000.0);

            // rolling restart: the dead node comes back, then each node in turn is stopped normally and started
            a = keep(started, Node.start("nginx-a", a.port(), database.cluster()));
            load.awaitServedBy("nginx-a");
            long stopping = System.nanoTime();
            b.close();
            System.out.printf("[nginx] node b stopped in %.1f s (graceful)%n", (System.nanoTime() - stopping) / 1e9);
            b = keep(started, Node.start("nginx-b", b.port(), database.cluster()));
            load.awaitServedBy("nginx-b");
            stopping = System.nanoTime();
            a.close();
            System.out.printf("[nginx] node a stopped in %.1f s (graceful)%n", (System.nanoTime() - stopping) / 1e9);
            a = keep(started, Node.start("nginx-a", a.port(), database.cluster()));
            load.awaitServedBy("nginx-a");
          } finally {
            load.close();
          }
          load.assertNoFailureButInFlightOnTheKilledNode();

          awaitBurstDone(db, a);
          assertEveryStepOnce(db, list);
        }
      } finally {
        started.forEach(Node::close);
      }
    }
  }

  private static Node keep(List<Node> started, Node node) {
    started.add(node);
    return node;
  }

  /** huangjunjie signed in through nginx, with the webapps' CSRF token for Tasklist's API. */
  private static Http signedIn(int port) {
    Http browser = Http.browser(port);
    assertThat(browser.signIn("huangjunjie", "demo").status()).isEqualTo(302);
    return browser.withWebappCsrfToken();
  }

  /** The office (demo: zhoumin) issues a list whose deadlines passed weeks ago: every step of the ladders is due. */
  private static String issueOverdueList(int port) {
    LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(21);
    StringBuilder csv = new StringBuilder("序号,事项名称,责任部门,责任人,分管领导,完成时限\n");
    for (int i = 1; i <= ITEMS; i++) {
      csv.append(i).append(",清理欠缴税款（第").append(i).append("户）,NSFWK,huangjunjie,wanglixin,")
          .append(deadline).append('\n');
    }
    Http.Response issued = Http.basic(port, "zhoumin", "demo").upload("/api/lists", "滚动重启清单.csv",
        csv.toString().getBytes(StandardCharsets.UTF_8), Map.of("name", "滚动重启清单", "allowPastDeadlines", "true"));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().get("listCode").asText();
  }

  /**
   * Waits until node a has locked jobs (its lock owner is its node name and a start's random suffix), then freezes it (SIGSTOP) and returns the jobs it still holds with their
   * lock expiry; a node that finished its jobs before it was frozen goes on and is looked at again.
   */
  private static Map<String, Instant> freezeHoldingJobs(Node a, JdbcTemplate db) {
    String held = "select id_, lock_exp_time_ from act_ru_job where lock_owner_ like 'nginx-a/%' "
        + "and lock_exp_time_ > now()";
    long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < until) {
      if (!db.queryForList(held).isEmpty()) {
        a.freeze();
        Map<String, Instant> jobs = new HashMap<>();
        db.query(held, row -> {
          jobs.put(row.getString(1), row.getTimestamp(2).toInstant());
        });
        if (!jobs.isEmpty()) {
          return jobs;
        }
        a.thaw();
      }
      Node.pause(20);
    }
    throw new AssertionError("node a never held a job; its log:\n" + a.logTail());
  }

  /**
   * Until no job is locked by the dead node any more: each was executed (or locked) by the other node, and none
   * before its lock expired. Returns how long after the kill the last one was taken over.
   */
  private static Duration awaitTakeover(JdbcTemplate db, Map<String, Instant> lockedByA, long killedAt) {
    long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Set<String> waiting = new HashSet<>(lockedByA.keySet());
    while (!waiting.isEmpty()) {
      assertThat(System.nanoTime()).as("the dead node's jobs taken over within 2 minutes: %s", waiting)
          .isLessThan(until);
      Set<String> stillHeld = new HashSet<>(db.queryForList("select id_ from act_ru_job where lock_owner_ like "
          + "'nginx-a/%' and id_ = any(?)", String.class, (Object) waiting.toArray(String[]::new)));
      Instant now = Instant.now();
      for (String job : Set.copyOf(waiting)) {
        if (!stillHeld.contains(job)) {
          // a second's slack for the database's and this JVM's clocks (one machine)
          assertThat(now).as("job %s taken over only after its lock expired", job)
              .isAfter(lockedByA.get(job).minusSeconds(1));
          waiting.remove(job);
        }
      }
      Node.pause(200);
    }
    return Duration.ofNanos(System.nanoTime() - killedAt);
  }

  /** Until no job is due and every notification is composed into a message. */
  private static void awaitBurstDone(JdbcTemplate db, Node node) {
    long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (db.queryForObject("select (select count(*) from act_ru_job where retries_ > 0 and duedate_ <= now()) "
        + "+ (select count(*) from duban.notification where message_id is null)", Long.class) > 0) {
      assertThat(System.nanoTime()).as("the burst done within 5 minutes; node log:\n%s", node.logTail())
          .isLessThan(until);
      Node.pause(500);
    }
  }

  /** Each item went through each step of its ladder exactly once; each notification and inbox message once. */
  private static void assertEveryStepOnce(JdbcTemplate db, String list) {
    List<Map<String, Object>> counts = db.queryForList("select a.proc_inst_id_, a.act_id_, count(*) as n "
        + "from act_hi_actinst a join duban.item i on i.process_instance_id = a.proc_inst_id_ "
        + "where i.list_code = ? and a.act_id_ = any(?) group by a.proc_inst_id_, a.act_id_", list,
        STEPS.toArray(String[]::new));
    assertThat(counts).as("each of the 4 steps of each item").hasSize(ITEMS * STEPS.size());
    assertThat(counts).allSatisfy(row -> assertThat(((Number) row.get("n")).longValue())
        .as("%s of %s", row.get("act_id_"), row.get("proc_inst_id_")).isEqualTo(1));
    assertThat(db.queryForObject("select count(*) from duban.item where list_code = ? and escalation_level = "
        + "'BULLETINED'", Long.class, list)).isEqualTo(ITEMS);
    assertThat(db.queryForObject("select count(*) from act_ru_incident", Long.class)).isZero();
    assertThat(db.queryForList("select n.item_code || ' ' || n.kind || ' ' || n.recipient from duban.notification n "
        + "join duban.item i on i.code = n.item_code where i.list_code = ? "
        + "group by n.item_code, n.kind, n.recipient having count(*) > 1", String.class, list))
        .as("notifications twice").isEmpty();
    assertThat(db.queryForObject("select count(distinct n.item_code || n.kind) from duban.notification n "
        + "join duban.item i on i.code = n.item_code where i.list_code = ?", Long.class, list))
        .as("each item's 临期提醒, 催办, 督办 and 通报 in the outbox").isEqualTo(ITEMS * 4L);
    assertThat(db.queryForObject("select count(*) from (select message_id from duban.inbox_message "
        + "group by message_id having count(*) > 1) d", Long.class)).as("inbox messages twice").isZero();
  }

  /** A page, duban's API or Tasklist's API (a write, with the webapps' CSRF token), in turn. */
  static Http.Response request(Http person, int i) {
    return switch (i % 4) {
      case 0 -> person.get("/", "text/html");
      case 1 -> person.get("/api/me");
      case 2 -> person.get("/api/items");
      default -> person.post(WEBAPP_TASK_COUNT, Map.of());
    };
  }

  /**
   * A light steady load: one person's request (in turn a page, /api, Tasklist's API) every 100 ms through nginx, each
   * recorded with when it started and ended, its status (or its exception) and the node that answered.
   */
  static final class Load implements AutoCloseable {

    record Call(int i, long start, long end, int status, String node, String problem) {
    }

    private final Http person;
    private final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long crashFrom = Long.MAX_VALUE;
    private volatile long crashTo = Long.MIN_VALUE;

    private Load(Http person) {
      this.person = person;
      this.thread = new Thread(this::run, "steady-load");
    }

    static Load start(Http person) {
      Load load = new Load(person);
      load.thread.start();
      return load;
    }

    private void run() {
      for (int i = 0; running; i++) {
        long start = System.nanoTime();
        try {
          Http.Response response = request(person, i);
          calls.add(new Call(i, start, System.nanoTime(), response.status(), response.header("X-Duban-Node"),
              response.status() == 200 ? null : response.body()));
        } catch (RuntimeException e) {
          calls.add(new Call(i, start, System.nanoTime(), -1, null, e.toString()));
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** The killed node was frozen and then killed between these instants (System.nanoTime). */
    void crashBetween(long frozen, long killed) {
      crashFrom = frozen;
      crashTo = killed;
    }

    /** Waits until a request made from now on is answered by the node of that name. */
    void awaitServedBy(String node) {
      long since = System.nanoTime();
      long until = since + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < until) {
        synchronized (calls) {
          if (calls.stream().anyMatch(c -> c.start() >= since && node.equals(c.node()))) {
            return;
          }
        }
        Node.pause(100);
      }
      throw new AssertionError("no request answered by " + node + " within 60 s");
    }

    /** Every request answered 200, but those in flight on the killed node (begun before the kill, ended after the freeze). */
    void assertNoFailureButInFlightOnTheKilledNode() {
      List<Call> all;
      synchronized (calls) {
        all = List.copyOf(calls);
      }
      List<Call> inFlight = all.stream().filter(c -> c.start() < crashTo && c.end() > crashFrom).toList();
      List<Call> failed = all.stream().filter(c -> c.status() != 200 && !inFlight.contains(c)).toList();
      System.out.printf("[nginx] steady load: %d requests, %d in flight at the crash, %d failed (%s)%n", all.size(),
          inFlight.size(), all.stream().filter(c -> c.status() != 200).count(),
          all.stream().filter(c -> c.status() != 200).map(c -> c.status() + " " + c.problem()).toList());
      assertThat(all.size()).as("the load ran").isGreaterThan(100);
      assertThat(failed).as("requests that failed outside the crash").isEmpty();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(30_000);
    }
  }

  /** Debian's nginx in the foreground, with deploy/nginx-duban.conf pointed at the two nodes; stopped on close. */
  record Nginx(Process process, int port) implements AutoCloseable {

    static Nginx start(int nodeA, int nodeB) throws IOException {
      Path dir = Path.of("target", "nginx").toAbsolutePath();
      Files.createDirectories(dir.resolve("temp"));
      // the workers run as nobody when nginx is started by root: they write proxy buffers here
      dir.resolve("temp").toFile().setWritable(true, false);
      int port = Node.freePort();
      String site = Files.readString(NGINX_CONF)
          .replace("server duban-a:8080", "server 127.0.0.1:" + nodeA)
          .replace("server duban-b:8080", "server 127.0.0.1:" + nodeB)
          .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
      assertThat(site).contains("127.0.0.1:" + nodeA, "127.0.0.1:" + nodeB, "listen 127.0.0.1:" + port);
      Files.writeString(dir.resolve("duban.conf"), site);
      Files.writeString(dir.resolve("nginx.conf"), """
          daemon off;
          pid %1$s/nginx.pid;
          error_log %1$s/error.log;
          events { worker_connections 256; }
          http {
            access_log %1$s/access.log;
            client_body_temp_path %1$s/temp/body;
            proxy_temp_path %1$s/temp/proxy;
            fastcgi_temp_path %1$s/temp/fastcgi;
            uwsgi_temp_path %1$s/temp/uwsgi;
            scgi_temp_path %1$s/temp/scgi;
            include %1$s/duban.conf;
          }
          """.formatted(dir));
      Process process = new ProcessBuilder(NGINX.toString(), "-e", dir.resolve("error.log").toString(),
          "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
      Nginx nginx = new Nginx(process, port);
      nginx.awaitUp();
      return nginx;
    }

    private void awaitUp() {
      Http probe = Http.anonymous(port);
      for (int i = 0; i < 100; i++) {
        if (!process.isAlive()) {
          throw new IllegalStateException("nginx exited: " + log());
        }
        try {
          if (probe.get("/readyz").status() == 200) {
            return;
          }
        } catch (UncheckedIOException e) {
          // not listening yet
        }
        Node.pause(100);
      }
      close();
      throw new IllegalStateException("nginx did not answer: " + log());
    }

    private String log() {
      try {
        return Files.readString(Path.of("target", "nginx", "nginx.out")) + "\n"
            + Files.readString(Path.of("target", "nginx", "error.log"));
      } catch (IOException e) {
        return e.toString();
      }
    }

    /** SIGTERM: nginx's fast shutdown, its workers with it. */
    @Override
    public void close() {
      Node.stop(process, Duration.ofSeconds(20));
    }
  }
}

package cn.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import cn.duban.support.Http;
import cn.duban.support.Node;

/**
 * {@code ./mvnw spring-boot:run} killed with {@code kill -9} and started again, as separate JVMs on one embedded
 * data directory: the killed duban's PostgreSQL outlives it (pg_ctl gives the server a session of its own), and the
 * next start stops that orphan and starts in its normal time, with every committed item there. Before the fix the
 * second start waited 60 s for its own server, which refused to start beside the orphan, and failed.
 */
class EmbeddedCrashRestartIntegrationTest {

  /**
   * zonky waits 60 s for a server that never comes, so a failed recovery takes longer than that; a start after a
   * crash takes 10–25 s here (the first start, with initdb and the demo bureau, up to 40 s on a busy machine)
   */
  static final Duration NORMAL_START = Duration.ofSeconds(45);

  final Path dataDir = Path.of("target", "crash-restart", Long.toString(System.nanoTime(), 36)).toAbsolutePath();
  final Path postgresDir = dataDir.resolve("postgres");
  final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void leaveNoPostgreSqlRunning() throws IOException {
    nodes.forEach(Node::close);
    // a failed test may leave the last node's server behind: it is an orphan now
    OrphanedPostgres.clear(postgresDir, Duration.ofSeconds(30));
    FileSystemUtils.deleteRecursively(dataDir);
  }

  @Test
  void startsAgainInNormalTimeWithEveryCommittedItemAfterTheJvmOrItsWholeProcessGroupWasKilled() throws Exception {
    Node first = start("crash-first");
    List<String> items = new ArrayList<>(List.of(issue(first, "崩溃前提交的事项一"), issue(first, "崩溃前提交的事项二")));
    long orphan = postmasterPid();

    first.kill9();
    assertThat(ProcessHandle.of(orphan)).as("the killed JVM's PostgreSQL runs on as an orphan")
        .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

    Node second = startInNormalTime("crash-second");
    assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("the orphan was stopped").isEmpty();
    assertEveryItemThere(second, items);
    assertPersistentSettings();
    items.add(issue(second, "第二次启动后提交的事项"));
    long secondOrphan = postmasterPid();

    // the whole process group, as a terminal's hang-up or a service manager's kill would take it
    second.kill9Group();
    assertThat(ProcessHandle.of(secondOrphan)).as("PostgreSQL has a session of its own and outlives the group too")
        .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

    Node third = startInNormalTime("crash-third");
    assertEveryItemThere(third, items);

    long lastServer = postmasterPid();
    third.close();
    // pg_ctl stop returns once the server removed postmaster.pid, a moment before its processes end
    ProcessHandle.of(lastServer).ifPresent(server -> server.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    postgresProcessesOf(postgresDir).forEach(left -> left.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(postgresProcessesOf(postgresDir)).as("no PostgreSQL of the test is left running").isEmpty();
  }

  private Node start(String name) {
    Node node = Node.startEmbedded(name, dataDir);
    nodes.add(node);
    return node;
  }

  private Node startInNormalTime(String name) {
    long started = System.nanoTime();
    Node node = start(name);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).as("start-up after the crash (log: target/nodes/%s.log)", name).isLessThan(NORMAL_START);
    return node;
  }

  /** The office (demo: zhoumin) issues an item; it is committed when the answer comes. */
  static String issue(Node node, String title) {
    Http.Response issued = Http.basic(node.port(), "zhoumin", "demo").post("/api/items", Map.of(
        "title", title,
        "requirement", "按要求完成并报送。",
        "unitId", "NSFWK",
        "leaderId", "wanglixin",
        "deadline", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(15).toString(),
        "reportingCycle", "每周"));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().get("code").asText();
  }

  private static void assertEveryItemThere(Node node, List<String> codes) {
    Http office = Http.basic(node.port(), "zhoumin", "demo");
    for (String code : codes) {
      Http.Response item = office.get("/api/items/" + code);
      assertThat(item.status()).as("item %s after the restart: %s", code, item.body()).isEqualTo(200);
    }
  }

  /** Data meant to last is on disk at commit: fsync and synchronous_commit are on, zonky's "-F" overridden. */
  private void assertPersistentSettings() throws IOException, SQLException {
    String port = Files.readAllLines(postgresDir.resolve(OrphanedPostgres.PID_FILE)).get(3).strip();
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
        "postgres", "");
         Statement statement = connection.createStatement()) {
      assertThat(show(statement, "fsync")).isEqualTo("on");
      assertThat(show(statement, "synchronous_commit")).isEqualTo("on");
    }
  }

  private static String show(Statement statement, String setting) throws SQLException {
    try (ResultSet rs = statement.executeQuery("show " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private long postmasterPid() throws IOException {
    return Long.parseLong(Files.readAllLines(postgresDir.resolve(OrphanedPostgres.PID_FILE)).get(0).strip());
  }

  /** Every postgres process (postmaster or backend) working in the directory. */
  static List<ProcessHandle> postgresProcessesOf(Path dir) {
    return ProcessHandle.allProcesses().filter(p -> OrphanedPostgres.isPostgresOf(p, dir)).toList();
  }
}

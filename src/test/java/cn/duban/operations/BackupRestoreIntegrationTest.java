package cn.duban.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.support.Http;
import cn.duban.support.Node;

/**
 * Backups that restore: duban runs on a PostgreSQL of its own (Debian's postgresql-15, {@link DebianPostgres}) with
 * the demo bureau (items in several states, their history), an attachment uploaded and an item whose 临期提醒 is
 * still ahead. {@code deploy/backup.sh} dumps the database while the node runs; the node is then stopped (the machine
 * is lost); {@code deploy/restore.sh} restores the dump into a new, empty database (and refuses a database that is
 * not empty); a node started on it shows every item, history entry and attachment, and the pending escalation timer
 * fires there. Skipped when Debian's PostgreSQL 15 is not installed ({@code .ci/run} installs it).
 */
class BackupRestoreIntegrationTest {

  @Test
  void aDumpOfARunningNodeRestoresIntoAnEmptyDatabaseWithEverythingAndItsTimersStillFire() throws Exception {
    assumeTrue(DebianPostgres.installed(),
        "Debian's PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin): apt-get install postgresql-15, as "
            + ".ci/run does");
    Path dump = Path.of("target", "backup", "duban.dump").toAbsolutePath();
    Files.createDirectories(dump.getParent());
    Files.deleteIfExists(dump);
    try (DebianPostgres server = DebianPostgres.start()) {
      server.createDatabase("duban_live");
      JdbcTemplate live = server.jdbc("duban_live");
      String code;
      String job;
      Timestamp due;
      byte[] evidence = "税源管理专项检查佐证：已核实 12 户".getBytes(StandardCharsets.UTF_8);
      long attachment;
      JsonNode itemBefore;
      JsonNode itemsBefore;
      Map<String, Long> rowsBefore;
      try (Node node = Node.start("backup-live", cluster(server, "duban_live"))) {
        Http office = Http.basic(node.port(), "zhoumin", "demo");
        code = live.queryForObject("select code from duban.item where list_code = ?", String.class,
            issueListDueIn(office, 30));
        Http.Response upload = office.upload("/api/items/" + code + "/attachments", "核查说明.txt", evidence);
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        attachment = live.queryForObject("select id from duban.attachment where item_code = ?", Long.class, code);
        job = live.queryForObject("select j.id_ from act_ru_job j join duban.item i on i.process_instance_id = "
            + "j.process_instance_id_ where i.code = ? and j.type_ = 'timer' order by j.duedate_ limit 1",
            String.class, code);
        due = live.queryForObject("select duedate_ from act_ru_job where id_ = ?", Timestamp.class, job);
        assertThat(live.queryForList("select distinct status from duban.item", String.class))
            .as("the demo bureau's items are in several states").hasSizeGreaterThanOrEqualTo(3);
        awaitQuiet(live, node);

        rowsBefore = rows(live);
        itemsBefore = office.get("/api/items").json();
        itemBefore = office.get("/api/items/" + code).json();
        long started = System.nanoTime();
        script("backup.sh", server.environment("duban_live"), dump.toString()).assertSucceeded();
        System.out.printf("[backup] pg_dump of the running node: %.1f s, %d kB, %d rows in %d tables%n",
            (System.nanoTime() - started) / 1e9, Files.size(dump) / 1024,
            rowsBefore.values().stream().mapToLong(Long::longValue).sum(), rowsBefore.size());
        assertThat(rows(live)).as("nothing changed while the dump was taken (the comparison below is exact)")
            .isEqualTo(rowsBefore);
      }

      server.createDatabase("duban_restored");
      long started = System.nanoTime();
      script("restore.sh", server.environment("duban_restored"), dump.toString()).assertSucceeded();
      System.out.printf("[backup] restore into an empty database: %.1f s%n", (System.nanoTime() - started) / 1e9);
      Script again = script("restore.sh", server.environment("duban_restored"), dump.toString());
      assertThat(again.exit()).as("a database that is not empty is refused").isEqualTo(1);
      assertThat(again.output()).contains("不是空的");

      JdbcTemplate restored = server.jdbc("duban_restored");
      assertThat(rows(restored)).as("every row of duban's and the engine's tables").isEqualTo(rowsBefore);
      assertThat(restored.queryForObject("select duedate_ from act_ru_job where id_ = ?", Timestamp.class, job))
          .as("the pending 临期提醒 timer, due as before").isEqualTo(due);
      // the days until the 临期提醒 pass while the restored node runs: its timer falls due 20 s from now
      restored.update("update act_ru_job set duedate_ = now() + interval '20 seconds' where id_ = ?", job);
      Timestamp dueNow = restored.queryForObject("select duedate_ from act_ru_job where id_ = ?", Timestamp.class, job);

      try (Node node = Node.start("backup-restored", cluster(server, "duban_restored"))) {
        Http office = Http.basic(node.port(), "zhoumin", "demo");
        assertThat(office.get("/api/items").json()).as("every item, as the office lists them").isEqualTo(itemsBefore);
        assertThat(office.get("/api/items/" + code).json())
            .as("the item with its progress, attachments, deadline changes and timeline").isEqualTo(itemBefore);
        assertThat(office.getBytes("/api/items/" + code + "/attachments/" + attachment)).isEqualTo(evidence);

        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!"REMINDED".equals(restored.queryForObject("select escalation_level from duban.item where code = ?",
            String.class, code))) {
          assertThat(System.nanoTime()).as("the 临期提醒 fired on the restored node; its log:\n%s", node.logTail())
              .isLessThan(until);
          Node.pause(250);
        }
        Timestamp reminded = restored.queryForObject("select reminded_at from duban.item where code = ?",
            Timestamp.class, code);
        assertThat(reminded).as("not before it was due").isAfterOrEqualTo(dueNow);
        assertThat(restored.queryForObject("select count(*) from duban.notification where item_code = ?", Long.class,
            code)).as("the 临期提醒 reached the outbox").isPositive();
      }
    }
  }

  private static Node.Cluster cluster(DebianPostgres server, String database) {
    // no mail server: notifications stay in the outbox
    return new Node.Cluster(server.jdbcUrl(database), DebianPostgres.USER, "", Node.freePort());
  }

  /** The office issues a list of one item for 纳税服务科 due in {@code days} days (its 临期提醒 ahead); its code. */
  private static String issueListDueIn(Http office, int days) {
    LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(days);
    String csv = "序号,事项名称,责任部门,责任人,分管领导,完成时限\n1,开展税源管理专项检查,NSFWK,huangjunjie,wanglixin,"
        + deadline + "\n";
    Http.Response issued = office.upload("/api/lists", "备份清单.csv", csv.getBytes(StandardCharsets.UTF_8),
        Map.of("name", "备份恢复清单"));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().get("listCode").asText();
  }

  /** Until no job is due and no notification waits to be composed: the demo bureau's start-up work is done. */
  private static void awaitQuiet(JdbcTemplate db, Node node) {
    long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (db.queryForObject("select (select count(*) from act_ru_job where retries_ > 0 and duedate_ <= now()) "
        + "+ (select count(*) from duban.notification where message_id is null)", Long.class) > 0) {
      assertThat(System.nanoTime()).as("quiet within 3 minutes; log:\n%s", node.logTail()).isLessThan(until);
      Node.pause(500);
    }
  }

  /** The row count of every table of duban's schema and of the engine (sessions aside: they come and go). */
  private static Map<String, Long> rows(JdbcTemplate db) {
    Map<String, Long> rows = new TreeMap<>();
    for (Map<String, Object> table : db.queryForList("select table_schema, table_name from information_schema.tables "
        + "where table_type = 'BASE TABLE' and table_schema in ('duban', 'public') "
        + "and table_name not like 'spring_session%'")) {
      String name = table.get("table_schema") + "." + table.get("table_name");
      rows.put(name, db.queryForObject("select count(*) from " + name, Long.class));
    }
    return rows;
  }

  record Script(int exit, String output) {
    void assertSucceeded() {
      assertThat(exit).as(output).isZero();
    }
  }

  /** One of deploy/'s scripts, as an operator runs it, with libpq's variables. */
  static Script script(String name, Map<String, String> environment, String... arguments) {
    try {
      List<String> command = new java.util.ArrayList<>(List.of("bash", Path.of("deploy", name).toString()));
      command.addAll(List.of(arguments));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(name + " did not finish within 5 minutes");
      }
      return new Script(process.exitValue(), new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

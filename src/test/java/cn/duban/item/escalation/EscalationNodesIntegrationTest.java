package cn.duban.item.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;

import cn.duban.item.ItemProcess.Elements;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Node;

/**
 * duban as it runs in a bureau: separate JVMs on one PostgreSQL (a database of their own on the test server), with
 * their job executors and notification schedulers, e-mail to a real SMTP server (GreenMail, in this JVM). A list of
 * items whose deadlines passed long ago makes every step of their ladders due at once: 临期提醒, 逾期催办, 督办 and
 * 通报, each with its notifications in the inbox and by e-mail.
 * <ul>
 *   <li>a node is killed with {@code kill -9} in the middle of that work and started again: every step happens
 *   exactly once, every notification reaches the inbox exactly once and every e-mail arrives; the one e-mail a
 *   crash can leave unrecorded (sent, the node dead before it wrote so) arrives again with the same Message-ID;</li>
 *   <li>two nodes work through the same burst side by side: no step and no message twice.</li>
 * </ul>
 * Waiting here is for other processes to finish, so it polls the database (with a generous limit); it never
 * sleeps to let time pass.
 */
@DubanSpringTest
class EscalationNodesIntegrationTest {

  static final int SMTP_PORT = Node.freePort();
  static final List<String> STEPS = List.of(Elements.REMIND, Elements.MARK_OVERDUE, Elements.START_SUPERVISION,
      Elements.BULLETIN);
  /** responsible units and people of the demo bureau (their e-mail addresses are in the demo data) */
  static final List<List<String>> HANDLERS = List.of(List.of("NSFWK", "huangjunjie"), List.of("ZSGLK", "yangfan"),
      List.of("SZK", "zhulin"), List.of("FXGLK", "guojing"), List.of("ZCFGK", "luochen"),
      List.of("RSJYK", "songyaqi"), List.of("XXZX", "handong"), List.of("CGFJ", "fengxiaoyan"),
      List.of("KFQFJ", "yuanyuan"));

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1",
      ServerSetup.PROTOCOL_SMTP));

  @Autowired DataSource testDataSource;

  String database;
  Node.Cluster cluster;
  JdbcTemplate db;

  @BeforeEach
  void createTheNodesDatabase() throws java.sql.SQLException {
    HikariDataSource server = testDataSource.unwrap(HikariDataSource.class);
    database = "duban_nodes_" + Long.toString(System.nanoTime(), 36);
    new JdbcTemplate(testDataSource).execute("create database " + database + " encoding 'UTF8'");
    String url = server.getJdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    cluster = new Node.Cluster(url, server.getUsername(), server.getPassword(), SMTP_PORT);
    db = new JdbcTemplate(new DriverManagerDataSource(url, server.getUsername(), server.getPassword()));
  }

  @AfterEach
  void dropTheNodesDatabase() {
    new JdbcTemplate(testDataSource).execute("drop database if exists " + database + " with (force)");
  }

  @Test
  void aNodeKilledInTheMiddleOfABurstAndRestartedDoesEveryStepOnceAndLosesNoNotification() {
    int items = 200;
    String list;
    try (Node first = Node.start("kill-first", cluster)) {
      list = issueOverdueList(first, items);
      long total = (long) items * STEPS.size();
      long doneAtKill = awaitProgress(list, total / 4, first);
      first.kill9();
      assertThat(doneAtKill).as("the node was killed with work left to do (raise the item count otherwise)")
          .isLessThan(total);
    }
    try (Node restarted = Node.start("kill-restarted", cluster)) {
      awaitAllDone(restarted, new HashSet<>());
    }
    assertEveryStepOnce(list, items);
    // one node died: at most the one e-mail it was sending can arrive twice, with the same Message-ID
    assertEveryNotificationDelivered(1);
  }

  @Test
  void twoNodesOnOneDatabaseShareABurstWithoutDoingAnythingTwice() {
    int items = 200;
    String list;
    Set<String> lockOwners = new HashSet<>();
    try (Node a = Node.start("two-a", cluster); Node b = Node.start("two-b", cluster)) {
      list = issueOverdueList(b, items);
      awaitAllDone(a, lockOwners);
    }
    assertThat(lockOwners).as("both nodes' job executors took jobs").hasSizeGreaterThanOrEqualTo(2);
    assertEveryStepOnce(list, items);
    assertEveryNotificationDelivered(0);
  }

  /** The office (demo: zhoumin) issues a list whose deadlines passed weeks ago: the whole ladder is due now. */
  private String issueOverdueList(Node node, int items) {
    LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(21);
    StringBuilder csv = new StringBuilder("序号,事项名称,责任部门,责任人,分管领导,完成时限\n");
    for (int i = 1; i <= items; i++) {
      List<String> handler = HANDLERS.get(i % HANDLERS.size());
      csv.append(i).append(",清理欠缴税款（第").append(i).append("户）,").append(handler.get(0)).append(',')
          .append(handler.get(1)).append(",wanglixin,").append(deadline).append('\n');
    }
    Http.Response issued = Http.basic(node.port(), "zhoumin", "demo").upload("/api/lists", "逾期清单.csv",
        csv.toString().getBytes(StandardCharsets.UTF_8), Map.of("name", "多节点逾期清单", "allowPastDeadlines", "true"));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().get("listCode").asText();
  }

  private long stepsDone(String list) {
    return db.queryForObject("select count(*) from act_hi_actinst a join duban.item i "
        + "on i.process_instance_id = a.proc_inst_id_ where i.list_code = ? and a.act_id_ in (?, ?, ?, ?) "
        + "and a.end_time_ is not null", Long.class, list, STEPS.get(0), STEPS.get(1), STEPS.get(2), STEPS.get(3));
  }

  private long awaitProgress(String list, long steps, Node node) {
    return await(Duration.ofMinutes(5), node, () -> {
      long done = stepsDone(list);
      return done >= steps ? done : null;
    });
  }

  /** Until no job is due, every notification is in a message and no delivery is pending or being sent. */
  private void awaitAllDone(Node node, Set<String> lockOwners) {
    await(Duration.ofMinutes(6), node, () -> {
      lockOwners.addAll(db.queryForList("select distinct lock_owner_ from act_ru_job where lock_owner_ is not null",
          String.class));
      long left = db.queryForObject("select (select count(*) from act_ru_job where retries_ > 0 "
          + "and (duedate_ is null or duedate_ <= now())) + (select count(*) from duban.notification "
          + "where message_id is null) + (select count(*) from duban.notification_delivery "
          + "where status in ('PENDING', 'SENDING'))", Long.class);
      return left == 0 ? Boolean.TRUE : null;
    });
  }

  private void assertEveryStepOnce(String list, int items) {
    List<Map<String, Object>> counts = db.queryForList("select a.proc_inst_id_, a.act_id_, count(*) as n "
        + "from act_hi_actinst a join duban.item i on i.process_instance_id = a.proc_inst_id_ "
        + "where i.list_code = ? and a.act_id_ in (?, ?, ?, ?) group by a.proc_inst_id_, a.act_id_", list,
        STEPS.get(0), STEPS.get(1), STEPS.get(2), STEPS.get(3));
    assertThat(counts).as("each of the 4 steps of each item").hasSize(items * STEPS.size());
    assertThat(counts).allSatisfy(row -> assertThat(((Number) row.get("n")).longValue())
        .as("%s of %s", row.get("act_id_"), row.get("proc_inst_id_")).isEqualTo(1));
    assertThat(db.queryForObject("select count(*) from duban.item where list_code = ? and escalation_level = "
        + "'BULLETINED'", Long.class, list)).isEqualTo(items);
    assertThat(db.queryForObject("select count(*) from act_ru_task t join duban.item i on i.process_instance_id = "
        + "t.proc_inst_id_ where i.list_code = ? and t.task_def_key_ = ?", Long.class, list, Elements.SUPERVISE))
        .as("one 督办 task per item").isEqualTo(items);
    assertThat(db.queryForObject("select count(*) from act_ru_incident", Long.class)).isZero();
    // the steps' notifications: each item's 临期提醒, 催办, 督办 and 通报 reached the outbox
    assertThat(db.queryForObject("select count(distinct n.item_code || n.kind) from duban.notification n "
        + "join duban.item i on i.code = n.item_code where i.list_code = ?", Long.class, list))
        .isEqualTo(items * 4L);
  }

  private void assertEveryNotificationDelivered(int duplicatesAllowed) {
    assertThat(db.queryForObject("select count(*) from duban.notification_message m where not exists "
        + "(select 1 from duban.inbox_message x where x.message_id = m.id)", Long.class))
        .as("every message in the inbox (the unique key makes it at most once)").isZero();
    assertThat(db.queryForList("select distinct status from duban.notification_delivery", String.class))
        .isSubsetOf("SENT", "SKIPPED");

    Set<String> expected = db.queryForList("select message_id from duban.notification_delivery where channel = "
        + "'email' and status = 'SENT'", Long.class).stream().map(id -> "notification-" + id)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(expected).isNotEmpty();
    List<String> received = List.of(smtp.getReceivedMessages()).stream().map(EscalationNodesIntegrationTest::messageId)
        .toList();
    Map<String, Long> copies = received.stream().collect(Collectors.groupingBy(Function.identity(),
        Collectors.counting()));
    assertThat(new TreeSet<>(copies.keySet())).as("every e-mail sent arrived, and nothing else").isEqualTo(expected);
    assertThat(received.size() - copies.size()).as("e-mails that arrived twice").isLessThanOrEqualTo(duplicatesAllowed);
  }

  private static String messageId(MimeMessage message) {
    try {
      String id = message.getMessageID();
      return id.substring(1, id.indexOf('@'));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Check<T> {
    T result();
  }

  private static <T> T await(Duration limit, Node node, Check<T> check) {
    long until = System.nanoTime() + limit.toNanos();
    while (true) {
      T result = check.result();
      if (result != null) {
        return result;
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("not done within " + limit + "; node log:\n" + node.logTail());
      }
      Node.pause(200);
    }
  }
}

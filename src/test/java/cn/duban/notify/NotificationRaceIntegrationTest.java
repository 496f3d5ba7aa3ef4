package cn.duban.notify;

import static cn.duban.notify.NotifyFixtures.chase;
import static cn.duban.notify.NotifyFixtures.code;
import static cn.duban.notify.NotifyFixtures.morning;
import static cn.duban.notify.NotifyFixtures.person;
import static cn.duban.notify.NotifyFixtures.reminder;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.duban.notify.NotificationChannel.DeliveryOutcome;
import cn.duban.support.DubanSpringTest;
import cn.duban.system.BureauClock;

/**
 * Two application nodes on one database: two deliverers working through the same due rows at the same time, each
 * in its own transactions, deliver every message exactly once and never split a digest.
 */
@DubanSpringTest
class NotificationRaceIntegrationTest {

  static final int YEAR = 2094;

  @Autowired NotificationService notifications;
  @Autowired NotificationRepository repository;
  @Autowired InboxChannel inbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired BureauClock clock;

  @Test
  void twoDeliverersRacingOnTheSameRowsDeliverEveryMessageExactlyOnce() throws Exception {
    // what each node would have: the inbox, a channel writing to the database, one talking to another system
    var table = new RecordingChannel("race-table", true);
    var sms = new RecordingChannel("race-sms", false);
    // small batches, so that the two nodes take turns many times
    NotifyProperties properties = NotifyFixtures.properties(7);
    List<NotificationDeliverer> nodes = List.of(
        new NotificationDeliverer(repository, List.of(inbox, table, sms), properties, clock, transactions),
        new NotificationDeliverer(repository, List.of(inbox, table, sms), properties, clock, transactions));

    for (int round = 0; round < 3; round++) {
      LocalDate day = LocalDate.of(YEAR, 5, 11 + round);
      Instant now = morning(day);
      List<String> recipients = new ArrayList<>();
      List<String> codes = new ArrayList<>();
      for (int p = 0; p < 5; p++) {
        String recipient = person("race" + p);
        recipients.add(recipient);
        for (int i = 0; i < 12; i++) {
          String code = code(YEAR);
          codes.add(code);
          notifications.enqueue(chase(recipient, code, day), now);
        }
        for (int i = 0; i < 8; i++) {
          String code = code(YEAR);
          codes.add(code);
          notifications.enqueue(reminder(recipient, code, day), now);
        }
      }

      List<Integer> runs = race(nodes, now.plus(properties.digestDelay()));
      assertThat(runs).as("runs with work per node").allMatch(n -> n > 0);

      // every notification went out in exactly one message
      Map<String, Long> messageOfItem = new HashMap<>();
      for (String code : codes) {
        messageOfItem.put(code, NotifyFixtures.messageOf(jdbc, code));
      }
      assertThat(messageOfItem.values()).doesNotContainNull();
      Set<Long> messages = new HashSet<>(messageOfItem.values());
      // per person one digest of 12 and 8 reminders: a digest is never split between the nodes
      assertThat(messages).hasSize(5 * (1 + 8));
      for (String recipient : recipients) {
        List<Long> received = NotifyFixtures.inboxMessages(jdbc, recipient);
        assertThat(received).hasSize(9);
        assertThat(received.stream().map(id -> repository.message(id).orElseThrow().items().size()))
            .containsOnly(1, 12);
      }
      for (long message : messages) {
        assertThat(table.calls(message)).as("table, message %d", message).isEqualTo(1);
        assertThat(sms.calls(message)).as("sms, message %d", message).isEqualTo(1);
        assertThat(repository.deliveries(List.of(message)))
            .extracting(NotificationRepository.DeliveryState::status).containsOnly("SENT");
      }
      // and a third run finds nothing left to do for these messages
      nodes.get(0).deliverDue(now.plusSeconds(86_400));
      for (long message : messages) {
        assertThat(sms.calls(message)).isEqualTo(1);
      }
    }
  }

  @Test
  void aDigestAnotherNodeIsComposingIsLeftToItWhole() {
    LocalDate day = LocalDate.of(YEAR, 6, 1);
    Instant now = morning(day);
    String recipient = person("split");
    List<String> codes = List.of(code(YEAR), code(YEAR), code(YEAR));
    for (String code : codes) {
      notifications.enqueue(chase(recipient, code, day), now);
    }
    Instant due = now.plus(NotifyFixtures.properties(7).digestDelay());
    NotificationDeliverer other = new NotificationDeliverer(repository, List.of(inbox), NotifyFixtures.properties(7),
        clock, transactions);

    // "this node" is in the middle of composing the digest: it holds the group and has locked one of its rows
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      NotificationRepository.Group group = repository.dueGroups(due, 1000).stream()
          .filter(g -> g.recipient().equals(recipient)).findFirst().orElseThrow();
      assertThat(repository.tryLock(group)).isTrue();
      jdbc.queryForList("select id from duban.notification where item_code = ? for update", codes.get(0));

      other.deliverDue(due); // in transactions of its own, like another node
      assertThat(codes).allMatch(code -> NotifyFixtures.messageOf(jdbc, code) == null);
    });

    other.deliverDue(due);
    List<Long> received = NotifyFixtures.inboxMessages(jdbc, recipient);
    assertThat(received).hasSize(1);
    assertThat(repository.message(received.get(0)).orElseThrow().items()).hasSize(3);
  }

  @Test
  void aBatchOutlastingTheSendTimeoutLeasesEachMessageFromItsOwnClaim() {
    LocalDate day = LocalDate.of(YEAR, 7, 1);
    Instant now = morning(day);
    List<String> codes = List.of(code(YEAR), code(YEAR));
    String recipient = person("slow");
    for (String code : codes) {
      notifications.enqueue(reminder(recipient, code, day), now);
    }
    NotifyProperties p = NotifyFixtures.properties(10);
    // leases of 1 s, and a mail server that takes 1.2 s per message: the second claim comes after the first lease
    NotifyProperties shortLease = new NotifyProperties(false, p.pollInterval(), 10, p.maxAttempts(), p.backoffBase(),
        p.backoffMax(), p.digestDelay(), java.time.Duration.ofSeconds(1), p.baseUrl(), p.inbox(), p.email());
    var otherNodeSends = new RecordingChannel("slow-sms", false);
    NotificationDeliverer otherNode = new NotificationDeliverer(repository, List.of(otherNodeSends), shortLease, clock,
        transactions);
    List<Long> sentHere = new ArrayList<>();
    NotificationChannel slow = new NotificationChannel() {
      @Override
      public String name() {
        return "slow-sms";
      }

      @Override
      public boolean enabled() {
        return true;
      }

      @Override
      public boolean transactional() {
        return false;
      }

      @Override
      public DeliveryOutcome deliver(NotificationMessage message) {
        sentHere.add(message.id());
        // the slow server: this one send takes longer than the lease (the bureau's clock moves on by 1.2 s)
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 1200));
        if (sentHere.size() == 2) {
          // another node looks for due mail at 1.5 s, while this node sends the second message (claimed at 1 s)
          otherNode.deliverDue(now.plusMillis(1500));
        }
        return DeliveryOutcome.sent();
      }
    };
    ClockUtil.setCurrentTime(Date.from(now));
    try {
      new NotificationDeliverer(repository, List.of(inbox, slow), shortLease, clock, transactions).deliverDue(now);
    } finally {
      ClockUtil.reset();
    }

    assertThat(sentHere).hasSize(2);
    for (long message : sentHere) {
      assertThat(otherNodeSends.calls(message)).as("message %d sent by the other node too", message).isZero();
    }
  }

  /** Both nodes start together and run until a run of theirs finds nothing to do. */
  private static List<Integer> race(List<NotificationDeliverer> nodes, Instant now) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> runs = new ArrayList<>();
      for (NotificationDeliverer node : nodes) {
        runs.add(pool.submit(() -> {
          start.await();
          int worked = 0;
          while (node.deliverDue(now).didWork()) {
            worked++;
          }
          return worked;
        }));
      }
      start.countDown();
      List<Integer> worked = new ArrayList<>();
      for (Future<Integer> run : runs) {
        worked.add(run.get(2, TimeUnit.MINUTES));
      }
      return worked;
    } finally {
      pool.shutdownNow();
    }
  }
}

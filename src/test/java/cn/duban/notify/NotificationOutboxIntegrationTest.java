package cn.duban.notify;

import static cn.duban.notify.NotifyFixtures.chase;
import static cn.duban.notify.NotifyFixtures.code;
import static cn.duban.notify.NotifyFixtures.inboxMessages;
import static cn.duban.notify.NotifyFixtures.messageOf;
import static cn.duban.notify.NotifyFixtures.morning;
import static cn.duban.notify.NotifyFixtures.person;
import static cn.duban.notify.NotifyFixtures.reminder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.duban.support.DubanSpringTest;

/** The outbox and digests, with the application's own deliverer (inbox on, no e-mail configured). */
@DubanSpringTest
class NotificationOutboxIntegrationTest {

  static final int YEAR = 2092;

  @Autowired NotificationService notifications;
  @Autowired NotificationDeliverer deliverer;
  @Autowired NotificationRepository repository;
  @Autowired NotifyProperties properties;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine processEngine;
  @Autowired PlatformTransactionManager transactions;

  final LocalDate day = LocalDate.of(YEAR, 3, 5);
  final Instant now = morning(day);

  @Test
  void enqueueingTheSameNotificationTwiceStoresItOnce() {
    String recipient = person("zhang");
    String code = code(YEAR);
    Notification chase = chase(recipient, code, day);

    assertThat(notifications.enqueue(chase, now)).isTrue();
    // a retried job, a second node: the same item, step, deadline, day and recipient
    assertThat(notifications.enqueue(chase, now.plusSeconds(40))).isFalse();
    assertThat(notifications.enqueue(Notification.of(NotificationKind.CHASE, recipient, code, "改过的标题",
        chase.deadline(), day), now)).isFalse();

    assertThat(jdbc.queryForObject("select count(*) from duban.notification where item_code = ?", Integer.class, code))
        .isEqualTo(1);
    // a new day, a new deadline (延期) or another person is another notification
    assertThat(notifications.enqueue(chase(recipient, code, day.plusDays(1)), now)).isTrue();
    assertThat(notifications.enqueue(Notification.of(NotificationKind.CHASE, recipient, code, "事项",
        chase.deadline().plusDays(10), day), now)).isTrue();
    assertThat(notifications.enqueue(chase(person("li"), code, day), now)).isTrue();
  }

  @Test
  void enqueueTakesPartInTheCallersTransaction() {
    String code = code(YEAR);
    var transaction = new TransactionTemplate(transactions);

    transaction.executeWithoutResult(status -> {
      assertThat(notifications.enqueue(reminder(person("wang"), code, day), now)).isTrue();
      status.setRollbackOnly(); // the escalation step fails: its notification goes with it
    });
    assertThat(jdbc.queryForObject("select count(*) from duban.notification where item_code = ?", Integer.class, code))
        .isZero();

    transaction.executeWithoutResult(status -> notifications.enqueue(reminder(person("wang"), code, day), now));
    assertThat(jdbc.queryForObject("select count(*) from duban.notification where item_code = ?", Integer.class, code))
        .isEqualTo(1);
  }

  @Test
  void enqueueFromAnEngineCommandCommitsAndRollsBackWithTheEngine() {
    var engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    String failed = code(YEAR);
    String committed = code(YEAR);

    // as in a delegate of the escalation ladder: the job fails after enqueueing, the engine rolls back
    assertThatThrownBy(() -> engine.getCommandExecutorTxRequired().execute(commandContext -> {
      notifications.enqueue(reminder(person("he"), failed, day), now);
      throw new IllegalStateException("the escalation step fails");
    })).hasMessage("the escalation step fails");
    engine.getCommandExecutorTxRequired().execute(commandContext ->
        notifications.enqueue(reminder(person("he"), committed, day), now));

    assertThat(jdbc.queryForList("select item_code from duban.notification where item_code in (?, ?)", String.class,
        failed, committed)).containsExactly(committed);
  }

  @Test
  void twelveOverdueItemsOfOnePersonOnOneDayArriveAsOneInboxMessage() {
    String recipient = person("huang");
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      codes.add(code(YEAR));
      // each item's timer fires on its own: twelve transactions, a few seconds apart
      notifications.enqueue(chase(recipient, codes.get(i), day), now.plusSeconds(i * 5L));
    }

    deliverer.deliverDue(now.plusSeconds(60));
    assertThat(inboxMessages(jdbc, recipient)).as("waits for the others of the day").isEmpty();

    deliverer.deliverDue(now.plus(properties.digestDelay()));
    List<Long> inbox = inboxMessages(jdbc, recipient);
    assertThat(inbox).hasSize(1);
    NotificationMessage message = repository.message(inbox.get(0)).orElseThrow();
    assertThat(message.subject()).isEqualTo("【逾期催办】您有 12 个事项已逾期");
    assertThat(message.body()).startsWith("您有 12 个事项已逾期：\n1. DB" + YEAR);
    assertThat(message.items()).extracting(Notification::itemCode).containsExactlyInAnyOrderElementsOf(codes);
    for (String code : codes) {
      assertThat(message.body()).contains(code + " 事项" + code + "（完成时限 " + day.minusDays(3) + "）");
      assertThat(messageOf(jdbc, code)).isEqualTo(message.id());
    }

    // nothing is delivered twice, however often the job runs
    deliverer.deliverDue(now.plusSeconds(3600));
    assertThat(inboxMessages(jdbc, recipient)).hasSize(1);
  }

  @Test
  void remindersAreSentOneByOne() {
    String recipient = person("liu");
    String first = code(YEAR);
    String second = code(YEAR);
    notifications.enqueue(reminder(recipient, first, day), now);
    notifications.enqueue(reminder(recipient, second, day), now);

    deliverer.deliverDue(now);

    List<Long> inbox = inboxMessages(jdbc, recipient);
    assertThat(inbox).hasSize(2);
    NotificationMessage one = repository.message(messageOf(jdbc, first)).orElseThrow();
    assertThat(one.subject()).isEqualTo("【临期提醒】" + first + " 事项" + first);
    assertThat(one.body()).isEqualTo("事项将于 " + day.plusDays(3) + " 到期，请抓紧办理。");
    assertThat(one.link()).isEqualTo("/items/" + first);
    assertThat(messageOf(jdbc, second)).isNotEqualTo(one.id());
  }

  @Test
  void aChaseEnqueuedAfterTheDigestWentOutComesInASecondMessageAndOtherDaysInTheirOwn() {
    String recipient = person("zhao");
    notifications.enqueue(chase(recipient, code(YEAR), day), now);
    notifications.enqueue(chase(recipient, code(YEAR), day), now);
    deliverer.deliverDue(now.plus(properties.digestDelay()));
    assertThat(inboxMessages(jdbc, recipient)).hasSize(1);

    String late = code(YEAR);
    notifications.enqueue(chase(recipient, late, day), now.plusSeconds(3600));
    notifications.enqueue(chase(recipient, code(YEAR), day.plusDays(1)), now.plusSeconds(3600));
    deliverer.deliverDue(now.plusSeconds(3600).plus(properties.digestDelay()));

    List<Long> inbox = inboxMessages(jdbc, recipient);
    assertThat(inbox).hasSize(3);
    NotificationMessage lateOne = repository.message(messageOf(jdbc, late)).orElseThrow();
    assertThat(lateOne.isDigest()).isFalse();
    assertThat(lateOne.subject()).startsWith("【逾期催办】" + late);
  }

  @Test
  void everyEnabledChannelGetsADeliveryRecordAndTheInboxOneIsSent() {
    String recipient = person("sun");
    String code = code(YEAR);
    notifications.enqueue(reminder(recipient, code, day), now);
    deliverer.deliverDue(now);

    assertThat(deliverer.activeChannels()).containsExactly(InboxChannel.NAME); // no spring.mail.host in tests
    List<NotificationRepository.DeliveryState> deliveries = repository.deliveries(List.of(messageOf(jdbc, code)));
    assertThat(deliveries).singleElement().satisfies(d -> {
      assertThat(d.channel()).isEqualTo("inbox");
      assertThat(d.status()).isEqualTo("SENT");
      assertThat(d.attempts()).isEqualTo(1);
    });
  }
}

package cn.duban.notify;

import static cn.duban.notify.NotifyFixtures.chase;
import static cn.duban.notify.NotifyFixtures.code;
import static cn.duban.notify.NotifyFixtures.inboxMessages;
import static cn.duban.notify.NotifyFixtures.messageOf;
import static cn.duban.notify.NotifyFixtures.morning;
import static cn.duban.notify.NotifyFixtures.reminder;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import cn.duban.notify.NotificationRepository.DeliveryState;
import cn.duban.organisation.OrganisationService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Node;
import cn.duban.system.BureauClock;

/**
 * E-mail through a real SMTP server (GreenMail, in this JVM). The shared test context has no
 * {@code spring.mail.host}, so the mail channel is built here, on a {@link JavaMailSenderImpl} pointed at GreenMail,
 * with the context's database, inbox and identity service: no second application context.
 */
@DubanSpringTest
class EmailDeliveryIntegrationTest {

  static final int YEAR = 2091;
  static final int SMTP_PORT = Node.freePort();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Autowired NotificationService notifications;
  @Autowired NotificationRepository repository;
  @Autowired InboxChannel inbox;
  @Autowired OrganisationService organisation;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired BureauClock clock;

  final NotifyProperties properties = NotifyFixtures.properties(10, Duration.ofSeconds(30));
  final JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
  NotificationDeliverer deliverer;

  @BeforeEach
  void setUp() {
    mailSender.setHost("127.0.0.1");
    mailSender.setPort(SMTP_PORT);
    deliverer = new NotificationDeliverer(repository,
        List.of(inbox, new EmailChannel(mailSender, properties, organisation)), properties, clock, transactions);
  }

  @Test
  void mailIsInChineseWithTheItemsLinkAndAStableMessageId() throws Exception {
    LocalDate day = LocalDate.of(YEAR, 6, 1);
    Instant now = morning(day);
    String code = code(YEAR);
    notifications.enqueue(new Notification(ALICE, NotificationKind.SUPERVISION, code, "开展第四季度发票风险排查",
        "SUPERVISION", day.minusDays(5), day, null, "事项已逾期 5 个工作日，督查室已启动督办，请于今日内反馈。", null), now);

    deliverer.deliverDue(now);

    MimeMessage mail = onlyMail();
    long message = messageOf(jdbc, code);
    assertThat(mail.getSubject()).isEqualTo("【督办】" + code + " 开展第四季度发票风险排查");
    assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getAddress())
        .isEqualTo("alice@example.gov.cn");
    assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("督办系统");
    assertThat(mail.getContentType()).containsIgnoringCase("charset=UTF-8");
    assertThat(mail.getMessageID()).isEqualTo("<notification-" + message + "@duban.example.gov.cn>");
    String body = (String) mail.getContent();
    assertThat(body)
        .startsWith("爱丽，您好：")
        .contains("事项已逾期 5 个工作日，督查室已启动督办，请于今日内反馈。")
        .contains("查看事项：https://duban.example.gov.cn/items/" + code)
        .contains("全部通知：https://duban.example.gov.cn/notifications");
    assertThat(delivery(message, "email").status()).isEqualTo("SENT");
    assertThat(inboxMessages(jdbc, ALICE)).contains(message);
  }

  @Test
  void aDigestMailListsEveryItemWithItsLink() throws Exception {
    LocalDate day = LocalDate.of(YEAR, 6, 2);
    Instant now = morning(day);
    List<String> codes = List.of(code(YEAR), code(YEAR), code(YEAR));
    for (String code : codes) {
      notifications.enqueue(chase(BOB, code, day), now);
    }

    deliverer.deliverDue(now.plus(properties.digestDelay()));

    MimeMessage mail = onlyMail();
    assertThat(mail.getSubject()).isEqualTo("【逾期催办】您有 3 个事项已逾期");
    String body = (String) mail.getContent();
    assertThat(body).startsWith("鲍勃，您好：").contains("您有 3 个事项已逾期：");
    for (String code : codes) {
      assertThat(body).contains(code + " 事项" + code + "（完成时限 " + day.minusDays(3) + "）")
          .contains("查看事项：https://duban.example.gov.cn/items/" + code);
    }
  }

  @Test
  void anSmtpOutageDelaysTheMailButTheInboxHasItAtOnceAndNothingIsLost() throws Exception {
    LocalDate day = LocalDate.of(YEAR, 6, 3);
    Instant now = morning(day);
    String code = code(YEAR);
    notifications.enqueue(reminder(ALICE, code, day), now);
    mailSender.setPort(Node.freePort()); // nobody listens there: the SMTP server is down

    deliverer.deliverDue(now);
    long message = messageOf(jdbc, code);
    assertThat(delivery(message, "inbox").status()).isEqualTo("SENT");
    assertThat(inboxMessages(jdbc, ALICE)).contains(message);
    DeliveryState down = delivery(message, "email");
    assertThat(down.status()).isEqualTo("PENDING");
    assertThat(down.attempts()).isEqualTo(1);
    assertThat(down.nextAttemptAt()).isEqualTo(now.plusSeconds(30));
    assertThat(down.lastError()).containsIgnoringCase("connect");

    deliverer.deliverDue(now.plusSeconds(30));
    assertThat(delivery(message, "email").attempts()).isEqualTo(2);
    assertThat(delivery(message, "email").nextAttemptAt()).isEqualTo(now.plusSeconds(90));

    mailSender.setPort(SMTP_PORT); // back
    deliverer.deliverDue(now.plusSeconds(60));
    assertThat(smtp.getReceivedMessages()).as("still waiting for its back-off").isEmpty();
    deliverer.deliverDue(now.plusSeconds(90));
    MimeMessage mail = onlyMail();
    assertThat(mail.getSubject()).isEqualTo("【临期提醒】" + code + " 事项" + code);
    assertThat(delivery(message, "email").status()).isEqualTo("SENT");
    assertThat(delivery(message, "email").attempts()).isEqualTo(3);

    deliverer.deliverDue(now.plusSeconds(86_400));
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(inboxMessages(jdbc, ALICE).stream().filter(id -> id == message)).hasSize(1);
  }

  @Test
  void aPersonWithoutAnEmailAddressGetsTheInboxMessageOnly() {
    String userId = "nomail";
    if (!organisation.userExists(userId)) {
      organisation.createUser(userId, "无邮箱", null, "test-pass");
    }
    LocalDate day = LocalDate.of(YEAR, 6, 4);
    Instant now = morning(day);
    String code = code(YEAR);
    notifications.enqueue(reminder(userId, code, day), now);

    deliverer.deliverDue(now);

    long message = messageOf(jdbc, code);
    assertThat(inboxMessages(jdbc, userId)).containsExactly(message);
    DeliveryState email = delivery(message, "email");
    assertThat(email.status()).isEqualTo("SKIPPED");
    assertThat(email.lastError()).isEqualTo("no e-mail address");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void aMailClaimedByANodeThatDiedBeforeRecordingTheOutcomeIsSentAgainAfterTheSendTimeout() throws Exception {
    LocalDate day = LocalDate.of(YEAR, 6, 5);
    Instant now = morning(day);
    String code = code(YEAR);
    notifications.enqueue(reminder(ALICE, code, day), now);
    // compose and deliver the inbox, without e-mail
    new NotificationDeliverer(repository, List.of(inbox, new EmailChannel(mailSender, properties, organisation) {
      @Override
      public boolean enabled() {
        return false;
      }
    }), properties, clock, transactions).deliverDue(now);
    long message = messageOf(jdbc, code);
    // the crash: a node claimed the mail (committed) and died; whether it reached the server is unknown
    var transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    transaction.executeWithoutResult(s -> repository.insertDelivery(message, "email", now));
    transaction.executeWithoutResult(s -> assertThat(
        repository.claimOne("email", now, now.plus(properties.sendTimeout()))).isPresent());

    deliverer.deliverDue(now.plusSeconds(60));
    assertThat(smtp.getReceivedMessages()).as("claimed by the other node until the send timeout").isEmpty();

    deliverer.deliverDue(now.plus(properties.sendTimeout()));
    assertThat(onlyMail().getMessageID()).isEqualTo("<notification-" + message + "@duban.example.gov.cn>");
    assertThat(delivery(message, "email").status()).isEqualTo("SENT");
    assertThat(delivery(message, "email").attempts()).isEqualTo(2);
  }

  private DeliveryState delivery(long messageId, String channel) {
    return repository.deliveries(List.of(messageId)).stream().filter(d -> d.channel().equals(channel)).findFirst()
        .orElseThrow();
  }

  private MimeMessage onlyMail() throws MessagingException {
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).as(Arrays.toString(received)).hasSize(1);
    return received[0];
  }
}

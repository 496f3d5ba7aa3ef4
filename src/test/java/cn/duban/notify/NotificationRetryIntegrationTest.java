package cn.duban.notify;

import static cn.duban.notify.NotifyFixtures.code;
import static cn.duban.notify.NotifyFixtures.messageOf;
import static cn.duban.notify.NotifyFixtures.morning;
import static cn.duban.notify.NotifyFixtures.person;
import static cn.duban.notify.NotifyFixtures.reminder;
import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.notify.NotificationRepository.DeliveryState;
import cn.duban.support.DubanSpringTest;
import cn.duban.system.BureauClock;
import cn.duban.support.Http;

/** Retries with exponential back-off, and failures that are kept and shown to administrators. */
@DubanSpringTest
class NotificationRetryIntegrationTest {

  static final int YEAR = 2093;

  @LocalServerPort int port;
  @Autowired NotificationService notifications;
  @Autowired NotificationRepository repository;
  @Autowired InboxChannel inbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired BureauClock clock;

  final Instant now = morning(LocalDate.of(YEAR, 4, 7));

  NotificationDeliverer deliverer(NotifyProperties properties, NotificationChannel... channels) {
    var all = new ArrayList<NotificationChannel>(List.of(inbox));
    all.addAll(List.of(channels));
    return new NotificationDeliverer(repository, all, properties, clock, transactions);
  }

  DeliveryState delivery(long messageId, String channel) {
    return repository.deliveries(List.of(messageId)).stream().filter(d -> d.channel().equals(channel)).findFirst()
        .orElseThrow();
  }

  @Test
  void aFailingChannelIsRetriedWithExponentialBackoffWhileTheInboxHasTheMessageAtOnce() {
    var sms = new RecordingChannel("sms-backoff", false);
    sms.failing = true;
    NotificationDeliverer deliverer = deliverer(NotifyFixtures.properties(10, Duration.ofSeconds(30)), sms);
    String code = code(YEAR);
    notifications.enqueue(reminder(person("qian"), code, now.atZone(NotifyFixtures.BUREAU).toLocalDate()), now);

    deliverer.deliverDue(now);
    long message = messageOf(jdbc, code);
    assertThat(delivery(message, "inbox").status()).isEqualTo("SENT");
    DeliveryState first = delivery(message, "sms-backoff");
    assertThat(first.status()).isEqualTo("PENDING");
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.nextAttemptAt()).isEqualTo(now.plusSeconds(30));
    assertThat(first.lastError()).contains("网关不可用");

    deliverer.deliverDue(now.plusSeconds(29));
    assertThat(sms.calls(message)).as("not before the back-off has passed").isEqualTo(1);
    deliverer.deliverDue(now.plusSeconds(30));
    assertThat(delivery(message, "sms-backoff").nextAttemptAt()).isEqualTo(now.plusSeconds(30 + 60));
    deliverer.deliverDue(now.plusSeconds(90));
    assertThat(delivery(message, "sms-backoff").nextAttemptAt()).isEqualTo(now.plusSeconds(90 + 120));
    assertThat(sms.calls(message)).isEqualTo(3);

    sms.failing = false; // the gateway is back
    deliverer.deliverDue(now.plusSeconds(210));
    DeliveryState sent = delivery(message, "sms-backoff");
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.attempts()).isEqualTo(4);
    assertThat(sms.deliveries(message)).isEqualTo(1);
    deliverer.deliverDue(now.plusSeconds(3600));
    assertThat(sms.calls(message)).isEqualTo(4);
  }

  @Test
  void aDeliveryThatFailsMaxAttemptsTimesIsKeptAsFailedAndAdministratorsCanRequeueIt() {
    var sms = new RecordingChannel("sms-failed", false);
    sms.failing = true;
    NotificationDeliverer deliverer = deliverer(NotifyFixtures.properties(3, Duration.ofMinutes(1)), sms);
    String code = code(YEAR);
    notifications.enqueue(reminder(person("zhou"), code, LocalDate.of(YEAR, 4, 7)), now);

    deliverer.deliverDue(now);
    deliverer.deliverDue(now.plusSeconds(60));
    deliverer.deliverDue(now.plusSeconds(180));
    deliverer.deliverDue(now.plusSeconds(86_400));
    long message = messageOf(jdbc, code);
    assertThat(sms.calls(message)).isEqualTo(3);
    DeliveryState failed = delivery(message, "sms-failed");
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.lastError()).contains("网关不可用");

    // kept and visible: administrators see it; nobody else may
    Http admin = Http.basic(port, ADMIN, ADMIN_PASSWORD);
    JsonNode list = admin.get("/api/admin/notifications/failed?limit=1000").json();
    assertThat(list.findValues("messageId")).extracting(JsonNode::asLong).contains(message);
    assertThat(Http.basic(port, ALICE, PASSWORD).get("/api/admin/notifications/failed").status()).isEqualTo(403);

    Http.Response requeued = admin.post("/api/admin/notifications/failed/retry", "");
    assertThat(requeued.status()).as(requeued.body()).isEqualTo(200);
    assertThat(requeued.json().get("requeued").asInt()).isPositive();
    assertThat(delivery(message, "sms-failed").status()).isEqualTo("PENDING");
    assertThat(delivery(message, "sms-failed").attempts()).isZero();
    sms.failing = false;
    deliverer.deliverDue(now.plusSeconds(86_400));
    assertThat(delivery(message, "sms-failed").status()).isEqualTo("SENT");
  }

  @Test
  void aMessageThatFailsInATransactionalChannelDoesNotHoldUpTheOthersOfTheBatch() {
    var audit = new RecordingChannel("table-failing", true) {
      @Override
      public DeliveryOutcome deliver(NotificationMessage message) {
        if (message.items().get(0).itemTitle().contains("坏")) {
          // a broken statement aborts PostgreSQL's transaction: only a savepoint saves the rest of the batch
          jdbc.execute("select * from duban.no_such_table");
        }
        return super.deliver(message);
      }
    };
    NotificationDeliverer deliverer = deliverer(NotifyFixtures.properties(5, Duration.ofSeconds(30)), audit);
    String recipient = person("wu");
    LocalDate day = LocalDate.of(YEAR, 4, 8);
    String bad = code(YEAR);
    String good = code(YEAR);
    Instant at = morning(day);
    notifications.enqueue(Notification.of(NotificationKind.REMINDER, recipient, bad, "坏事项", day.plusDays(3), day), at);
    notifications.enqueue(reminder(recipient, good, day), at);

    deliverer.deliverDue(at);

    assertThat(delivery(messageOf(jdbc, good), "table-failing").status()).isEqualTo("SENT");
    DeliveryState failed = delivery(messageOf(jdbc, bad), "table-failing");
    assertThat(failed.status()).isEqualTo("PENDING");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("no_such_table");
    assertThat(delivery(messageOf(jdbc, bad), "inbox").status()).isEqualTo("SENT");
  }
}
